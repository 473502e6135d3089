import FluentKit
import Foundation

/// One stored value: a data element with its disaggregation options, for one organization and one period. The
/// entry that last wrote it carries the workflow state (a value counts in approved roll-ups when that entry is
/// approved).
final class DataValueRecord: Model, @unchecked Sendable {
    static let schema = "data_values"

    @ID(key: .id) var id: UUID?
    @Field(key: "element") var element: String
    /// `ValueKey.optionsKey`: "" for the element's total.
    @Field(key: "options") var options: String
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "period_code") var periodCode: String
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "entry_id") var entryID: UUID
    /// The status of that entry, kept with it in every workflow transaction (roll-ups filter on it).
    @Field(key: "entry_status") var entryStatus: String
    @OptionalField(key: "number") var number: Double?
    @OptionalField(key: "text") var text: String?

    init() {}
}
