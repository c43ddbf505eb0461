import Hummingbird

/// The parameters of a URL's query string as browsers send them from a GET form: `+` stands for
/// a space (`q=entretien+ménager`), `%2B` for a real plus sign.
enum FormQuery {
    static func parameters(_ request: Request) -> [(String, String)] {
        parameters(request.uri.query ?? "")
    }

    /// The parameters of a query string (without its `?`).
    static func parameters(_ query: String) -> [(String, String)] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        // A malformed escape (`%zz`) is kept as typed rather than dropping the parameter.
        return spaced.removingPercentEncoding ?? spaced
    }
}

import Foundation
