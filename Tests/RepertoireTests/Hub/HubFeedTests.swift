import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The hub's Atom feeds and iCalendar files, read by real libraries: feedparser and lxml with
/// RFC 4287's rules for Atom, the `icalendar` package for RFC 5545 (with Quebec's time zone in
/// winter and in summer).
@Suite("J'achète feeds and calendars")
struct HubFeedTests {
    typealias Hub = HubTests

    /// RFC 4287's requirements, checked on top of feedparser's reading (no Atom validator is on
    /// PyPI: the W3C's is not published there).
    static let atomScript = #"""
import json, re, sys
import feedparser
from lxml import etree
A = "{http://www.w3.org/2005/Atom}"
data = open(sys.argv[1], "rb").read()
errors = []
root = etree.fromstring(data)
if root.tag != A + "feed": errors.append("root is not atom:feed")
date = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
def one(parent, name, where):
    found = parent.findall(A + name)
    if len(found) != 1: errors.append(f"{where}: {len(found)} atom:{name}")
    return found[0] if found else None
def check_date(element, where):
    if element is not None and not date.match(element.text or ""): errors.append(f"{where}: date {element.text!r}")
for name in ("id", "title"): one(root, name, "feed")
check_date(one(root, "updated", "feed"), "feed")
feed_author = len(root.findall(A + "author")) > 0
for link in root.iter(A + "link"):
    href = link.get("href") or ""
    if not href or re.search(r"\s", href): errors.append(f"link href {href!r}")
selfs = [l for l in root.findall(A + "link") if l.get("rel") == "self"]
if len(selfs) != 1: errors.append("feed: no rel=self link")
for i, entry in enumerate(root.findall(A + "entry")):
    where = f"entry {i}"
    identifier = one(entry, "id", where)
    if identifier is not None and (re.search(r"\s", identifier.text or "") or not re.match(r"^[a-z][a-z0-9+.-]*:", identifier.text or "")):
        errors.append(f"{where}: id {identifier.text!r}")
    one(entry, "title", where)
    check_date(one(entry, "updated", where), where)
    for published in entry.findall(A + "published"): check_date(published, where)
    if not feed_author and not entry.findall(A + "author"): errors.append(f"{where}: no author")
    for content in entry.findall(A + "content"):
        if content.get("type") not in (None, "text", "html", "xhtml"): errors.append(f"{where}: content type")
    alternates = [l for l in entry.findall(A + "link") if l.get("rel", "alternate") == "alternate"]
    if not entry.findall(A + "content") and not alternates: errors.append(f"{where}: neither content nor alternate link")
parsed = feedparser.parse(data)
if parsed.bozo: errors.append(f"feedparser: {parsed.bozo_exception}")
if parsed.version != "atom10": errors.append(f"feedparser version {parsed.version!r}")
print(json.dumps({"errors": errors, "titles": [e.title for e in parsed.entries], "links": [e.link for e in parsed.entries],
                  "contents": [e.content[0].value if "content" in e else "" for e in parsed.entries], "feed": parsed.feed.get("title", "")}))
"""#

    static let icsScript = #"""
import json, sys
from datetime import datetime
import icalendar
data = open(sys.argv[1], "rb").read()
errors = []
for line in data.split(b"\r\n")[:-1]:
    if len(line) > 75: errors.append(f"line of {len(line)} octets")
    if b"\n" in line or b"\r" in line: errors.append("bare line break")
if not data.endswith(b"\r\n"): errors.append("no final CRLF")
calendar = icalendar.Calendar.from_ical(data)
if str(calendar.get("VERSION")) != "2.0": errors.append("VERSION")
if not calendar.get("PRODID"): errors.append("PRODID")
zones = [z for z in calendar.walk("VTIMEZONE") if str(z.get("TZID")) == "America/Toronto"]
if len(zones) != 1: errors.append("no VTIMEZONE America/Toronto")
events = []
for event in calendar.walk("VEVENT"):
    for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        if event.get(key) is None: errors.append(f"VEVENT without {key}")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    if not isinstance(start, datetime) or start.tzinfo is None: errors.append("DTSTART without time zone")
    if end <= start: errors.append("DTEND before DTSTART")
    events.append({"summary": str(event.get("SUMMARY")), "uid": str(event.get("UID")), "start_local": start.strftime("%Y-%m-%d %H:%M"),
                   "utc_offset": start.utcoffset().total_seconds() / 3600, "location": str(event.get("LOCATION")), "url": str(event.get("URL"))})
print(json.dumps({"errors": errors, "events": events}))
"""#

    struct AtomReport: Decodable {
        var errors: [String]
        var titles: [String]
        var links: [String]
        var contents: [String]
        var feed: String
    }

    struct CalendarReport: Decodable {
        struct Event: Decodable {
            var summary: String
            var uid: String
            var start_local: String
            var utc_offset: Double
            var location: String
            var url: String
        }
        var errors: [String]
        var events: [Event]
    }

    static func read<T: Decodable>(_ script: String, _ body: [UInt8], suffix: String, as: T.Type) throws -> T? {
        try PythonTool.withTemporaryFile(body, suffix: suffix) { path in
            guard let output = try PythonTool.run(script, arguments: [path]) else { return nil }
            return try JSONDecoder().decode(T.self, from: Data(output.utf8))
        }
    }

    static func training(_ title: String, day: String, regions: [String]) -> [(String, String)] {
        [("type", "formation"), ("titre", title), ("resume", "Les règles, les seuils et les entreprises de la région."),
         ("texte", "# Au programme\n\n- les seuils ;\n- le *gré à gré*."), ("date", day), ("debut", "09:30"), ("fin", "11:30"),
         ("lieu", "Hôtel de ville, 4250, chemin de la Savane; salle du conseil"), ("public", "Acheteurs municipaux")] + regions.map { ("regions", $0) }
    }

    @Test("Atom feeds of articles, trainings and new enterprises, whole site and per region, read by feedparser and checked against RFC 4287")
    func atom() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let montérégie = try await env.signedIn([.hubEditor], regions: ["16"])
            let mauricie = try await env.signedIn([.hubEditor], regions: ["04"])
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let story = try await Hub.create(client, montérégie, Hub.story(title: "Longueuil & ses « coops » <déneigent>"))
            let training = try await Hub.create(client, montérégie, Self.training("Acheter local, 101", day: "\(year)-02-18", regions: ["16"]))
            let other = try await Hub.create(client, mauricie, Hub.story(title: "Trois-Rivières récupère", regions: ["04"]))
            for (user, id) in [(montérégie, story), (montérégie, training), (mauricie, other)] {
                #expect(try await Hub.status(client, user, env, id, [("action", "publier")]) == .seeOther)
            }
            var bodies: [String: [UInt8]] = [:]
            for uri in ["/jachete/articles.atom", "/jachete/articles.atom?region=04", "/jachete/formations.atom", "/en/jachete/articles.atom",
                        "/jachete/nouvelles-entreprises.atom?region=16"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "application/atom+xml; charset=utf-8", "\(uri)")
                    bodies[uri] = Array(buffer: response.body)
                }
            }
            try await client.execute(uri: "/jachete/articles.atom?region=99", method: .get) { #expect($0.status == .badRequest) }
            guard let all = try Self.read(Self.atomScript, bodies["/jachete/articles.atom"]!, suffix: ".atom", as: AtomReport.self) else { return }
            #expect(all.errors == [])
            #expect(Set(all.titles) == ["Longueuil & ses « coops » <déneigent>", "Acheter local, 101", "Trois-Rivières récupère"])
            #expect(all.links.allSatisfy { $0.hasPrefix("http://") && $0.contains("/jachete/articles/") })
            #expect(all.contents.contains { $0.contains("<h2>Au programme</h2>") })
            let region = try #require(try Self.read(Self.atomScript, bodies["/jachete/articles.atom?region=04"]!, suffix: ".atom", as: AtomReport.self))
            #expect(region.errors == [] && region.titles == ["Trois-Rivières récupère"] && region.feed.contains("Mauricie"))
            let trainings = try #require(try Self.read(Self.atomScript, bodies["/jachete/formations.atom"]!, suffix: ".atom", as: AtomReport.self))
            #expect(trainings.errors == [] && trainings.titles == ["Acheter local, 101"])
            let english = try #require(try Self.read(Self.atomScript, bodies["/en/jachete/articles.atom"]!, suffix: ".atom", as: AtomReport.self))
            #expect(english.errors == [] && english.links.allSatisfy { $0.contains("/en/jachete/articles/") })
            let newcomers = try #require(try Self.read(Self.atomScript, bodies["/jachete/nouvelles-entreprises.atom?region=16"]!, suffix: ".atom", as: AtomReport.self))
            #expect(newcomers.errors == [] && Set(newcomers.titles) == ["Déneigement Rive-Sud", "Traiteur Saveurs Solidaires"])
        }
    }

    @Test("the trainings' calendar and each training's .ics are RFC 5545 files with Quebec's time zone, winter and summer")
    func icalendar() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let winter = try await Hub.create(client, editor, Self.training("Acheter local, l'hiver; avec un titre assez long pour que la ligne soit repliée", day: "\(year)-02-18", regions: ["16"]))
            let summer = try await Hub.create(client, editor, Self.training("Acheter local, l'été", day: "\(year)-07-08", regions: ["16"]))
            for id in [winter, summer] { #expect(try await Hub.status(client, editor, env, id, [("action", "publier")]) == .seeOther) }
            let calendar = try await client.execute(uri: "/jachete/formations.ics", method: .get) { response in
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                return Array(buffer: response.body)
            }
            guard let report = try Self.read(Self.icsScript, calendar, suffix: ".ics", as: CalendarReport.self) else { return }
            #expect(report.errors == [])
            #expect(report.events.count == 2)
            let byDay = Dictionary(uniqueKeysWithValues: report.events.map { (String($0.start_local.prefix(10)), $0) })
            #expect(byDay["\(year)-02-18"]?.start_local == "\(year)-02-18 09:30" && byDay["\(year)-02-18"]?.utc_offset == -5)
            #expect(byDay["\(year)-07-08"]?.start_local == "\(year)-07-08 09:30" && byDay["\(year)-07-08"]?.utc_offset == -4)
            #expect(byDay["\(year)-02-18"]?.location == "Hôtel de ville, 4250, chemin de la Savane; salle du conseil")
            #expect(byDay["\(year)-02-18"]?.summary.hasPrefix("Acheter local, l'hiver; avec") == true)

            let slug = try await Hub.slug(env.database, summer)
            let single = try await client.execute(uri: "/jachete/articles/\(slug)/calendrier.ics", method: .get) { response in
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                return Array(buffer: response.body)
            }
            let one = try #require(try Self.read(Self.icsScript, single, suffix: ".ics", as: CalendarReport.self))
            #expect(one.errors == [] && one.events.count == 1 && one.events[0].url.hasSuffix("/jachete/articles/\(slug)"))
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect($0.text.contains("/jachete/articles/\(slug)/calendrier.ics")) }
        }
    }
}
