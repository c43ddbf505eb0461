import Hummingbird

/// The methods each route path answers, to tell "no such page" (404) from "not with this method"
/// (405 with an `Allow` header) for requests the router itself does not match.
struct RouteTable: Sendable {
    private let routes: [(segments: [String], methods: Set<String>)]

    init(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        var byPath: [String: Set<String>] = [:]
        for route in descriptions { byPath[route.path.description, default: []].insert(route.method.rawValue) }
        routes = byPath.map { (Self.segments($0.key), $0.value) }
    }

    /// The methods allowed at `path`, or nil when no route has that path.
    func allowedMethods(for path: String) -> [String]? {
        let requested = Self.segments(path)
        var allowed = Set<String>()
        for route in routes where route.segments.count == requested.count {
            let matches = zip(route.segments, requested).allSatisfy { pattern, segment in
                (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern.hasPrefix(":") || pattern == segment
            }
            if matches { allowed.formUnion(route.methods) }
        }
        guard !allowed.isEmpty else { return nil }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return allowed.sorted()
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }
}

import Synchronization

/// Holds the route table for middleware added before the routes themselves.
final class RouteTableBox: Sendable {
    private let table = Mutex<RouteTable?>(nil)

    func set(_ value: RouteTable) { table.withLock { $0 = value } }
    var value: RouteTable? { table.withLock { $0 } }
}
