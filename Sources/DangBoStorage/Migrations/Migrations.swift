import FluentKit

/// Every migration, in the order it runs. Append only; never edit one that has shipped.
public enum DangBoMigrations {
    public static let all: [any Migration] = [
        CreateOrganizations(),
        CreateMembers(),
        CreateAccounts(),
        CreateAuditEntries(),
        CreateSessions(),
        AddMemberNameSearchIndex(),
        CreateReporting(),
    ]
}
