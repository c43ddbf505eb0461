import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers the outbox: looks for due messages every `pollInterval` (other instances' messages,
/// retries coming due) and at once when ``wake()`` is called after an enqueue.
///
/// On graceful shutdown the message being sent is finished (its sender's timeouts bound that),
/// then the service stops. Logs never hold a message's body: it carries single-use links.
public final class OutboxDeliveryService: Service, Sendable {
    public let outbox: Outbox
    private let sender: any MailSender
    private let composer: MailComposer
    private let pollInterval: Duration
    private let logger: Logger
    private let isReady: @Sendable () -> Bool
    private let doorbell = Doorbell()
    private let stopping = Atomic<Bool>(false)

    /// `isReady` holds deliveries back until the app has migrated its database.
    public init(outbox: Outbox, sender: any MailSender, from: MailAddress, pollInterval: Duration = .seconds(1),
                logger: Logger, isReady: @escaping @Sendable () -> Bool = { true }) {
        self.outbox = outbox
        self.sender = sender
        self.composer = MailComposer(from: from)
        self.pollInterval = pollInterval
        self.logger = logger
        self.isReady = isReady
    }

    /// Asks for a delivery round now, e.g. right after a transaction that enqueued a message
    /// committed. Cheap; never blocks.
    public func wake() {
        doorbell.ring()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !stopping.load(ordering: .acquiring) {
                if isReady() { await deliverDue() }
                await doorbell.wait(upTo: pollInterval)
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .releasing)
            self.doorbell.ring()
        }
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
    }

    /// Sends every message due now, one at a time, until none is left or the service stops.
    /// Database errors end the round (logged); the next round tries again.
    @discardableResult
    public func deliverDue(now: @Sendable () -> Date = { Date() }) async -> Round {
        var round = Round()
        while !Task.isCancelled && !stopping.load(ordering: .acquiring) {
            let claimed: [OutboxMessage]
            do {
                claimed = try await outbox.claimDue(now: now(), limit: 1)
            } catch {
                logger.warning("cannot read the e-mail outbox", metadata: ["error": "\(String(reflecting: error))"])
                return round
            }
            guard let item = claimed.first else { return round }
            let mail = composer.render(item.message, token: item.token, date: now())
            do {
                try await sender.deliver(mail)
            } catch {
                guard await recordFailure(item, error, now: now(), into: &round) else { return round }
                continue
            }
            round.sent += 1
            logger.info("e-mail sent", metadata: metadata(item))
            do {
                try await outbox.markSent(item.id, now: now())
            } catch {
                // It went: the worst outcome is a second copy once the lease ends.
                logger.warning("e-mail sent, but the outbox could not record it; it may be sent again",
                               metadata: metadata(item).merging(["error": "\(String(reflecting: error))"]) { $1 })
                return round
            }
        }
        return round
    }

    /// Records a failed attempt; false when even that failed (the round then stops).
    private func recordFailure(_ item: OutboxMessage, _ error: any Error, now: Date, into round: inout Round) async -> Bool {
        let permanent = (error as? any PermanentMailError)?.isPermanent ?? false
        let reason = String(describing: error)
        var details = metadata(item)
        details["error"] = "\(reason)"
        do {
            let status = try await outbox.markFailed(item.id, error: reason, permanent: permanent, now: now)
            if status == .failed {
                round.failed += 1
                logger.error("e-mail given up", metadata: details)
            } else {
                round.retrying += 1
                logger.warning("e-mail not sent; will retry", metadata: details)
            }
            return true
        } catch {
            details["outbox_error"] = "\(String(reflecting: error))"
            logger.warning("e-mail not sent, and the outbox could not record it; it is retried after its lease", metadata: details)
            return false
        }
    }

    /// Never the body or the subject: either may carry a single-use link.
    private func metadata(_ item: OutboxMessage) -> Logger.Metadata {
        ["outbox_id": "\(item.id)", "kind": "\(item.message.kind)", "attempt": "\(item.attempts)"]
    }
}

extension OutboxDeliveryService {
    /// The service as the configuration describes it: its transport and From address.
    convenience init(_ configuration: Configuration, database: Database, logger: Logger,
                     isReady: @escaping @Sendable () -> Bool) throws {
        let transport = configuration.effectiveMailTransport
        let sender: any MailSender
        do {
            sender = try transport.makeSender()
        } catch {
            throw Configuration.Invalid(setting: transport.settingName, reason: "\(transport): \(error)")
        }
        logger.info("e-mail goes to \(transport)", metadata: ["from": "\(configuration.mailFrom)"])
        self.init(outbox: Outbox(database: database), sender: sender, from: configuration.mailFrom, logger: logger, isReady: isReady)
    }
}
