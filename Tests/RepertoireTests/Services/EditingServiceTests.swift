import Foundation
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The editing service is where every write path checks the user's reach, on the record as it
/// is and as the write would leave it. These tests call it directly, as both the web pages and
/// the JSON API do.
@Suite("Editing service: reach on every write path")
struct EditingServiceTests {
    struct Setup {
        var service: EditingService
        var directory: DirectoryService
        var admin: EditingService.Actor
        /// A hub editor of region 16 (Montérégie) only.
        var montérégie: EditingService.Actor
        /// An enterprise of Brossard (16).
        var local: Enterprise
        /// An enterprise of Trois-Rivières (04).
        var elsewhere: Enterprise
    }

    static func withSetup(_ body: @escaping @Sendable (Setup, TestEnvironment) async throws -> Void) async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Atelier de Brossard"), Fixtures.minimal("Atelier de Trois-Rivières", municipality: "37067")]) {
            (_: any TestClientProtocol, env: TestEnvironment) in
            let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            let service = EditingService(directory: directory, mail: env.mail)
            let admin = try await env.createUser([.admin])
            let editor = try await env.createUser([.hubEditor], regions: ["16"])
            let store = EnterpriseStore(database: env.database)
            let setup = Setup(service: service, directory: directory,
                              admin: .init(user: admin, client: "test"), montérégie: .init(user: editor, client: "test"),
                              local: try #require(try await store.find("atelier-de-brossard")),
                              elsewhere: try #require(try await store.find("atelier-de-trois-rivieres")))
            try await body(setup, env)
        }
    }

    static func isOutOfReach(_ error: any Error) -> Bool {
        (error as? Refusal)?.kind == .forbidden
    }

    @Test("restoring a version from before a move into the editor's region is refused: it would write into another region")
    func restoreChecksTheRestoredState() async throws {
        try await Self.withSetup { s, env in
            // given: an administrator moved the Trois-Rivières enterprise into Brossard (16)
            var moved = s.elsewhere.profile
            moved.municipalityCode = "58007"
            moved.regionCode = nil
            let (afterMove, _) = try await s.service.update(s.elsewhere.id, expectedVersion: s.elsewhere.version, profile: moved, by: s.admin)
            let history = try await s.service.history(of: s.elsewhere.id)
            let move = try #require(history.first)
            // when: the Montérégie editor restores the state before the move
            await #expect(performing: {
                try await s.service.restoreRevision(s.elsewhere.id, seq: move.seq, state: .before, expectedVersion: afterMove.version, by: s.montérégie)
            }, throws: Self.isOutOfReach)
            // then: nothing was written
            let stored = try #require(try await EnterpriseStore(database: env.database).find(s.elsewhere.id))
            #expect(stored.version == afterMove.version)
            #expect(stored.profile.municipalityCode == "58007")
            // and the administrator may
            let restored = try await s.service.restoreRevision(s.elsewhere.id, seq: move.seq, state: .before, expectedVersion: afterMove.version, by: s.admin)
            #expect(restored.profile.municipalityCode == "37067")
        }
    }

    @Test("creating or moving an enterprise into another region is refused, and nothing is written")
    func createAndUpdateCheckTheResultingRegion() async throws {
        try await Self.withSetup { s, env in
            await #expect(performing: {
                try await s.service.create(Fixtures.minimal("Nouvelle coop", municipality: "37067"), by: s.montérégie)
            }, throws: Self.isOutOfReach)
            #expect(try await EnterpriseStore(database: env.database).find("nouvelle-coop") == nil)

            var away = s.local.profile
            away.municipalityCode = "37067"
            away.regionCode = "04"
            await #expect(performing: {
                try await s.service.update(s.local.id, expectedVersion: s.local.version, profile: away, by: s.montérégie)
            }, throws: Self.isOutOfReach)
            #expect(try await EnterpriseStore(database: env.database).find(s.local.id)?.version == s.local.version)

            // within the region, the same editor may
            var renamed = s.local.profile
            renamed.name = "Atelier de Brossard (coop)"
            let (saved, _) = try await s.service.update(s.local.id, expectedVersion: s.local.version, profile: renamed, by: s.montérégie)
            #expect(saved.version == s.local.version + 1)
        }
    }

    @Test("archive, restore, verify and restoring a version are refused on an enterprise of another region")
    func otherWritesCheckTheCurrentRegion() async throws {
        try await Self.withSetup { s, env in
            let e = s.elsewhere
            await #expect(performing: { try await s.service.archive(e.id, expectedVersion: e.version, by: s.montérégie) }, throws: Self.isOutOfReach)
            await #expect(performing: { try await s.service.restore(e.id, expectedVersion: e.version, by: s.montérégie) }, throws: Self.isOutOfReach)
            await #expect(performing: { try await s.service.verify(e.id, expectedVersion: e.version, by: s.montérégie) }, throws: Self.isOutOfReach)
            let seq: Int64 = try await s.service.history(of: e.id).first?.seq ?? 1
            await #expect(performing: {
                try await s.service.restoreRevision(e.id, seq: seq, state: .after, expectedVersion: e.version, by: s.montérégie)
            }, throws: Self.isOutOfReach)
            #expect(try await EnterpriseStore(database: env.database).find(e.id)?.version == e.version)
            let audit = try await AuditLog(database: env.database).entries()
            #expect(audit.isEmpty, "a refused write leaves no audit entry")
        }
    }

    @Test("every problem of a form is reported at once: the input's and the domain's")
    func validationMergesInputAndDomainIssues() async throws {
        try await Self.withSetup { s, _ in
            var profile = s.local.profile
            profile.email = "pas-un-courriel"
            let typed = FieldIssue(field: "foundedYear", code: "number", message: "Année invalide", english: "Invalid year")
            do throws(ValidationFailure) {
                _ = try s.service.checked(profile, inputIssues: [typed])
                Issue.record("expected a validation failure")
            } catch {
                #expect(error.issues.contains(typed))
                #expect(error.issues.contains { $0.field == "email" })
            }
        }
    }
}
