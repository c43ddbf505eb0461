import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import Repertoire

/// A sender that keeps what it is given, failing as told.
final class RecordingMailSender: MailSender {
    struct Failure: Error, PermanentMailError, CustomStringConvertible {
        var isPermanent: Bool
        var description: String { isPermanent ? "550 refused for good" : "421 try again later" }
    }

    enum Mode { case accept, fail, refuse }

    private let state = Mutex<(mode: Mode, delivered: [RenderedMail])>((.accept, []))

    var delivered: [RenderedMail] { state.withLock { $0.delivered } }

    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }

    func deliver(_ mail: RenderedMail) async throws {
        try state.withLock { state in
            switch state.mode {
            case .accept: state.delivered.append(mail)
            case .fail: throw Failure(isPermanent: false)
            case .refuse: throw Failure(isPermanent: true)
            }
        }
    }
}

@Suite("Delivering the outbox")
struct OutboxDeliveryServiceTests {
    static let from = try! MailAddress.parse("Répertoire <no-reply@repertoire.exemple.org>")

    @Test("a round sends what is due, records failures and gives up on refusals")
    func rounds() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            // given
            let sender = RecordingMailSender()
            let service = OutboxDeliveryService(outbox: Outbox(database: database), sender: sender, from: Self.from,
                                                logger: TestDatabases.logger)
            let id = try await service.outbox.enqueue(OutboxTests.message(1))
            // when
            let round = await service.deliverDue()
            // then
            #expect(round == .init(sent: 1, retrying: 0, failed: 0))
            let mail = try #require(sender.delivered.first)
            #expect(mail.recipient == "personne1@exemple.org" && mail.sender == "no-reply@repertoire.exemple.org")
            #expect(try ParsedMail(mail.data).subject == "Invitation nº 1")
            #expect(try await service.outbox.entry(id)?.status == .sent)

            sender.set(.fail)
            let retried = try await service.outbox.enqueue(OutboxTests.message(2))
            #expect(await service.deliverDue() == .init(sent: 0, retrying: 1, failed: 0))
            let entry = try #require(try await service.outbox.entry(retried))
            #expect(entry.status == .pending && entry.lastError == "421 try again later" && entry.attempts == 1)
            // backing off: not retried in the next round
            #expect(await service.deliverDue() == .init())

            sender.set(.refuse)
            let refused = try await service.outbox.enqueue(OutboxTests.message(3))
            #expect(await service.deliverDue() == .init(sent: 0, retrying: 0, failed: 1))
            #expect(try await service.outbox.entry(refused)?.status == .failed)
        }
    }

    @Test("the account flows' drafts reach the outbox through OutboxMailQueue, inside their transaction")
    func mailQueue() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            let sender = RecordingMailSender()
            let service = OutboxDeliveryService(outbox: Outbox(database: database), sender: sender, from: Self.from,
                                                logger: TestDatabases.logger)
            let queue = OutboxMailQueue(delivery: service)
            let draft = MailDraft(to: "julie@exemple.org", subject: "Réinitialiser votre mot de passe", body: "https://x/lien", kind: "password-reset")
            try await database.transaction { sql in try await queue.enqueue(draft, now: Date(), on: sql) }
            #expect(await service.deliverDue().sent == 1)
            let entry = try #require(try await service.outbox.recent().first)
            #expect(entry.kind == .passwordReset && entry.to == "julie@exemple.org" && entry.status == .sent)
            #expect(try ParsedMail(try #require(sender.delivered.first).data).subject == draft.subject)
        }
    }

    @Test("the running service delivers right after wake(), and stops on graceful shutdown")
    func wakeAndShutdown() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            let sender = RecordingMailSender()
            // A poll interval far longer than the test: only wake() can explain a prompt delivery.
            let service = OutboxDeliveryService(outbox: Outbox(database: database), sender: sender, from: Self.from,
                                                pollInterval: .seconds(3600), logger: TestDatabases.logger)
            let group = ServiceGroup(configuration: .init(services: [service], logger: TestDatabases.logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(100))
                _ = try await database.transaction { sql in try await Outbox.enqueue(OutboxTests.message(1), on: sql) }
                service.wake()
                let deadline = ContinuousClock.now + .seconds(5)
                while sender.delivered.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(sender.delivered.count == 1)

                let asked = ContinuousClock.now
                await group.triggerGracefulShutdown()
                try await tasks.next()
                // A bound against hanging, not a timing: the whole suite runs in parallel on 2 cores.
                #expect(ContinuousClock.now - asked < .seconds(30))
            }
        }
    }
}

@Suite("Delivering the outbox through SMTP", .enabled(if: TestSMTPServer.shouldRun))
struct OutboxSMTPTests {
    @Test("the outbox delivers through SMTP end to end")
    func outboxEndToEnd() async throws {
        try await TestSMTPServer.with { server in
            try await TestDatabases.withDatabase(.sqliteMemory) { database in
                let service = OutboxDeliveryService(outbox: Outbox(database: database), sender: try SMTPMailSender(settings: server.settings),
                                                    from: try MailAddress.parse("Répertoire <no-reply@repertoire.exemple.org>"),
                                                    logger: TestDatabases.logger)
                let id = try await service.outbox.enqueue(MailComposerTests.message)
                #expect(await service.deliverDue().sent == 1)
                let received = try await server.waitForMessages(count: 1)
                #expect(received[0].subject == MailComposerTests.message.subject)
                #expect(received[0].links == [MailComposerTests.longLink])
                #expect(try await service.outbox.entry(id)?.status == .sent)
            }
        }
    }
}
