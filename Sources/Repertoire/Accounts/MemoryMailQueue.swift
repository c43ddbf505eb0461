import Foundation
import SQLKit
import Synchronization

/// Keeps drafts in memory: for tests that read the links an account flow sent.
public final class MemoryMailQueue: MailQueue {
    private let drafts = Mutex<[MailDraft]>([])

    public init() {}

    public func enqueue(_ draft: MailDraft, now: Date, on sql: any SQLDatabase) async throws {
        drafts.withLock { $0.append(draft) }
    }

    public var sent: [MailDraft] { drafts.withLock { $0 } }
}
