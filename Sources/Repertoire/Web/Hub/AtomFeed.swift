import Foundation

/// An Atom 1.0 feed (RFC 4287): the hub's articles, its trainings and the new enterprises, for
/// feed readers. Every text goes through ``XMLText``; dates are RFC 3339 in UTC.
struct AtomFeed {
    struct Entry {
        /// A permanent IRI: the page's address (articles' addresses never change).
        var id: String
        var title: String
        var link: String
        var updated: Date
        var published: Date?
        var summary: String
        /// Escaped HTML (`type="html"`): the article's rendered Markdown.
        var contentHTML: String?
        var categories: [String] = []
        /// The entry's language when it differs from the feed's (a French article in the English feed).
        var language: String?
    }

    var id: String
    var title: String
    var subtitle: String
    var selfURL: String
    var alternateURL: String
    var language: String
    var author: String
    var entries: [Entry]
    /// When nothing is listed: the feed's own last change.
    var emptyUpdated: Date

    static func stamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    var xml: String {
        let updated = entries.map(\.updated).max() ?? emptyUpdated
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XMLText.escape(language))\">\n"
        out += "<id>\(XMLText.escape(id))</id>\n<title>\(XMLText.escape(title))</title>\n<subtitle>\(XMLText.escape(subtitle))</subtitle>\n"
        out += "<updated>\(Self.stamp(updated))</updated>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(selfURL))\"/>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(alternateURL))\"/>\n"
        out += "<author><name>\(XMLText.escape(author))</name></author>\n<generator>Répertoire</generator>\n"
        for entry in entries {
            out += "<entry\(entry.language.map { " xml:lang=\"\(XMLText.escape($0))\"" } ?? "")>\n"
            out += "<id>\(XMLText.escape(entry.id))</id>\n<title>\(XMLText.escape(entry.title))</title>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(entry.link))\"/>\n"
            out += "<updated>\(Self.stamp(entry.updated))</updated>\n"
            if let published = entry.published { out += "<published>\(Self.stamp(published))</published>\n" }
            for category in entry.categories { out += "<category term=\"\(XMLText.escape(category))\"/>\n" }
            out += "<summary>\(XMLText.escape(entry.summary))</summary>\n"
            if let html = entry.contentHTML { out += "<content type=\"html\">\(XMLText.escape(html))</content>\n" }
            out += "</entry>\n"
        }
        out += "</feed>\n"
        return out
    }
}
