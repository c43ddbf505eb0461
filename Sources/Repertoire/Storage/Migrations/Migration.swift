import SQLKit

/// A numbered schema change. Once a migration has shipped it is never edited: write the next one.
protocol Migration: Sendable {
    /// The migration's number; migrations run in increasing order, each once.
    var id: Int { get }
    var name: String { get }
    /// True for a migration that rebuilds SQLite tables (create, copy, drop, rename): the
    /// migrator then applies it with SQLite's foreign keys off, as SQLite requires, so that
    /// dropping a referenced table deletes and cascades nothing. PostgreSQL is unaffected.
    var rebuildsTables: Bool { get }
    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws
}

extension Migration {
    var rebuildsTables: Bool { false }
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
    AddImportBatchImporter(),    // 010: the importer's account on each import (there is no 009: ids need not be contiguous)
    AddForeignKeys(),            // 011: the missing foreign keys, orphans repaired first; purge and archive indexes
    AddPersonalDataErasure(),    // 012: when a revision's or proposal's personal data was erased (Loi 25)
    AddSignInAttemptID(),        // 013: sign-in attempts counted before evaluation (written as 012 on the security branch; main took 012 first)
    AddImportSkippedCount(),     // 014: rows of people an import skipped, counted apart from refusals
    RewordImportSources(),       // 015: « Import : fichier.csv » sources read « Liste importée, AAAA-MM »
    CreateBuyerWorkspace(),      // 016: purchase lists and the dated procurement thresholds
    CreateCallsForInterest(),    // 017: calls for interest, their recipients and files, opt-outs; outbox headers
    CreatePurchaseRecord(),      // 018: contracts awarded to social-economy enterprises, their revisions, public dashboards
    CreateArticles(),            // 019: the J'achète hub's articles, their enterprises, revisions and images
    CreateTrainingRegistrations(), // 020: registrations to the hub's trainings, with a waiting list; e-mail attachments
    CreateDigestSubscriptions(), // 021: the J'achète digest's subscriptions and the periods each was sent for
    CreatePublicTenders(),       // 022: SEAO's public tenders: imports, releases, compiled processes, buyers
    CreateTenderSectorMap(),     // 023: the activity sectors of SEAO's categories and UNSPSC segments, edited by administrators
    CreateTenderAlerts(),        // 024: alerts of SEAO calls: subscriptions, sends (once per call and enterprise), when each call was first seen
    CreateSEAOContracts(),       // 025: SEAO awards recorded as contracts of the purchasing record (or merged with hand-entered ones)
]

extension SQLDatabase {
    /// Runs statements written for both dialects, one at a time.
    func execute(_ statements: [String]) async throws {
        for statement in statements {
            try await raw(SQLQueryString(statement)).run()
        }
    }
}
