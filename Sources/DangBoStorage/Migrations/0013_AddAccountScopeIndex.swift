import FluentKit
import SQLKit

/// The reporters' contacts look accounts up by the organization they work for (`ReporterDirectory`: the accounts of a
/// page of organizations, or of a subtree joined to `accounts`); without an index each lookup reads every account,
/// which at national scale (an account or more per organization) is hundreds of thousands of rows per page.
struct AddAccountScopeIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create("ix_accounts_scope_organization", on: "accounts", columns: ["scope_organization_id"],
                                    database: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "ix_accounts_scope_organization").run()
    }
}
