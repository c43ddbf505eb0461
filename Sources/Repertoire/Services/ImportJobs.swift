import Foundation
import Logging
import Synchronization

/// The long parts of an import — planning a big file, applying it, reverting a batch — run in
/// the background, never inside one HTTP request: the page shows their progress, can be left,
/// and is found again from the import page. Each job runs in one transaction where it writes, so
/// a job cut short by a restart leaves nothing half-written; the job itself is forgotten then.
final class ImportJobs: Sendable {
    enum Kind: String, Sendable {
        case plan, apply, revert

        var label: String {
            switch self {
            case .plan: "Analyse du fichier"
            case .apply: "Importation"
            case .revert: "Annulation d'un import"
            }
        }
    }

    enum State: Sendable, Equatable {
        case running
        /// Done: the page to go to (the preview, or the import page with the batch's notice).
        case finished(location: String)
        /// Stopped on an error, said in French, with the page to go back to and whether the
        /// person's choices (`invalid`) or someone else's edit (`conflict`) stopped it.
        case failed(message: String, back: String, reason: FailureReason)
    }

    /// How far a job got, written by the job's thread and read by the progress page.
    final class Progress: Sendable {
        private let counts = Mutex<(done: Int, total: Int, phase: String)>((0, 0, ""))

        func phase(_ phase: String, total: Int) {
            counts.withLock { $0 = (0, total, phase) }
        }

        func advance(to done: Int) {
            counts.withLock { $0.done = done }
        }

        var current: (done: Int, total: Int, phase: String) { counts.withLock { $0 } }

        /// For the store, which reports (done, total).
        var reporter: @Sendable (Int, Int) -> Void {
            { [self] done, _ in advance(to: done) }
        }
    }

    enum FailureReason: Sendable, Equatable {
        case invalid, conflict, other
    }

    struct Snapshot: Sendable {
        var id: String
        var kind: Kind
        var userID: String
        var fileName: String
        var startedAt: Date
        var done: Int
        var total: Int
        var phase: String
        var state: State

        /// Whole per cent, for the progress bar's text.
        var percent: Int { total > 0 ? min(100, done * 100 / total) : 0 }
    }

    private struct Entry: Sendable {
        var id: String
        var key: String
        var kind: Kind
        var userID: String
        var fileName: String
        var startedAt: Date
        var progress: Progress
        var state: State
        var endedAt: Date?
    }

    private let jobs = Mutex<[String: Entry]>([:])
    let logger: Logger
    /// Finished jobs are kept this long for their page, then forgotten.
    static let kept: TimeInterval = 3600

    init(logger: Logger) {
        self.logger = logger
    }

    /// Starts `work`, unless a job with the same `key` (the same upload to apply, say: a double
    /// click) is still running, whose id is then returned. `work` returns the page to go to.
    func start(_ kind: Kind, key: String, userID: String, fileName: String,
               work: @escaping @Sendable (Progress) async throws -> String) -> String {
        let progress = Progress()
        let id = ImportUploads.newID()
        let existing: String? = jobs.withLock { jobs in
            let now = Date()
            jobs = jobs.filter { $0.value.endedAt.map { now.timeIntervalSince($0) < Self.kept } ?? true }
            if let running = jobs.values.first(where: { $0.key == key && $0.state == .running }) { return running.id }
            jobs[id] = Entry(id: id, key: key, kind: kind, userID: userID, fileName: fileName, startedAt: now, progress: progress,
                             state: .running)
            return nil
        }
        if let existing { return existing }
        let logger = logger
        Task.detached { [weak self] in
            let state: State
            do {
                state = .finished(location: try await work(progress))
            } catch {
                state = .failed(message: Self.message(for: error, logger: logger), back: Self.back(for: error),
                                reason: (error as? JobFailure)?.reason ?? .other)
            }
            self?.jobs.withLock { jobs in
                jobs[id]?.state = state
                jobs[id]?.endedAt = Date()
            }
        }
        return id
    }

    /// The job `id` as its owner sees it; nil for another person's or an unknown job.
    func snapshot(_ id: String, userID: String) -> Snapshot? {
        jobs.withLock { jobs in jobs[id].flatMap { $0.userID == userID ? Self.snapshot($0) : nil } }
    }

    /// The person's jobs still running, oldest first.
    func running(userID: String) -> [Snapshot] {
        jobs.withLock { jobs in
            jobs.values.filter { $0.userID == userID && $0.state == .running }.sorted { $0.startedAt < $1.startedAt }.map(Self.snapshot)
        }
    }

    /// Waits up to `limit` for the job to end (a small file is done at once, and then needs no
    /// progress page), and returns it as it is then.
    func wait(_ id: String, userID: String, upTo limit: Duration = .seconds(2)) async -> Snapshot? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while true {
            guard let job = snapshot(id, userID: userID) else { return nil }
            if job.state != .running || clock.now >= deadline { return job }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    private static func snapshot(_ entry: Entry) -> Snapshot {
        let (done, total, phase) = entry.progress.current
        return Snapshot(id: entry.id, kind: entry.kind, userID: entry.userID, fileName: entry.fileName, startedAt: entry.startedAt,
                        done: done, total: total, phase: phase, state: entry.state)
    }

    /// What the person reads when a job stops on `error`.
    static func message(for error: any Error, logger: Logger) -> String {
        switch error {
        case let refusal as Refusal: return refusal.message
        case let problem as ImportProblem: return problem.description
        case let failure as ImportStoreError: return failure.description
        case StoreError.conflict(let current):
            return "La fiche « \(current.profile.name) » a été modifiée pendant l'import : rien n'a été écrit. Vérifiez l'aperçu à jour et recommencez."
        case let failure as JobFailure: return failure.message
        default:
            logger.error("import job failed", metadata: ["error": "\(String(reflecting: error))"])
            return "L'opération a échoué sur une erreur imprévue : rien n'a été écrit. Réessayez ; si l'erreur revient, signalez-la à un administrateur."
        }
    }

    static func back(for error: any Error) -> String {
        (error as? JobFailure)?.back ?? Route.imports.path()
    }

    /// An error that says where to go back to (the preview of the upload, say).
    struct JobFailure: Error {
        var message: String
        var back: String
        var reason: FailureReason
    }
}
