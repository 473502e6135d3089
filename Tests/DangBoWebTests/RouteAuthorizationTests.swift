import DangBoCore
import DangBoStorage
import DangBoTestSupport
import SQLKit
@testable import DangBoWeb
import Vapor
import XCTVapor

/// Walks every registered route with an account whose subtree contains the target (committee A) and one whose
/// subtree does not (committee C), both administrators so that only the scope differs. The outside account must get
/// 403/404 (or a list without A's data) and write nothing; the inside account must be served.
final class RouteAuthorizationTests: XCTestCase {
    /// How to call one route: path with ids filled in, optional body. `isList` routes answer 200 to everyone
    /// but must not show the target's data to the outside account.
    struct Call {
        var path: String
        var form: [String: String]? = nil
        var json: String? = nil
        /// A file sent as multipart form data with `form`'s fields (an upload).
        var file: Data? = nil
        var isList = false
        var isScopeFree = false
        /// The list page shows committee A's data to the inside account (false for pages that show none, e.g. forms).
        var listShowsTarget = true
        /// Data the route needs before it is called (e.g. a submitted report to review).
        var setup: (@Sendable (TestApp) async throws -> Void)? = nil
    }

    static var period: Period { Period(kind: .quarter, containing: Day(Date()))! }

    /// A report of cell A1 for the current quarter, submitted and waiting for review.
    static let submittedReport: @Sendable (TestApp) async throws -> Void = { test in
        let clerk = test.fixture.actor(.grassrootsSecretary, scope: test.fixture.committeeA)
        try await ReportStore(database: test.app.db, forms: test.app.forms).save(
            form: "KT1", organization: test.fixture.cellA1.id, period: PeriodSlot(code: period.code, start: period.start, end: period.end),
            cells: [StoredCell(row: "total", column: "n", number: 5)], version: 0, submit: true, by: clerk)
    }

    static let programID = UUID(), concludedCaseID = UUID(), plannedCaseID = UUID(), requirementID = UUID()

    /// Committee A's program with a concluded case about a member of A1 (a requirement of A1 overdue since 30/6/2024)
    /// and a planned one.
    static let inspectionCase: @Sendable (TestApp) async throws -> Void = { test in
        let f = test.fixture
        let office = f.actor(.blocOffice, scope: f.root)
        let store = InspectionStore(database: test.app.db)
        _ = try await store.createProgram(InspectionProgram(id: programID, organizationID: f.committeeA.id, actor: .committee, scope: .year,
                                                            title: "Chương trình năm 2024", start: Day(parsing: "1/1/2024")!,
                                                            end: Day(parsing: "31/12/2024")!), by: office)
        for id in [concludedCaseID, plannedCaseID] {
            _ = try await store.plan(InspectionCase(id: id, programID: programID, actorOrganizationID: f.committeeA.id, actor: .committee,
                                                    kind: .regularInspection, title: "Kiểm tra đảng viên", plannedStart: Day(parsing: "1/3/2024")!,
                                                    plannedEnd: Day(parsing: "30/4/2024")!,
                                                    subjects: [.init(memberID: test.members[0].id, organizationID: f.cellA1.id)]), by: office)
        }
        _ = try await store.conclude(concludedCaseID, with: InspectionConclusion(
            day: Day(parsing: "10/3/2024")!, number: "5-TB/ĐU", text: "Có vi phạm", findings: [.init(violation: true)],
            requirements: [.init(organizationID: f.cellA1.id, text: "Chi bộ kiểm điểm", dueDate: Day(parsing: "30/6/2024")!)]), by: office)
        // The requirement's id is the walk's: replace the generated one.
        try await (test.app.db as! any SQLDatabase).raw("UPDATE inspection_requirements SET id = \(bind: requirementID)").run()
    }

    static let denunciationID = UUID(), appealID = UUID()

