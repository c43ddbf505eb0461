import Foundation
import Hummingbird
import Testing
@testable import Repertoire

@Suite("Every route defined once")
struct RouteTests {
    /// Parameter values that need escaping, to prove printing and matching agree.
    static func sample(_ route: Route) -> [String] {
        route.parameterNames.enumerated().map { index, name in index == 0 ? "valeur à/échapper \(name)" : "\(index)2" }
    }

    @Test("every case prints a path that leads back to it, with the same parameters")
    func printedPathsMatchTheirRoute() {
        for route in Route.allCases {
            let parameters = Self.sample(route)
            let printed = route.path(parameters)
            #expect(!printed.contains(" "), "\(route): \(printed)")
            let matched = Route.match(printed)
            #expect(matched?.route == route, "\(printed) matched \(String(describing: matched?.route)) instead of \(route)")
            #expect(matched?.parameters == parameters, "\(route)")
            if route.hasEnglish {
                #expect(route.path(parameters, language: .en).hasPrefix("/en"), "\(route)")
            } else {
                #expect(route.path(parameters, language: .en) == printed, "\(route) has no English page")
            }
        }
        #expect(Route.match("/nulle-part") == nil)
        #expect(Route.match("/gestion/import/lots/abc/annuler")?.route == .importRevert)
    }

    @Test("the router registers exactly the routes the enum defines (the API aside), protected ones in the access table")
    func routerAndEnumAgree() async throws {
        let database = try await Database.open(.sqliteMemory, logger: TestDatabases.logger)
        let directory = DirectoryService(database: database, logger: TestDatabases.logger)
        let access = AccessTable()
        let router = try await buildRouter(Configuration(), database: database, directory: directory, access: access)
        var registered = Set<String>()
        for description in router.routes {
            let path = "/" + description.path.description.split(separator: "/").joined(separator: "/")
            guard !path.hasPrefix("/api/") else { continue }
            registered.insert(path.hasPrefix("/en/") ? String(path.dropFirst(3)) : path == "/en" ? "/" : path)
        }
        let defined = Set(Route.allCases.map(\.rawValue))
        let normalised = Set(registered.map { $0.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "") })
        #expect(normalised == defined, "registered but not defined: \(normalised.subtracting(defined)); defined but not registered: \(defined.subtracting(normalised))")
        for rule in access.rules where !rule.isAPI {
            let route = try #require(Route.allCases.first { $0.pattern() == rule.path || ($0.hasEnglish && $0.pattern(.en) == rule.path) }, "\(rule.path)")
            #expect(route.permission == rule.permission, "\(rule.path)")
        }
        for route in Route.allCases where route.permission != nil {
            #expect(access.rules.contains { $0.path == route.pattern() }, "\(route) is protected but not in the access table")
        }
        await database.close()
    }
}
