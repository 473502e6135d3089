import DangBoCore
import FluentKit

/// Every migration, in the order it runs. Append only; never edit one that has shipped.
public enum DangBoMigrations {
    /// `forms`: the catalog the server loaded (a migration that moves values between keys reads its cell maps).
    public static func all(forms: FormCatalog) -> [any Migration] { [
        CreateOrganizations(),
        CreateMembers(),
        CreateAccounts(),
        CreateAuditEntries(),
        CreateSessions(),
        AddMemberNameSearchIndex(),
        CreateReporting(),
        MoveReportValuesToDataElements(forms: forms),
        AddOrganizationSearchText(),
        AddEntryStatusToDataValues(),
        CreateDataTotals(),
        AddAuditKeysetIndex(),
        AddAccountScopeIndex(),
        AddOutboxKeysetIndex(),
        AddAuditEntityTypeIndex(),
        CreateJobs(),
        CreateDisciplineDecisions(),
        CreateComplaints(),
        CreateInspections(),
        CreateQualityRatings(),
    ] }
}
