import DangBoCore
import Foundation
import XCTest

/// Audit entries read as Vietnamese sentences from what they store and the names their page resolved; older entries
/// without some of it say less, never a raw code.
final class AuditSentenceTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_800_000_000)
    let secretary = UUID()
    let office = UUID()
    let committee = UUID()
    let bloc = UUID()
    let cell = UUID()
    let reportID = UUID()

    func context() throws -> AuditContext {
        AuditContext(
            people: [secretary: .init(name: "Nguyễn Văn A", organizationID: committee),
                     office: .init(name: "Trần Thị B", organizationID: bloc)],
            organizations: [committee: "Đảng bộ Sở Y tế", bloc: "Đảng bộ Khối", cell: "Chi bộ Văn phòng Sở"],
            reports: [reportID: .init(form: "PL8.1", period: "2026-Q4", organizationID: committee)],
            forms: try FormCatalog(forms: [ReportingFixtures.pl81()]))
    }

    func entry(_ action: AuditAction, by actor: UUID?, name: String = "coso", type: String = "reportEntry", id: String? = nil,
               organization: UUID? = nil, summary: String = "", before: String? = nil, after: String? = nil) -> AuditEntry {
        AuditEntry(at: at, actorID: actor, actorName: name, action: action, entityType: type, entityID: id ?? reportID.uuidString,
                   organizationID: organization, summary: summary, before: before, after: after)
    }

    func testASubmissionNamesThePersonTheirOrganizationTheFormAndThePeriod() throws {
        var context = try context()
        let submitted = entry(.submit, by: secretary, organization: committee, summary: "Gửi báo cáo PL8.1 kỳ 2026-Q4: 2 ô thay đổi",
                              after: #"{"changedCells":"2","status":"submitted"}"#)
        context.cells[submitted.id] = [.init(row: "r2a", column: "n", before: "1200", after: "1257"),
                                       .init(row: "r1a", column: "n", before: nil, after: "3.5")]
        let sentence = AuditSentence(submitted, context: context)
        XCTAssertEqual(sentence.text, "Nguyễn Văn A (Đảng bộ Sở Y tế) gửi báo cáo PL 8.1 Quý IV/2026 (2 ô thay đổi)")
        XCTAssertEqual(sentence.details, [
            .init(label: "I- › 1 Kiểm tra đảng viên › a Tổng số đảng viên được kiểm tra — Số lượng", before: "(trống)", after: "3,5"),
            .init(label: "I- › 2 Tổng số tổ chức đảng được kiểm tra — Số lượng", before: "1.200", after: "1.257"),
        ], "in the form's order, labelled as the form names the row, numbers formatted")
        XCTAssertEqual(sentence.unlisted, 0)
    }

    func testAReviewBySomeoneElseSaysWhoseReportItWas() throws {
        let approved = AuditSentence(entry(.approve, by: office, organization: committee, summary: "Duyệt báo cáo PL8.1 kỳ 2026-Q4"),
                                     context: try context())
        XCTAssertEqual(approved.text, "Trần Thị B (Đảng bộ Khối) duyệt báo cáo PL 8.1 Quý IV/2026 của Đảng bộ Sở Y tế")
        let returned = AuditSentence(entry(.giveBack, by: office, organization: committee,
                                           summary: "Trả lại báo cáo PL8.1 kỳ 2026-Q4: Thiếu số liệu dòng 2"), context: try context())
        XCTAssertEqual(returned.text,
                       "Trần Thị B (Đảng bộ Khối) trả lại báo cáo PL 8.1 Quý IV/2026 của Đảng bộ Sở Y tế với ý kiến “Thiếu số liệu dòng 2”")
    }

    func testADraftThatChangedMoreCellsThanListedSaysHowManyMore() throws {
        var context = try context()
        let saved = entry(.update, by: secretary, summary: "Lưu báo cáo PL8.1 kỳ 2026-Q4: 45 ô thay đổi",
                          after: #"{"changedCells":"45","status":"draft"}"#)
        context.cells[saved.id] = [.init(row: "r1a", column: "n", before: "2", after: "3")]
        let sentence = AuditSentence(saved, context: context)
        XCTAssertEqual(sentence.text, "Nguyễn Văn A (Đảng bộ Sở Y tế) lưu nháp báo cáo PL 8.1 Quý IV/2026 (45 ô thay đổi)")
        XCTAssertEqual(sentence.unlisted, 44)
    }

    func testAnOldEntryWhoseNamesAreUnknownFallsBackToWhatItStored() throws {
        let unknownReport = entry(.submit, by: UUID(), name: "coso", id: UUID().uuidString,
                                  summary: "Gửi báo cáo PL8.1 kỳ 2026-Q4: 3 ô thay đổi")
        XCTAssertEqual(AuditSentence(unknownReport, context: try context()).text, "Coso gửi báo cáo PL8.1 kỳ 2026-Q4: 3 ô thay đổi")
        let system = entry(.create, by: nil, name: "system", type: "bulkLoad", id: "demo", summary: "Nạp dữ liệu mẫu: 82 tổ chức")
        XCTAssertEqual(AuditSentence(system, context: try context()).text, "Hệ thống nạp dữ liệu mẫu: 82 tổ chức")
    }

    func testLoginsFailuresAndLockouts() throws {
        let context = try context()
        XCTAssertEqual(AuditSentence(entry(.login, by: office, name: "khoi", type: "account", id: "khoi", after: "{}"), context: context).text,
                       "Trần Thị B (Đảng bộ Khối) đăng nhập")
        XCTAssertEqual(AuditSentence(entry(.login, by: office, name: "khoi", type: "account", id: "khoi", after: #"{"via":"api"}"#),
                                     context: context).text, "Trần Thị B (Đảng bộ Khối) đăng nhập qua API")
        let wrong = entry(.loginFailed, by: office, name: "khoi", type: "account", id: "khoi", after: #"{"reason":"wrongPassword"}"#)
        XCTAssertEqual(AuditSentence(wrong, context: context).text, "Trần Thị B (Đảng bộ Khối) đăng nhập không thành công: sai mật khẩu")
        let unknown = entry(.loginFailed, by: nil, name: "khoii", type: "account", id: "khoii", after: #"{"reason":"unknownUser"}"#)
        XCTAssertEqual(AuditSentence(unknown, context: context).text,
                       "Có người đăng nhập không thành công với tên đăng nhập “khoii”: không có tài khoản này")
        let locked = entry(.lockout, by: office, name: "khoi", type: "account", id: "khoi", after: #"{"failures":5,"minutes":15}"#)
        XCTAssertEqual(AuditSentence(locked, context: context).text, "Tài khoản khoi bị tạm khóa đăng nhập 15 phút sau 5 lần nhập sai mật khẩu")
    }

    func testMemberAndOrganizationEntriesNameTheRecordAndListChangedFields() throws {
        let context = try context()
        let added = entry(.create, by: secretary, type: "member", id: UUID().uuidString, organization: cell,
                          after: #"{"fullName":"Lê Thị Hoa","gender":"female"}"#)
        XCTAssertEqual(AuditSentence(added, context: context).text, "Nguyễn Văn A (Đảng bộ Sở Y tế) thêm đảng viên Lê Thị Hoa vào Chi bộ Văn phòng Sở")
        let edited = entry(.update, by: secretary, type: "member", id: UUID().uuidString, organization: cell,
                           before: #"{"fullName":"Lê Thị Hoa","birthDate":"1990-01-02"}"#, after: #"{"fullName":"Lê Thị Hoa","birthDate":"1990-02-01"}"#)
        let sentence = AuditSentence(edited, context: context)
        XCTAssertEqual(sentence.text, "Nguyễn Văn A (Đảng bộ Sở Y tế) sửa hồ sơ đảng viên Lê Thị Hoa (Chi bộ Văn phòng Sở)")
        XCTAssertEqual(sentence.details, [.init(label: "Ngày sinh", before: "2/1/1990", after: "1/2/1990")])
        let transfer = entry(.transfer, by: office, type: "organization", id: "x", organization: bloc,
                             summary: "Chuyển 17 tổ chức với 2419 đảng viên về Đảng bộ Khối từ ngày 12/4/2022")
        XCTAssertEqual(AuditSentence(transfer, context: context).text,
                       "Trần Thị B (Đảng bộ Khối) chuyển 17 tổ chức với 2.419 đảng viên về Đảng bộ Khối từ ngày 12/4/2022")
        let imported = entry(.importRows, by: secretary, type: "memberImport", id: "ds.xlsx", organization: cell,
                             after: #"{"created":1250,"skippedBadRows":2,"unchanged":0,"updated":3}"#)
        XCTAssertEqual(AuditSentence(imported, context: context).text,
                       "Nguyễn Văn A (Đảng bộ Sở Y tế) nhập danh sách đảng viên từ tệp ds.xlsx vào Chi bộ Văn phòng Sở: thêm 1.250, cập nhật 3, không đổi 0, bỏ qua 2 dòng lỗi")
    }

    func testADeadlineExceptionNamesTheReporterAndTheDay() throws {
        let granted = entry(.grant, by: office, type: "deadlineException", id: "PL8.1/2026-Q4/\(cell.uuidString)", organization: cell,
                            summary: "Gia hạn", after: #"{"reason":"Đơn vị mới chuyển về","until":"2027-01-20"}"#)
        XCTAssertEqual(AuditSentence(granted, context: try context()).text,
                       "Trần Thị B (Đảng bộ Khối) gia hạn nộp báo cáo PL 8.1 Quý IV/2026 cho Chi bộ Văn phòng Sở đến 20/1/2027: Đơn vị mới chuyển về")
    }

    func testValuesAreShownInTheAppsNumberFormat() {
        XCTAssertEqual(AuditSentence.value("7390"), "7.390")
        XCTAssertEqual(AuditSentence.value("98.86"), "98,86")
        XCTAssertEqual(AuditSentence.value("-12"), "-12")
        XCTAssertEqual(AuditSentence.value("6/2021"), "6/2021")
        XCTAssertEqual(AuditSentence.value(""), "(trống)")
        XCTAssertEqual(AuditSentence.periodLabel("2026-Q4"), "Quý IV/2026")
        XCTAssertEqual(AuditSentence.periodLabel("không-phải-kỳ"), "không-phải-kỳ")
    }
}
