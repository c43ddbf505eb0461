import Foundation

/// The hub's trainings as iCalendar (RFC 5545): one file for every upcoming training (a calendar
/// people subscribe to), or one training (the `.ics` of its page and of the registration e-mail).
/// Times are written in Quebec's time zone with its VTIMEZONE, so calendars show them right in
/// summer and in winter; lines end in CRLF and are folded at 75 octets.
enum TrainingCalendar {
    static let productID = "-//Répertoire//J'achète//FR"

    /// America/Toronto's rules since 2007: daylight time from the second Sunday of March to the
    /// first Sunday of November.
    static let timeZone = [
        "BEGIN:VTIMEZONE", "TZID:America/Toronto",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    struct Event {
        var article: Article
        var url: String
    }

    static func calendar(name: String, events: [Event], host: String, now: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + text(name),
                     "X-WR-TIMEZONE:America/Toronto"]
        lines += timeZone
        for event in events {
            guard let training = event.article.training else { continue }
            let article = event.article
            lines += ["BEGIN:VEVENT", "UID:\(article.id)@\(host)", "DTSTAMP:" + utc(now), "LAST-MODIFIED:" + utc(article.updatedAt),
                      "SEQUENCE:\(article.version)", "DTSTART;TZID=America/Toronto:" + local(training.startsAt),
                      "DTEND;TZID=America/Toronto:" + local(training.endsAt), "SUMMARY:" + text(article.titleFrench),
                      "DESCRIPTION:" + text(article.summaryFrench + "\n" + event.url),
                      "LOCATION:" + text(training.online ? (training.place.isEmpty ? "En ligne" : "En ligne — " + training.place) : training.place),
                      "URL:" + event.url, "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private static let localFormat: Date.VerbatimFormatStyle = {
        Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)T\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)",
                                 timeZone: QuebecTime.timeZone, calendar: Calendar(identifier: .gregorian))
    }()

    private static let utcFormat: Date.VerbatimFormatStyle = {
        Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)T\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)Z",
                                 timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
    }()

    static func local(_ date: Date) -> String { date.formatted(localFormat) }
    static func utc(_ date: Date) -> String { date.formatted(utcFormat) }

    /// TEXT values: backslash, semicolon and comma escaped, line breaks as `\n`.
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default:
                if let ascii = character.asciiValue, ascii < 0x20 { continue }
                out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// character's UTF-8 bytes.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out
    }
}
