import DangBoCore
import DangBoStorage
import Vapor

struct MemberRow: Encodable {
    var id: String
    var fullName: String
    var genderLabel: String
    var birthDate: String
    var age: Int
    var organizationName: String
    var organizationID: String
    var cardNumber: String
    var theoryLabel: String
    var statusLabel: String
    var isActive: Bool
    var positions: String

    init(_ listing: MemberListing, today: Day) {
        let f = listing.member.fields
        id = listing.member.id.uuidString
        fullName = f.fullName
        genderLabel = f.gender.label
        birthDate = f.birthDate.vietnamese
        age = f.birthDate.years(until: today)
        organizationName = listing.placement
        organizationID = listing.member.organizationID.uuidString
        cardNumber = f.cardNumber ?? ""
        theoryLabel = f.politicalTheoryLevel.label
        statusLabel = f.status.label
        isActive = f.status == .active
        positions = f.positions.map(\.label).joined(separator: ", ")
    }
}

struct MemberListPage: Encodable {
    var page: PageChrome
    var rows: [MemberRow]
    var pager: CursorPager
    /// The first page of the same search (after a refused cursor).
    var firstPageHref: String
    /// "1.234" or "hơn 10.000".
    var count: String
    var problems: [FieldProblem]
    var q: String
    var organizationID: String
    var organizationName: String?
    var statuses: [Choice]
    var canManage: Bool
    /// The roles that read discipline decisions get a link to the registry's list.
    var canSeeDiscipline = false
    /// The roles that read quality ratings get a link to the year's ratings.
    var canSeeRatings = false
}

struct MemberDetailPage: Encodable {
    struct Fact: Encodable {
        var label: String
        var value: String
        /// A code, not a quantity (the card number): printed as it is, never with a thousands separator.
        var isIdentifier = false
    }

    struct Placement: Encodable {
        var organizationName: String
        var from: String
        var to: String
    }

    var page: PageChrome
    var id: String
    var fullName: String
    var organizationName: String
    var organizationID: String
    var facts: [Fact]
    var placements: [Placement]
    var canManage: Bool
    /// The transfer form's cell picker, with what was typed when a transfer was refused.
    var transferTo: PickedOrganization
    var transferDay: String
    var problems: [FieldProblem]
    var today: String
    /// The member's discipline decisions, for those who may read them (their reading is audited).
    var canSeeDiscipline = false
    var canRecordDiscipline = false
    var discipline: [DisciplineLine] = []
    /// The member's yearly quality ratings, for the roles holding `viewRatings` and the member.
    var ratings: [RatingLine] = []
    /// Denunciations against the member (never shown to the member) and the member's appeals, for those who may read them.
    var denunciations: [ComplaintLine] = []
    var appeals: [ComplaintLine] = []

    init(page: PageChrome, listing: MemberListing, placements: [Placement], canManage: Bool, transferTo: PickedOrganization,
         transferDay: String?, problems: [FieldProblem], today: Day) {
        let m = listing.member
        let f = m.fields
        self.page = page
        id = m.id.uuidString
        fullName = f.fullName
        organizationName = listing.placement
        organizationID = m.organizationID.uuidString
        var facts: [Fact] = [
            .init(label: "Giới tính", value: f.gender.label),
            .init(label: "Ngày sinh", value: "\(f.birthDate.vietnamese) (\(f.birthDate.years(until: today)) tuổi)"),
            .init(label: "Dân tộc", value: f.ethnicity),
            .init(label: "Tôn giáo", value: f.religion),
            .init(label: "Trình độ chuyên môn", value: f.educationLevel.label),
            .init(label: "Lý luận chính trị", value: f.politicalTheoryLevel.label),
            .init(label: "Ngày vào Đảng", value: f.admissionDate?.vietnamese ?? "—"),
            .init(label: "Ngày chính thức", value: f.fullMembershipDate?.vietnamese ?? (m.isProbationary(on: today) ? "Đang dự bị" : "—")),
            .init(label: "Số thẻ đảng viên", value: f.cardNumber ?? "—", isIdentifier: true),
            .init(label: "Chức vụ", value: f.positions.isEmpty ? "—" : f.positions.map(\.label).joined(separator: ", ")),
            .init(label: "Trạng thái", value: f.status.label + (f.statusDate.map { " từ \($0.vietnamese)" } ?? "")),
        ]
        facts.append(.init(label: "Chi bộ", value: listing.placement))
        self.facts = facts
        self.placements = placements
        self.canManage = canManage
        self.transferTo = transferTo
        self.transferDay = transferDay ?? today.vietnamese
        self.problems = problems
        self.today = today.vietnamese
    }
}

struct MemberFormPage: Encodable {
    var page: PageChrome
    var action: String
    var form: MemberForm
    var genders: [Choice]
    var educationLevels: [Choice]
    var theoryLevels: [Choice]
    var statuses: [Choice]
    var positions: [Choice]
    /// The cell picker: a code (typed or chosen from the suggestions) and the name it stands for.
    var cell: PickedOrganization
    var problems: [FieldProblem]
    var isEdit: Bool

    init(page: PageChrome, action: String, form: MemberForm, cell: PickedOrganization, problems: [FieldProblem], isEdit: Bool) {
        self.page = page
        self.action = action
        self.form = form
        genders = Choice.list(Gender.self, selected: form.gender)
        educationLevels = Choice.list(EducationLevel.self, selected: form.educationLevel)
        theoryLevels = Choice.list(PoliticalTheoryLevel.self, selected: form.politicalTheoryLevel)
        statuses = Choice.list(MemberStatus.self, selected: form.status ?? MemberStatus.active.rawValue)
        let selected = Set(form.positions ?? [])
        positions = Position.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: selected.contains($0.rawValue)) }
        self.cell = cell
        self.problems = problems
        self.isEdit = isEdit
    }
}

/// One yearly rating as the member's page lists it.
struct RatingLine: Encodable {
    var year: String
    var result: String

    init(_ rating: QualityRating) {
        year = String(rating.year)
        result = rating.grade?.label ?? "Chưa xếp loại: \(rating.notRatedReason)"
    }
}
