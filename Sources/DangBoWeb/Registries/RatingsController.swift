import DangBoCore
import DangBoDocuments
import DangBoStorage
import Vapor

/// The yearly quality rating registry's pages (issue 8, part 4): `GET /ratings?org=CODE&year=2025` shows the year's
/// member figures of the organization and its subtree from the records (the same statements PL 7.5, PL 7.6 and the
/// targets read), the members on the registry not yet rated, the sheet of the organization's own members to rate,
/// and its own ratings (the organization, its collectives, its cadres). Entering: `POST /ratings/members` (the
/// sheet), `POST /ratings/others` (one organization, collective or cadre), `POST /ratings/import` (a file, checked
/// first: a file with any problem writes nothing), `GET /ratings/sheet.xlsx` (the sheet as a file to fill in and
/// import back). Reading needs `viewRatings`, writing `recordRatings`; refused input comes back on its form.
struct RatingsController: RouteCollection {
    static let maxFileSize = 5 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        let ratings = routes.grouped("ratings")
        ratings.get(use: overview)
        ratings.get("sheet.xlsx", use: sheetXLSX)
        ratings.post("members", use: saveMembers)
        ratings.post("others", use: saveOther)
        ratings.on(.POST, "import", body: .collect(maxSize: "8mb"), use: importFile)
    }

    // MARK: Page

    struct SheetLine: Encodable {
        var index: Int
        var memberID: String
        var name: String
        var cardNumber: String
        var grades: [Choice]
        var reason: String
    }

    struct OwnLine: Encodable {
        var subject: String
        var detail: String
        var result: String
        var cases: String
    }

    struct OtherForm: Content {
        var org: String?
        var year: String?
        var subject: String?
        var collective: String?
        var title: String?
        var cardNumber: String?
        var grade: String?
        var notRatedReason: String?
        var cases: [String]?
    }

    struct Page: Encodable {
        struct Figure: Encodable { var label: String; var value: String }
        struct UnratedLine: Encodable { var href: String; var name: String; var organization: String; var organizationHref: String }
        struct CaseChoice: Encodable { var value: String; var label: String; var isChecked: Bool }
        var page: PageChrome
        var organization: PickedOrganization
        var organizationName: String
        var organizationID: String
        var year: String
        var figures: [Figure]
        var excellentShare: String
        var goodShare: String
        var unrated: [UnratedLine]
        var unratedMore: Bool
        /// The scope is too large to list its members not yet rated: pick a lower organization.
        var unratedTooLarge: Bool
        var sheet: [SheetLine]
        var own: [OwnLine]
        var canRecord: Bool
        var tablesQuery: String
        var other: OtherForm
        var subjects: [Choice]
        var collectives: [Choice]
        var titles: [Choice]
        var grades: [Choice]
        var cases: [CaseChoice]
        var importIssues: [ImportIssue]
        var importSummary: String?
        var problems: [FieldProblem]
    }

    /// The year a page opens on: the last finished one (ratings are held in December and closed after it).
    static func defaultYear(today: Day) -> Int { today.year - 1 }

    /// The organization (`org`, a code; default the account's own) and year (`year`; default `defaultYear`) a page
    /// or a write names; a write passes `strict` so that a refused value is thrown, not shown.
    static func target(_ req: Request, actor: Actor, org: String?, year: String?, filters: inout FilterProblems) async throws
        -> (Organization, Int) {
        let scope = try await req.organizations.visible(actor.scopeOrganizationID, to: actor)
        let asked = try await filters.read("org", fallback: nil) {
            try await OrganizationReference.resolve(org, field: "org", store: req.organizations, actor: actor)
        }
        let year = try filters.read("year", fallback: defaultYear(today: req.today)) { try Self.year(year, today: req.today) }
        return (asked ?? scope, year)
    }

    /// A rating year as typed (blank: `defaultYear`), from the first year DangBo takes to this one.
    static func year(_ text: String?, today: Day) throws -> Int {
        guard let text = text?.nilIfBlank else { return defaultYear(today: today) }
        guard let value = Int(text), (QualityRating.firstYear ... today.year).contains(value) else {
            throw DomainError.invalid([.init(field: "year", message: "Năm \"\(text.prefix(10))\" không hợp lệ: từ \(QualityRating.firstYear) đến \(today.year)")])
        }
        return value
    }

    func overview(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewRatings)
        var filters = FilterProblems()
        let (organization, year) = try await Self.target(req, actor: actor, org: req.query[String.self, at: "org"],
                                                         year: req.query[String.self, at: "year"], filters: &filters)
        return try await render(req, actor: actor, organization: organization, year: year, problems: filters.problems)
            .encodeResponse(status: filters.status, for: req)
    }

    func render(_ req: Request, actor: Actor, organization: Organization, year: Int, problems: [FieldProblem],
                typed: [UUID: (grade: String, reason: String)] = [:], other: OtherForm? = nil,
                importIssues: [ImportIssue] = [], importSummary: String? = nil) async throws -> View {
        let store = QualityRatingStore(database: req.db)
        let summary = try await store.summary(root: organization.id, year: year, for: actor)
        let unrated = try await store.unrated(root: organization.id, year: year, for: actor, limit: 101)
        let (members, own) = try await store.sheet(of: organization.id, year: year, for: actor)
        let names = try await RegistryNames(database: req.db).members(own.compactMap(\.memberID))
        func integer(_ value: Int) -> String { VietnameseNumberFormat.integer(value) }
        func share(_ share: MemberRatingSummary.Share) -> String {
            "\(integer(share.numerator))/\(integer(share.denominator))"
                + (VietnameseNumberFormat.percent(share.numerator, of: share.denominator).map { " = \($0)" } ?? "")
        }
        var figures = [Page.Figure(label: "Đảng viên có tên trong danh sách", value: integer(summary.onRegistry)),
                       Page.Figure(label: "Đã đánh giá, xếp loại", value: integer(summary.rated))]
        figures += QualityGrade.allCases.map { Page.Figure(label: "— " + $0.label, value: integer(summary.byGrade[$0] ?? 0)) }
        figures += [Page.Figure(label: "Chưa xếp loại (có lý do)", value: integer(summary.notRated)),
                    Page.Figure(label: "Chưa có kết quả", value: integer(summary.unrecorded))]
        let other = other ?? OtherForm(org: organization.code, year: String(year), subject: RatedSubject.collective.rawValue)
        return try await req.view.render("ratings/overview", Page(
            page: PageChrome(title: "Đánh giá, xếp loại chất lượng", req: req),
            organization: PickedOrganization(value: organization.code, name: organization.name), organizationName: organization.name,
            organizationID: organization.id.uuidString, year: String(year), figures: figures,
            excellentShare: share(summary.excellentShare), goodShare: share(summary.goodOrBetterShare),
            unrated: (unrated ?? []).prefix(100).map {
                .init(href: "/members/\($0.memberID.uuidString)", name: $0.fullName, organization: $0.organizationName,
                      organizationHref: "/ratings?org=\($0.organizationCode.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&year=\(year)#sheet-title")
            },
            unratedMore: (unrated?.count ?? 0) > 100, unratedTooLarge: unrated == nil,
            sheet: members.enumerated().map { index, row in
                let chosen = typed[row.memberID]?.grade ?? row.rating?.grade?.rawValue ?? ""
                return SheetLine(index: index, memberID: row.memberID.uuidString, name: row.fullName, cardNumber: row.cardNumber ?? "",
                                 grades: QualityGrade.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == chosen) },
                                 reason: typed[row.memberID]?.reason ?? row.rating?.notRatedReason ?? "")
            },
            own: own.map { rating in
                let detail: String
                switch rating.subject {
                case .organization: detail = organization.name
                case .collective: detail = rating.collective?.label ?? ""
                case .cadre, .member: detail = [rating.title?.label, rating.memberID.flatMap { names[$0] }].compactMap { $0 }.joined(separator: " — ")
                }
                return OwnLine(subject: rating.subject.label, detail: detail,
                               result: rating.grade?.label ?? "Chưa xếp loại: \(rating.notRatedReason)",
                               cases: rating.cases.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "; "))
            },
            canRecord: actor.role.can(.recordRatings),
            tablesQuery: "?org=\(organization.id.uuidString)&span=\(Period.year(year)!.code)&source=records",
            other: other,
            subjects: [RatedSubject.organization, .collective, .cadre].map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == other.subject) },
            collectives: CollectiveKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == other.collective) },
            titles: CadreTitle.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == other.title) },
            grades: QualityGrade.allCases.map { Choice(value: $0.rawValue, label: $0.label, isSelected: $0.rawValue == other.grade) },
            cases: CollectiveCase.allCases.map { .init(value: $0.rawValue, label: $0.label, isChecked: other.cases?.contains($0.rawValue) ?? false) },
            importIssues: importIssues, importSummary: importSummary, problems: problems))
    }

    // MARK: Writes

    struct MembersForm: Content {
        var org: String?
        var year: String?
        var member: [String]?
        var grade: [String]?
        var reason: [String]?
    }

    /// The sheet: one rating per member whose row has a grade or a reason; rows left empty are left alone.
    func saveMembers(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordRatings)
        let form = try req.content.decode(MembersForm.self)
        var filters = FilterProblems.strict
        let (organization, year) = try await Self.target(req, actor: actor, org: form.org, year: form.year, filters: &filters)
        let members = form.member ?? [], grades = form.grade ?? [], reasons = form.reason ?? []
        guard members.count <= 1_000, grades.count == members.count, reasons.count == members.count else {
            throw Abort(.badRequest, reason: "Bảng xếp loại gửi lên không đủ cột: tải lại trang và nhập lại")
        }
        var typed: [UUID: (grade: String, reason: String)] = [:]
        var ratings: [QualityRating] = []
        var rows: [Int] = []
        var problems: [FieldProblem] = []
        for (index, text) in members.enumerated() {
            guard let memberID = UUID(uuidString: text) else {
                throw Abort(.badRequest, reason: "Dòng \(index + 1) của bảng xếp loại không ghi đảng viên hợp lệ")
            }
            let gradeText = String(grades[index].prefix(20)), reason = String(reasons[index].prefix(600))
            typed[memberID] = (gradeText, reason)
            if gradeText.isEmpty && reason.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let grade = QualityGrade(rawValue: gradeText)
            if !gradeText.isEmpty && grade == nil { problems.append(.init(field: "grade[\(index)]", message: "Dòng \(index + 1): mức xếp loại không hợp lệ")) }
            ratings.append(QualityRating(year: year, subject: .member, organizationID: organization.id, memberID: memberID,
                                         grade: grade, notRatedReason: reason))
            rows.append(index)
        }
        do {
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            guard !ratings.isEmpty else {
                throw DomainError.invalid([.init(field: "grade[0]", message: "Chưa chọn mức xếp loại cho đảng viên nào")])
            }
            let saved = try await QualityRatingStore(database: req.db).save(ratings, by: actor,
                                                                             field: { "\($1 == "notRatedReason" ? "reason" : "grade")[\(rows[$0])]" },
                                                                             place: { "dòng \(rows[$0] + 1)" })
            return try await SessionAuthenticator.redirect(req, to: "/ratings?org=\(organization.code)&year=\(year)",
                                                           notice: "Đã lưu xếp loại năm \(year): \(Self.text(saved))")
        } catch DomainError.invalid(let problems) {
            return try await render(req, actor: actor, organization: organization, year: year, problems: problems, typed: typed)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    static func text(_ saved: QualityRatingStore.Saved) -> String {
        "thêm \(VietnameseNumberFormat.integer(saved.created)), sửa \(VietnameseNumberFormat.integer(saved.updated)), "
            + "không đổi \(VietnameseNumberFormat.integer(saved.unchanged))"
    }

    /// One rating of the organization itself, of one of its collectives, or of one of its cadres (by card number).
    func saveOther(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordRatings)
        let form = try req.content.decode(OtherForm.self)
        var filters = FilterProblems.strict
        let (organization, year) = try await Self.target(req, actor: actor, org: form.org, year: form.year, filters: &filters)
        do {
            var problems: [FieldProblem] = []
            let subject = RatedSubject(rawValue: form.subject ?? "").flatMap { $0 == .member ? nil : $0 }
            if subject == nil { problems.append(.init(field: "subject", message: "Chọn đối tượng đánh giá: tổ chức, tập thể hoặc cán bộ")) }
            var memberID: UUID?
            if subject == .cadre {
                let card = String((form.cardNumber ?? "").trimmingCharacters(in: .whitespaces).prefix(20))
                if card.isEmpty {
                    problems.append(.init(field: "cardNumber", message: "Ghi số thẻ đảng viên của cán bộ"))
                } else {
                    memberID = try await RegistryNames(database: req.db).members(cardNumbers: [card])[card]
                    if memberID == nil { problems.append(.init(field: "cardNumber", message: "Không có đảng viên mang số thẻ \(card)")) }
                }
            }
            let gradeText = form.grade ?? ""
            let grade = QualityGrade(rawValue: gradeText)
            if !gradeText.isEmpty && grade == nil { problems.append(.init(field: "grade", message: "Mức xếp loại không hợp lệ")) }
            var cases: Set<CollectiveCase> = []
            for text in (form.cases ?? []).prefix(10) {
                guard let item = CollectiveCase(rawValue: text) else {
                    problems.append(.init(field: "cases", message: "Trường hợp \"\(text.prefix(30))\" không có")); continue
                }
                cases.insert(item)
            }
            let rating = QualityRating(
                year: year, subject: subject ?? .organization, organizationID: organization.id, memberID: memberID,
                collective: subject == .collective ? CollectiveKind(rawValue: form.collective ?? "") : nil,
                title: subject == .cadre ? CadreTitle(rawValue: form.title ?? "") : nil,
                grade: grade, notRatedReason: String((form.notRatedReason ?? "").prefix(600)), cases: cases)
            let reported = Set(problems.map(\.field))
            problems += rating.problems(today: req.today).filter { !reported.contains($0.field) && !($0.field == "memberID" && subject == .cadre) }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let saved = try await QualityRatingStore(database: req.db).save([rating], by: actor)
            return try await SessionAuthenticator.redirect(req, to: "/ratings?org=\(organization.code)&year=\(year)#own",
                                                           notice: "Đã lưu đánh giá năm \(year): \(Self.text(saved))")
        } catch DomainError.invalid(let problems) {
            return try await render(req, actor: actor, organization: organization, year: year, problems: problems, other: form)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct ImportForm: Content {
        var org: String?
        var year: String?
        var mode: String?
        var file: File?
    }

    /// A file of member ratings (the sheet's columns): `mode=check` reads and checks it and writes nothing (the dry
    /// run); `mode=import` checks it the same way and writes it only when no row has a problem, in one transaction.
    func importFile(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.recordRatings)
        let form = try req.content.decode(ImportForm.self)
        var filters = FilterProblems.strict
        let (organization, year) = try await Self.target(req, actor: actor, org: form.org, year: form.year, filters: &filters)
        func refuse(_ issues: [ImportIssue], problems: [FieldProblem] = []) async throws -> Response {
            try await render(req, actor: actor, organization: organization, year: year, problems: problems, importIssues: issues)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await refuse([], problems: [.init(field: "file", message: "Chọn tệp .xlsx hoặc .csv để nhập")])
        }
        guard file.data.readableBytes <= Self.maxFileSize else {
            return try await refuse([], problems: [.init(field: "file", message: "Tệp lớn hơn 5 MB")])
        }
        let rows: [[String]]
        do {
            rows = try MemberImportFile.rows(from: Data(buffer: file.data), fileName: String(file.filename.prefix(120)))
        } catch DomainError.invalid(let problems) {
            return try await refuse([], problems: problems)
        }
        let parsed = RatingImportParser().parse(rows: rows)
        var issues = parsed.issues
        // Card numbers → members, 500 at a time.
        var members: [String: UUID] = [:]
        let cards = parsed.lines.map(\.cardNumber)
        for start in stride(from: 0, to: cards.count, by: 500) {
            members.merge(try await RegistryNames(database: req.db).members(cardNumbers: Array(cards[start ..< min(start + 500, cards.count)]))) { first, _ in first }
        }
        var lines: [RatingImportParser.Line] = []
        for line in parsed.lines {
            if members[line.cardNumber] == nil {
                issues.append(ImportIssue(row: line.row, column: line.cardPlace, message: "Không có đảng viên mang số thẻ \(line.cardNumber)"))
            } else {
                lines.append(line)
            }
        }
        let ratings = lines.map {
            QualityRating(year: year, subject: .member, organizationID: organization.id, memberID: members[$0.cardNumber],
                          grade: $0.grade, notRatedReason: $0.notRatedReason)
        }
        guard issues.isEmpty else { return try await refuse(issues.sorted { ($0.row, $0.column) < ($1.row, $1.column) }) }
        let counts = QualityGrade.allCases.map { grade in "\(grade.abbreviation) \(VietnameseNumberFormat.integer(ratings.filter { $0.grade == grade }.count))" }
            + ["chưa xếp loại \(VietnameseNumberFormat.integer(ratings.filter { $0.grade == nil }.count))"]
        let summary = "Tệp \(file.filename.prefix(120)): \(VietnameseNumberFormat.integer(ratings.count)) đảng viên — " + counts.joined(separator: ", ")
        guard form.mode == "import" else {
            return try await render(req, actor: actor, organization: organization, year: year, problems: [],
                                    importSummary: summary + ". Tệp hợp lệ; chưa ghi gì — bấm \"Nhập\" để ghi.").encodeResponse(for: req)
        }
        do {
            let saved = try await QualityRatingStore(database: req.db).save(ratings, by: actor, place: { "dòng \(lines[$0].row)" })
            return try await SessionAuthenticator.redirect(req, to: "/ratings?org=\(organization.code)&year=\(year)",
                                                           notice: "Đã nhập xếp loại năm \(year) từ tệp: \(Self.text(saved))")
        } catch DomainError.invalid(let problems) {
            return try await refuse(problems.map { ImportIssue(row: 0, column: "", message: $0.message) })
        } catch DomainError.notFound(let message) {
            return try await refuse([ImportIssue(row: 0, column: "", message: message)])
        }
    }

    /// The organization's own members with their rating of the year, in the import's columns: fill in, import back.
    func sheetXLSX(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewRatings)
        var filters = FilterProblems.strict
        let (organization, year) = try await Self.target(req, actor: actor, org: req.query[String.self, at: "org"],
                                                         year: req.query[String.self, at: "year"], filters: &filters)
        let (members, _) = try await QualityRatingStore(database: req.db).sheet(of: organization.id, year: year, for: actor)
        let columns = RatingImportParser.Column.allCases
        var sheet = XLSXSheet(name: "Xếp loại \(year)", columnWidths: [18, 30, 28, 40], freezePane: .init(rows: 1))
        sheet.appendRow(columns.map { XLSXCell.text($0.header, style: .tableHeader) }, height: 32)
        for row in members {
            sheet.appendRow([.text(row.cardNumber ?? ""), .text(row.fullName), .text(row.rating?.grade?.abbreviation ?? ""),
                             .text(row.rating?.notRatedReason ?? "")])
        }
        sheet.listValidations = [.init(range: "C2:C5001", options: QualityGrade.allCases.map(\.abbreviation),
                                       errorMessage: "Chọn một trong: HTXSNV, HTTNV, HTNV, KHTNV")]
        let data = try XLSXWriter.make(sheets: [sheet], title: "Xếp loại đảng viên năm \(year) — \(organization.name)")
        return Response.download(data, fileName: "xep-loai-\(year)-\(organization.code).xlsx",
                                 contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