    /// A denunciation against a member of A1 and that member's appeal, both handled by committee A.
    static let complaints: @Sendable (TestApp) async throws -> Void = { test in
        let f = test.fixture
        let office = f.actor(.blocOffice, scope: f.root)
        let store = ComplaintStore(database: test.app.db)
        _ = try await store.record(Denunciation(id: denunciationID, subjectKind: .member, memberID: test.members[0].id, organizationID: f.cellA1.id,
                                                handlerOrganizationID: f.committeeA.id, actor: .committee, receivedOn: Day(parsing: "3/4/2023")!,
                                                denouncer: "Đơn nặc danh", content: "Vi phạm"), by: office)
        _ = try await store.record(DisciplineAppeal(id: appealID, subjectKind: .member, memberID: test.members[0].id, organizationID: f.cellA1.id,
                                                    handlerOrganizationID: f.committeeA.id, actor: .commission, receivedOn: Day(parsing: "3/4/2023")!,
                                                    content: "Đề nghị xem xét lại"), by: office)
    }

    func call(for route: Route, test: TestApp) -> Call? {
        let f = test.fixture
        let member = test.members[0] // in cell A1
        let key = "\(route.method.rawValue) " + route.path.map(\.description).joined(separator: "/")
        let memberFields = """
        {"fullName":"Lê Văn Mới","gender":"male","birthDate":"1/1/1990","ethnicity":"Kinh","religion":"Không",\
        "educationLevel":"university","politicalTheoryLevel":"elementary","cardNumber":"555555","positions":[],"status":"active"}
        """
        let memberForm = ["fullName": "Lê Văn Mới", "gender": "male", "birthDate": "1/1/1990", "educationLevel": "university",
                          "politicalTheoryLevel": "elementary", "cardNumber": "555555", "status": "active"]
        switch key {
        case "GET login", "POST login", "POST logout", "GET ", "POST api/v1/auth/token", "GET api/v1/openapi.json",
             "GET members/import/template.xlsx", "GET members/import/template.csv", "GET api/v1/me":
            return Call(path: "/" + key.split(separator: " ", maxSplits: 1).dropFirst().joined(), isScopeFree: true)
        case "GET help", "GET help/:topic": return Call(path: "/help/members", isScopeFree: true)
        case "GET reports": return Call(path: "/reports", isList: true, listShowsTarget: false)
        case "GET outbox": return Call(path: "/outbox", isList: true, listShowsTarget: false)
        case "POST reports/:form/table/export":
            // The export job of the outside account finds nothing of A's: its scope check refuses before any job starts.
            return Call(path: "/reports/KT1/table/export?org=\(f.cellA1.id.uuidString)&span=\(Self.period.start.year)", form: ["format": "xlsx"],
                        setup: Self.submittedReport)
        case "GET reports/:form/table/export", "GET jobs/:id/download":
            // An export job of admin-a: only admin-a finds its page and its file.
            let id = UUID()
            let path = key.hasPrefix("GET jobs") ? "/jobs/\(id.uuidString)/download" : "/reports/KT1/table/export?job=\(id.uuidString)"
            return Call(path: path, setup: { test in
                let owner = try await AccountStore(database: test.app.db).credentials(username: "admin-a")?.actor
                let store = JobStore(database: test.app.db)
                _ = try await store.create(id: id, kind: .tableExport, accountID: try XCTUnwrap(owner?.accountID), input: nil, inputName: "KT1.csv")
                try await store.finish(id, status: .succeeded, summary: "Tệp KT1.csv đã sẵn sàng", result: Data("a;b\n".utf8), progress: nil)
            })
        case "GET discipline":
            // A decision about a member of A1: the outside account's list must not show its name.
            return Call(path: "/discipline", isList: true, setup: { test in
                let office = test.fixture.actor(.blocOffice, scope: test.fixture.root)
                _ = try await DisciplineStore(database: test.app.db).record(DisciplineDecision(
                    subjectKind: .member, memberID: test.members[0].id, organizationID: test.fixture.cellA1.id, form: .reprimand,
                    decidedBy: .inspectionCommission, deciderOrganizationID: test.fixture.root.id, decisionDate: Day(parsing: "3/4/2023")!,
                    number: "9-QĐ/UBKT", reason: "Vi phạm"), by: office)
            })
        case "GET members/:id/discipline/new": return Call(path: "/members/\(member.id.uuidString)/discipline/new")
        case "POST members/:id/discipline":
            return Call(path: "/members/\(member.id.uuidString)/discipline",
                        form: ["form": "warning", "decidedBy": "partyCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "3/4/2023",
                               "number": "3-QĐ/ĐU", "reason": "Vi phạm quy định"])
        case "GET denunciations", "GET appeals":
            // A letter about a member of A1: the outside account's list must not show its name.
            return Call(path: "/" + key.dropFirst(4), isList: true, setup: Self.complaints)
        case "GET denunciations/new", "GET appeals/new": return Call(path: "/" + key.dropFirst(4), isList: true, listShowsTarget: false)
        case "POST denunciations":
            return Call(path: "/denunciations", form: ["subjectKind": "member", "member": "100001", "handlerOrganizationID": "DB-A",
                                                       "actor": "committee", "receivedOn": "3/4/2023", "denouncer": "Đơn nặc danh", "content": "Vi phạm"])
        case "POST appeals":
            return Call(path: "/appeals", form: ["subjectKind": "organization", "organizationID": "CB-A1", "handlerOrganizationID": "DB-A",
                                                 "actor": "commission", "receivedOn": "3/4/2023", "content": "Đề nghị xem xét lại"])
        case "GET denunciations/:id": return Call(path: "/denunciations/\(Self.denunciationID.uuidString)", setup: Self.complaints)
        case "GET appeals/:id": return Call(path: "/appeals/\(Self.appealID.uuidString)", setup: Self.complaints)
        case "POST denunciations/:id/conclude":
            return Call(path: "/denunciations/\(Self.denunciationID.uuidString)/conclude",
                        form: ["concludedOn": "1/5/2023", "outcome": "founded", "violation": "1", "conclusionNumber": "5-TB/ĐU"], setup: Self.complaints)
        case "POST appeals/:id/conclude":
            return Call(path: "/appeals/\(Self.appealID.uuidString)/conclude",
                        form: ["concludedOn": "1/5/2023", "outcome": "lowered", "conclusionNumber": "6-TB/UBKT"], setup: Self.complaints)
        case "GET organizations/:id/discipline/new": return Call(path: "/organizations/\(f.cellA1.id.uuidString)/discipline/new")
        case "POST organizations/:id/discipline":
            return Call(path: "/organizations/\(f.cellA1.id.uuidString)/discipline",
                        form: ["form": "warning", "decidedBy": "standingCommittee", "deciderOrganizationID": "DB-A", "decisionDate": "3/4/2023",
                               "number": "8-QĐ/ĐU", "reason": "Vi phạm quy định"])
        case "GET ratings": return Call(path: "/ratings?year=2025", isList: true)
        case "GET api/v1/ratings": return Call(path: "/api/v1/ratings?org=\(f.cellA1.id.uuidString)&year=2025")
        case "PUT api/v1/ratings":
            return Call(path: "/api/v1/ratings",
                        json: #"{"year":2025,"ratings":[{"subject":"organization","organizationID":"\#(f.cellA1.id.uuidString)","grade":"good"}]}"#)
        case "GET ratings/sheet.xlsx": return Call(path: "/ratings/sheet.xlsx?org=CB-A1&year=2025")
        case "POST ratings/members":
            return Call(path: "/ratings/members", form: ["org": "CB-A1", "year": "2025", "member[]": test.members[0].id.uuidString,
                                                         "grade[]": "good", "reason[]": ""])
        case "POST ratings/others":
            return Call(path: "/ratings/others", form: ["org": "DB-A", "year": "2025", "subject": "organization", "grade": "good"])
        case "POST ratings/import":
            return Call(path: "/ratings/import", form: ["org": "CB-A1", "year": "2025", "mode": "import"],
                        file: Data("Số thẻ đảng viên,Xếp loại\n100001,HTTNV\n".utf8))
        case "GET inspections":
            // An overdue requirement of cell A1 after a case of committee A: the outside account's overview must not show it.
            return Call(path: "/inspections", isList: true, setup: Self.inspectionCase)
        case "GET inspections/programs/new", "GET inspections/cases/new":
            return Call(path: "/" + key.dropFirst(4), isList: true, listShowsTarget: false)
        case "POST inspections/remind": return Call(path: "/inspections/remind", form: ["org": "DB-A"], setup: Self.inspectionCase)
        case "POST inspections/programs":
            return Call(path: "/inspections/programs", form: ["organization": "DB-A", "actor": "committee", "scope": "year",
                                                              "title": "Chương trình kiểm tra năm 2024", "start": "1/1/2024", "end": "31/12/2024"])
        case "GET inspections/programs/:id":
            return Call(path: "/inspections/programs/\(Self.programID.uuidString)", setup: Self.inspectionCase)
        case "POST inspections/cases":
            return Call(path: "/inspections/cases", form: ["organization": "DB-A", "actor": "committee", "kind": "regularInspection",
                                                           "title": "Kiểm tra", "plannedStart": "1/3/2024", "plannedEnd": "30/4/2024",
                                                           "subjectMembers": "100001"])
        case "GET inspections/cases/:id": return Call(path: "/inspections/cases/\(Self.concludedCaseID.uuidString)", setup: Self.inspectionCase)
        case "POST inspections/cases/:id/start":
            return Call(path: "/inspections/cases/\(Self.plannedCaseID.uuidString)/start", form: ["startedOn": "1/3/2024"], setup: Self.inspectionCase)
        case "POST inspections/cases/:id/conclude":
            return Call(path: "/inspections/cases/\(Self.plannedCaseID.uuidString)/conclude",
                        form: ["concludedOn": "1/4/2024", "conclusionNumber": "7-TB/ĐU", "violation[0]": "1"], setup: Self.inspectionCase)
        case "POST inspections/requirements/:id":
            return Call(path: "/inspections/requirements/\(Self.requirementID.uuidString)", form: ["doneOn": "1/7/2024"], setup: Self.inspectionCase)
        case "GET jobs/:id/status":
            // A job belongs to the account that started it (admin-a): nobody else finds it.
            let id = UUID()
            return Call(path: "/jobs/\(id.uuidString)/status", setup: { test in
                let owner = try await AccountStore(database: test.app.db).credentials(username: "admin-a")?.actor
                _ = try await JobStore(database: test.app.db).create(id: id, kind: .memberImportCheck, accountID: try XCTUnwrap(owner?.accountID),
                                                                     input: nil, inputName: nil)
            })
        case "GET reports/:form/rate": return Call(path: "/reports/KT1/rate?period=\(Self.period.code)", isList: true)
        case "GET api/v1/reports/:form/rate": return Call(path: "/api/v1/reports/KT1/rate?period=\(Self.period.code)", isList: true)
        case "GET api/v1/reports/forms": return Call(path: "/api/v1/reports/forms", isScopeFree: true)
        case "GET reports/:form/entry", "GET reports/:form/template.xlsx", "GET api/v1/reports/:form/entry":
            let path = "/" + key.dropFirst(4).replacingOccurrences(of: ":form", with: "KT1")
            return Call(path: path + "?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)")
        case "GET reports/:form/table", "GET reports/:form/table.xlsx", "GET reports/:form/table.csv", "GET api/v1/reports/:form/rollup":
            let path = "/" + key.dropFirst(4).replacingOccurrences(of: ":form", with: "KT1")
            return Call(path: path + "?org=\(f.cellA1.id.uuidString)&span=\(Self.period.start.year)", setup: Self.submittedReport)
        case "POST reports/:form/entry":
            return Call(path: "/reports/KT1/entry?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        form: ["version": "0", "action": "save", "v:total:n": "5"])
        case "POST reports/:form/review":
            return Call(path: "/reports/KT1/review?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        form: ["version": "1", "decision": "approve"], setup: Self.submittedReport)
        case "POST reports/:form/exception":
            return Call(path: "/reports/KT1/exception?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        form: ["until": "31/12/2099", "reason": "Đơn vị đề nghị"])
        case "POST reports/:form/upload":
            return Call(path: "/reports/KT1/upload?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)", form: ["version": "0"])
        case "PUT api/v1/reports/:form/entry":
            return Call(path: "/api/v1/reports/KT1/entry?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        json: #"{"version":0,"cells":{"total:n":5}}"#)
        case "GET reports/values/import": return Call(path: "/reports/values/import", isList: true, listShowsTarget: false)
        case "GET reports/values/import/template.csv": return Call(path: "/reports/values/import/template.csv", isScopeFree: true)
        case "POST reports/values/import":
            // Checked as a job: the outside account's check ends on the page with the unknown code (422).
            let csv = "Mã tổ chức,Kỳ,Mã chỉ tiêu,Phân tổ,Giá trị\nCB-A1,2018-Q1,KT1/total/n,,5\n"
            return Call(path: "/reports/values/import", form: ["mode": "check"], file: Data(csv.utf8))
        case "POST reports/values/import/one":
            return Call(path: "/reports/values/import/one",
                        form: ["organization": "CB-A1", "period": "1/7/2015-31/3/2018", "element": "KT1/total/n", "value": "5"])
        case "POST api/v1/reports/values/import":
            return Call(path: "/api/v1/reports/values/import?dryRun=false", json: "Mã tổ chức,Kỳ,Mã chỉ tiêu,Phân tổ,Giá trị\nCB-A1,2018-Q1,KT1/total/n,,5\n")
        case "POST api/v1/reports/:form/exception":
            return Call(path: "/api/v1/reports/KT1/exception?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        json: #"{"until":"2099-12-31","reason":"Đơn vị mới chuyển về"}"#)
        case "POST api/v1/reports/:form/review":
            return Call(path: "/api/v1/reports/KT1/review?org=\(f.cellA1.id.uuidString)&period=\(Self.period.code)",
                        json: #"{"version":1,"decision":"approve"}"#, setup: Self.submittedReport)
        case "GET organizations": return Call(path: "/organizations", isList: true)
        case "GET organizations/search": return Call(path: "/organizations/search?q=chi%20bo", isList: true)
        case "GET organizations/:id/children": return Call(path: "/organizations/\(f.committeeA.id.uuidString)/children")
        case "GET organizations/new": return Call(path: "/organizations/new", isList: true)
        case "GET organizations/transfer": return Call(path: "/organizations/transfer", isList: true, listShowsTarget: false)
        case "GET members": return Call(path: "/members", isList: true)
        case "GET members/new": return Call(path: "/members/new", isList: true)
        case "GET members/import": return Call(path: "/members/import", isList: true)
        case "GET audit": return Call(path: "/audit", isList: true)
        case "GET api/v1/organizations": return Call(path: "/api/v1/organizations", isList: true)
        case "GET api/v1/members": return Call(path: "/api/v1/members", isList: true)
        case "GET api/v1/audit": return Call(path: "/api/v1/audit", isList: true)
        case "POST organizations":
            return Call(path: "/organizations", form: ["code": "CB-A9", "name": "Chi bộ Mới", "level": "subordinateCell",
                                                       "parentID": f.committeeA.id.uuidString, "openedOn": "1/1/2023"])
        case "POST organizations/transfer":
            return Call(path: "/organizations/transfer", form: ["organizationIDs[]": f.cellA1.id.uuidString,
                                                                "parentID": f.committeeA.id.uuidString, "day": "1/1/2023"])
        case "GET organizations/:id", "GET organizations/:id/edit":
            return Call(path: "/" + key.dropFirst(4).replacingOccurrences(of: ":id", with: f.cellA1.id.uuidString))
        case "POST organizations/:id/edit":
            return Call(path: "/organizations/\(f.cellA1.id.uuidString)/edit",
                        form: ["code": "CB-A1", "name": "Chi bộ Văn phòng Sở (mới)", "level": "subordinateCell", "openedOn": "1/1/2005"])
        case "POST members":
            return Call(path: "/members", form: memberForm.merging(["organizationID": f.cellA1.id.uuidString]) { $1 })
        case "GET members/:id", "GET members/:id/edit":
            return Call(path: "/" + key.dropFirst(4).replacingOccurrences(of: ":id", with: member.id.uuidString))
        case "POST members/:id/edit":
            return Call(path: "/members/\(member.id.uuidString)/edit", form: memberForm.merging(["version": "1", "cardNumber": "100001"]) { $1 })
        case "POST members/:id/transfer":
            return Call(path: "/members/\(member.id.uuidString)/transfer", form: ["organizationID": f.cellA2.id.uuidString, "day": "1/1/2023"])
        case "POST members/:id/delete":
            return Call(path: "/members/\(test.members[1].id.uuidString)/delete", form: [:])
        case "POST members/import":
            let csv = MemberImportColumn.allCases.map(\.header).joined(separator: ",") + "\n"
                + "Lê Văn Mới,Nam,1/1/1990,Kinh,Không,Đại học,Sơ cấp,,,555555,,CB-A1,,\n"
            return Call(path: "/members/import", form: ["organizationCode": "CB-A1", "mode": "check"], file: Data(csv.utf8))
        case "GET api/v1/organizations/:id": return Call(path: "/api/v1/organizations/\(f.cellA1.id.uuidString)")
        case "PUT api/v1/organizations/:id":
            return Call(path: "/api/v1/organizations/\(f.cellA1.id.uuidString)",
                        json: #"{"code":"CB-A1","name":"Chi bộ mới tên","level":"subordinateCell","openedOn":"2005-01-01"}"#)
        case "POST api/v1/organizations":
            return Call(path: "/api/v1/organizations", json: #"{"code":"CB-A9","name":"Chi bộ Mới","level":"subordinateCell","parentID":"\#(f.committeeA.id.uuidString)","openedOn":"2023-01-01"}"#)
        case "POST api/v1/organizations/transfer":
            return Call(path: "/api/v1/organizations/transfer",
                        json: #"{"organizationIDs":["\#(f.cellA1.id.uuidString)"],"parentID":"\#(f.committeeA.id.uuidString)","day":"2023-01-01"}"#)
        case "GET api/v1/members/:id": return Call(path: "/api/v1/members/\(member.id.uuidString)")
        case "PUT api/v1/members/:id":
            return Call(path: "/api/v1/members/\(member.id.uuidString)", json: #"{"version":1,"fields":\#(memberFields.replacingOccurrences(of: "555555", with: "100001"))}"#)
        case "DELETE api/v1/members/:id": return Call(path: "/api/v1/members/\(test.members[1].id.uuidString)")
        case "POST api/v1/members":
            return Call(path: "/api/v1/members", json: #"{"organizationID":"\#(f.cellA1.id.uuidString)","fields":\#(memberFields)}"#)
        case "POST api/v1/members/:id/transfer":
            return Call(path: "/api/v1/members/\(member.id.uuidString)/transfer", json: #"{"organizationID":"\#(f.cellA2.id.uuidString)","day":"2023-01-01"}"#)
        case "POST api/v1/members/import":
            let csv = MemberImportColumn.allCases.map(\.header).joined(separator: ",") + "\n"
                + "Lê Văn Mới,Nam,1/1/1990,Kinh,Không,Đại học,Sơ cấp,,,555555,,CB-A1,,\n"
            return Call(path: "/api/v1/members/import?org=CB-A1&dryRun=false", json: csv)
        default:
            return nil
        }
    }

    /// Identifiers of committee A's data that must never reach the outside account.
    func secrets(_ test: TestApp) -> [String] {
        let f = test.fixture
        return [f.cellA1.name, f.cellA2.name, f.committeeA.name, f.cellA1.id.uuidString, test.members[0].fields.fullName,
                test.members[0].id.uuidString, test.members[1].fields.fullName]
    }

    func testEveryRouteIsCoveredAndScoped() async throws {
        let probe = try await TestApp.make()
        let routes = probe.app.routes.all
        try await probe.app.asyncShutdown()
        XCTAssertGreaterThan(routes.count, 30)
        for route in routes {
            let key = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
            try await TestApp.with { test in
                guard let call = call(for: route, test: test) else {
                    XCTFail("route \(key) is not covered by the authorization walk: add it")
                    return
                }
                let method = route.method
                func request(_ username: String) async throws -> XCTHTTPResponse {
                    if call.path.hasPrefix("/api/") {
                        let headers = try await test.token(username)
                        return try await test.api(method, call.path, json: call.json, headers: headers)
                    }
                    let session = try await test.session(username)
                    let response: XCTHTTPResponse
                    if let file = call.file {
                        response = try await test.multipart(call.path, fields: call.form ?? [:], file: file, fileName: "a.csv", session: session)
                    } else if method == .POST {
                        response = try await test.post(call.path, form: call.form ?? [:], session: session)
                    } else {
                        return try await test.app.sendRequest(method, call.path, headers: session.headers)
                    }
                    // Work started as a job is judged by the page it ends on.
                    return try await test.followingJob(response, session: session)
                }
                if call.isScopeFree {
                    return
                }
                try await call.setup?(test)
                let before = try await test.writeCounts()
                let outside = try await request("admin-c")
                let after = try await test.writeCounts()
                XCTAssertEqual(before, after, "\(key): the outside account wrote something")
                if call.isList {
                    XCTAssertEqual(outside.status, .ok, "\(key) outside")
                    for secret in secrets(test) {
                        XCTAssertFalse(outside.body.string.contains(secret), "\(key): outside account sees \(secret)")
                    }
                } else {
                    // An import names its cells by code inside the file: outside the subtree they are unknown codes (422).
                    // So does a registry form that names its organization by code (it comes back with the message beside it).
                    let namesByCode = ["POST /inspections/programs", "POST /inspections/cases", "POST /denunciations", "POST /appeals",
                                       "POST /ratings/members", "POST /ratings/others", "GET /ratings/sheet.xlsx"].contains(key)
                    let refusals: [HTTPStatus] = key.contains("import") || namesByCode ? [.forbidden, .notFound, .unprocessableEntity] : [.forbidden, .notFound]
                    XCTAssertTrue(refusals.contains(outside.status), "\(key) outside: \(outside.status) \(outside.body.string.prefix(200))")
                }
                let inside = try await request("admin-a")
                XCTAssertFalse([.unauthorized, .forbidden, .notFound, .internalServerError].contains(inside.status),
                               "\(key) inside: \(inside.status) \(inside.body.string.prefix(300))")
                if call.isList, call.listShowsTarget, method == .GET, !key.contains("audit"), !key.contains("/new"), !key.contains("import") {
                    XCTAssertTrue(secrets(test).contains { inside.body.string.contains($0) }, "\(key): inside account should see A's data")
                }
            }
        }
    }

    func testAnonymousRequestsAreRefused() async throws {
        try await TestApp.with { test in
            for route in test.app.routes.all {
                let key = route.path.map(\.description).joined(separator: "/")
                guard let call = call(for: route, test: test), !call.isScopeFree else { continue }
                let path = call.path
                let response = try await test.app.sendRequest(route.method, path)
                if path.hasPrefix("/api/") {
                    XCTAssertEqual(response.status, .unauthorized, key)
                } else if route.method == .GET {
                    XCTAssertEqual(response.status, .seeOther, key)
                    XCTAssertTrue(response.headers.first(name: .location)?.hasPrefix("/login") ?? false, key)
                } else {
                    XCTAssertTrue([.seeOther, .forbidden].contains(response.status), "\(key): \(response.status)")
                }
            }
        }
    }
}
