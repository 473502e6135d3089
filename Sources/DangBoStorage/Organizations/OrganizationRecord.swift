import DangBoCore
import FluentKit
import Foundation

final class OrganizationRecord: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "name_key") var nameKey: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "level") var level: String
    @OptionalField(key: "unit_kind") var unitKind: String?
    @OptionalField(key: "cluster") var cluster: String?
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?

    init() {}

    init(_ organization: Organization) {
        self.id = organization.id
        apply(organization)
    }

    func apply(_ organization: Organization) {
        code = organization.code
        name = organization.name
        nameKey = VietnameseText.collationKey(organization.name)
        searchText = Organization.searchText(name: organization.name, code: organization.code)
        level = organization.level.rawValue
        unitKind = organization.unitKind?.rawValue
        cluster = organization.cluster
        openedOn = organization.openedOn.iso
        closedOn = organization.closedOn?.iso
    }

    func domain() throws -> Organization {
        guard let id, let level = OrganizationLevel(rawValue: level), let opened = Day(parsing: openedOn) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return Organization(id: id, code: code, name: name, level: level, unitKind: unitKind.flatMap(UnitKind.init(rawValue:)),
                            cluster: cluster, openedOn: opened, closedOn: closedOn.flatMap(Day.init(parsing:)))
    }
}

final class OrganizationLinkRecord: Model, @unchecked Sendable {
    static let schema = "organization_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "parent_id") var parentID: UUID
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}

    init(_ link: OrganizationLink) {
        self.id = UUID()
        organizationID = link.organizationID
        parentID = link.parentID
        validFrom = link.validFrom.iso
        validTo = link.validTo?.iso
    }

    func domain() throws -> OrganizationLink {
        guard let from = Day(parsing: validFrom) else {
            throw StorageError.corruptRow(table: Self.schema, id: id?.uuidString ?? "?")
        }
        return OrganizationLink(organizationID: organizationID, parentID: parentID, validFrom: from,
                                validTo: validTo.flatMap(Day.init(parsing:)))
    }
}
