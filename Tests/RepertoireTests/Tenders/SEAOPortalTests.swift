import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The weekly job: the files found through the portal's CKAN API (a portal served here on
/// 127.0.0.1), on Mondays only, the newest the first time, then every newer one.
@Suite("SEAO portal")
struct SEAOPortalTests {
    @Test func weeklyFilesAreFoundInAPackage() throws {
        let json = Data("""
            {"success": true, "result": {"resources": [
              {"name": "hebdo_20260727_20260802.json", "url": "https://example.invalid/r2/download/hebdo_20260727_20260802.json"},
              {"name": "Avis hebdomadaires", "url": "https://example.invalid/r1/download/hebdo_20260720_20260726.json"},
              {"name": "mensuel_202607.json", "url": "https://example.invalid/r3/download/mensuel_202607.json"},
              {"name": "hebdo_20260720_20260726.json", "url": "ftp://example.invalid/x.json"}
            ]}}
            """.utf8)
        #expect(try SEAOPortal.weeklyResources(json) == [
            .init(url: "https://example.invalid/r1/download/hebdo_20260720_20260726.json", periodEnd: "20260726"),
            .init(url: "https://example.invalid/r2/download/hebdo_20260727_20260802.json", periodEnd: "20260802"),
        ])
        #expect(throws: SEAOPortal.PortalError.self) { try SEAOPortal.weeklyResources(Data("<html>".utf8)) }
        #expect(throws: SEAOPortal.PortalError.self) { try SEAOPortal.weeklyResources(Data(#"{"success": false}"#.utf8)) }
    }

    @Test func theJobImportsTheNewWeeklyFilesOnMondays() async throws {
        let weeks = SharedValue<[String]>(["20261102"])
        let router = Router()
        router.get("api/3/action/package_show") { request, _ -> Response in
            let host = request.head.authority ?? "127.0.0.1"
            let resources = weeks.value.map { end in
                #"{"name": "hebdo_\#(end)_\#(end).json", "url": "http://\#(host)/files/hebdo_\#(end)_\#(end).json"}"#
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"success": true, "result": {"resources": [\#(resources.joined(separator: ","))]}}"#)))
        }
        router.get("files/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            let number = 900000 + (Int(name.dropFirst(6).prefix(8)) ?? 0) % 1000
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: SEAOFixtures.package([SEAOFixtures.tender(number)]))))
        }
        let portal = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await portal.test(.live) { client in
            let port = try #require(client.port)
            try await TestDatabases.withDatabase(.sqliteMemory) { (database: Database) async throws -> Void in
                let tenders = TenderService(database: database)
                let address = "http://127.0.0.1:\(port)/api/3/action/package_show?id=seao"
                // A Tuesday: nothing. A Monday: the newest file only, the first time.
                let tuesday = SEAOPortal(packageURL: address, tenders: tenders, now: { OCDSDate.parse("2026-11-10T12:00:00-05:00")! })
                #expect(try await tuesday.run() == 0)
                #expect(try await tenders.imports().isEmpty)
                let fixed = SEAOPortal(packageURL: address, tenders: tenders, now: { OCDSDate.parse("2026-11-09T12:00:00-05:00")! })
                weeks.value = ["20261026", "20261102"]
                #expect(try await fixed.run() == 1)
                #expect(try await tenders.imports().map { ($0.source as NSString).lastPathComponent } == ["hebdo_20261102_20261102.json"])
                // Next Monday: the new week; nothing twice.
                weeks.value = ["20261026", "20261102", "20261109"]
                #expect(try await fixed.run() == 1)
                #expect(try await fixed.run() == 0)
                #expect(try await tenders.imports().count == 2)
            }
        }
    }
}

/// A value shared with the portal's handlers.
final class SharedValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
