import SQLKit

/// The awards of SEAO that became contracts of the responsible-purchasing record: one row per
/// (process, award, enterprise), pointing at the contract created for it, or at the hand-entered
/// contract it was found to be (`merged`), so that the same award never makes a second contract.
struct CreateSEAOContracts: Migration {
    let id = 25
    let name = "link SEAO awards to the purchasing record"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE seao_contracts (
                ocid TEXT NOT NULL REFERENCES seao_tenders(ocid),
                award_id TEXT NOT NULL,
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                contract_id TEXT NOT NULL REFERENCES purchase_contracts(id) ON DELETE CASCADE,
                merged BOOLEAN NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (ocid, award_id, enterprise_id)
            )
            """,
            "CREATE INDEX seao_contracts_contract ON seao_contracts (contract_id)",
            "CREATE INDEX seao_contracts_enterprise ON seao_contracts (enterprise_id)",
        ])
    }
}
