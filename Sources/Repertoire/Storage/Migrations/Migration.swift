import SQLKit

/// A numbered schema change. Once a migration has shipped it is never edited: write the next one.
protocol Migration: Sendable {
    /// The migration's number; migrations run in increasing order, each once.
    var id: Int { get }
    var name: String { get }
    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws
}

/// Every migration, in order. Add new ones at the end.
let allMigrations: [any Migration] = [
    CreateReferenceTables(),     // 001: regions, sectors, certifications, municipalities
    CreateEnterprises(),         // 002: enterprises and their parts
    CreateChangeLog(),           // 003: the store-wide change sequence
    CreateImportBatches(),       // 004: imports, recorded so that each can be reverted
    CreateAccounts(),            // 005: users, roles, sessions, single-use links, API tokens, audit log
    CreateOutbox(),              // 006: e-mail waiting to be sent, and what became of it
    CreateRevisions(),           // 007: enterprise revisions and proposed changes
    CreateImportMappings(),      // 008: saved import column mappings
    AddImportBatchImporter(),    // 010: the importer's account on each import (009 is being written alongside)
    AddSignInAttemptID(),        // 012: sign-in attempts counted before evaluation (011 is being written alongside)
]

extension SQLDatabase {
    /// Runs statements written for both dialects, one at a time.
    func execute(_ statements: [String]) async throws {
        for statement in statements {
            try await raw(SQLQueryString(statement)).run()
        }
    }
}
