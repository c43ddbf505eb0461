import SQLKit

/// The few places where SQLite and PostgreSQL need different SQL. Everything else in the store
/// and the migrations is written once.
public enum Dialect: String, Sendable {
    case sqlite
    case postgres

    /// A 64-bit auto-incrementing primary key column definition.
    var autoIncrementPrimaryKey: String {
        switch self {
        case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
        case .postgres: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        }
    }

    /// Taken inside a write transaction before appending to the change log. PostgreSQL hands out
    /// sequence numbers before commit, so without it a follower could read seq 11 while seq 10
    /// is still uncommitted and never see 10. SQLite already serialises writers.
    var changeLogLockStatement: String? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(7264001)"
        }
    }

    /// Taken around migrations so that two instances starting together do not both migrate.
    var migrationLockStatement: String? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(7264000)"
        }
    }

    /// Ends a SELECT that claims rows for work: on PostgreSQL two instances then claim different
    /// rows instead of waiting for each other. SQLite's single writer needs nothing.
    var skipLockedClause: String {
        switch self {
        case .sqlite: ""
        case .postgres: "FOR UPDATE SKIP LOCKED"
        }
    }

    /// Taken inside the transaction that counts a sign-in attempt, so that concurrent attempts
    /// from one address are counted one after the other (PostgreSQL's default isolation would
    /// let each see only its own row). SQLite's `BEGIN IMMEDIATE` already serialises them.
    func attemptLockStatement(key: String) -> SQLQueryString? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(7264002, hashtext(\(bind: key)))"
        }
    }

    var beginStatement: String {
        switch self {
        // IMMEDIATE takes the write lock at once, so two writers queue instead of deadlocking
        // when both upgrade a read lock.
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }
}
