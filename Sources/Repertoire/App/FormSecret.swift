import Crypto
import Foundation
import Synchronization

/// The server's secret for visitors' form tokens (see ``CSRF``): made on first use and kept in
/// the database settings, so that every instance and every restart agree on it; read once per
/// process.
final class FormSecret: Sendable {
    static let settingKey = "csrf-secret"
    private let settings: ReferenceStore
    private let cached = Mutex<SymmetricKey?>(nil)

    init(database: Database) {
        settings = ReferenceStore(database: database)
    }

    func key() async throws -> SymmetricKey {
        if let key = cached.withLock({ $0 }) { return key }
        let value = try await settings.setting(Self.settingKey, orCreate: SecretToken.generate())
        let key = SymmetricKey(data: Data(value.utf8))
        cached.withLock { $0 = key }
        return key
    }
}
