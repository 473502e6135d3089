import DangBoCore

/// Every operation of /api/v1, declared by hand. The OpenAPI document is built from this list, and a test
/// checks that it and the registered routes are the same set, so neither can drift from the other.
struct ApiOperation {
    var method: String
    /// OpenAPI path, e.g. "/members/{id}".
    var path: String
    var summary: String
    var tag: String
    var query: [(name: String, description: String)] = []
    var requestSchema: String?
    var requestMediaType: String = "application/json"
    var responseSchema: String?
    var successStatus: Int = 200
    var isPublic: Bool = false
}

enum ApiOperations {
    static let entryQuery: [(name: String, description: String)] = [("org", "Tổ chức báo cáo (UUID)"), ("period", "Kỳ báo cáo, ví dụ 2023-Q1")]
    static let cursorQuery: [(name: String, description: String)] = [("after", "nextCursor của trang trước: trang sau"),
                                                                     ("before", "previousCursor của trang đang xem: trang trước")]

    static let all: [ApiOperation] = [
        .init(method: "POST", path: "/auth/token", summary: "Đổi tên đăng nhập và mật khẩu lấy mã truy cập", tag: "Xác thực",
              requestSchema: "TokenRequest", responseSchema: "TokenResponse", isPublic: true),
        .init(method: "GET", path: "/openapi.json", summary: "Tài liệu OpenAPI này", tag: "Xác thực", isPublic: true),
        .init(method: "GET", path: "/me", summary: "Tài khoản đang dùng mã truy cập", tag: "Xác thực", responseSchema: "Actor"),
        .init(method: "GET", path: "/organizations",
              summary: "Các tổ chức trong phạm vi tại một ngày, sắp xếp tiếng Việt, phân trang theo con trỏ (cả cây con của root, hoặc chỉ các tổ chức trực thuộc parent); số lượng đếm tới 10.000",
              tag: "Tổ chức",
              query: [("on", "Ngày (12/4/2022 hoặc 2022-04-12); mặc định hôm nay"), ("root", "Gốc cây con (UUID); mặc định phạm vi của tài khoản"),
                      ("parent", "Chỉ các tổ chức trực thuộc tổ chức này (UUID)"), ("pageSize", "Số dòng mỗi trang (mặc định 100, tối đa 500)")]
                  + cursorQuery,
              responseSchema: "OrganizationPage"),
        .init(method: "POST", path: "/organizations", summary: "Thêm tổ chức đảng", tag: "Tổ chức",
              requestSchema: "OrganizationDraft", responseSchema: "Organization", successStatus: 201),
        .init(method: "POST", path: "/organizations/transfer", summary: "Chuyển giao nhiều tổ chức (cùng đảng viên) sang cấp trên mới",
              tag: "Tổ chức", requestSchema: "TransferRequest", responseSchema: "TransferResult"),
        .init(method: "GET", path: "/organizations/{id}", summary: "Một tổ chức, lịch sử trực thuộc và số đảng viên", tag: "Tổ chức",
              responseSchema: "OrganizationDetail"),
        .init(method: "PUT", path: "/organizations/{id}", summary: "Sửa thông tin tổ chức", tag: "Tổ chức",
              requestSchema: "OrganizationDraft", responseSchema: "Organization"),
        .init(method: "GET", path: "/members", summary: "Danh sách đảng viên (tìm không dấu, sắp xếp tiếng Việt, phân trang theo con trỏ; số lượng đếm tới 10.000)",
              tag: "Đảng viên",
              query: [("q", "Tên (không phân biệt dấu, hoa thường) hoặc số thẻ"), ("org", "Mã tổ chức (UUID)"),
                      ("status", "Trạng thái"), ("pageSize", "Số dòng mỗi trang, tối đa 500")] + cursorQuery,
              responseSchema: "MemberPage"),
        .init(method: "POST", path: "/members", summary: "Thêm đảng viên", tag: "Đảng viên",
              requestSchema: "CreateMemberRequest", responseSchema: "Member", successStatus: 201),
        .init(method: "POST", path: "/members/import", summary: "Nhập đảng viên từ tệp XLSX/CSV (chạy thử hoặc ghi)", tag: "Đảng viên",
              query: [("org", "Mã chi bộ mặc định"), ("dryRun", "true (mặc định): chỉ kiểm tra"),
                      ("onlyClean", "true: chỉ nhập các dòng không lỗi"), ("fileName", "Tên tệp, ghi vào nhật ký")],
              requestSchema: "File", requestMediaType: "application/octet-stream", responseSchema: "ImportPreview"),
        .init(method: "GET", path: "/members/{id}", summary: "Hồ sơ đảng viên và lịch sử sinh hoạt", tag: "Đảng viên",
              responseSchema: "MemberDetail"),
        .init(method: "PUT", path: "/members/{id}", summary: "Sửa hồ sơ (phải gửi version đang sửa)", tag: "Đảng viên",
              requestSchema: "UpdateMemberRequest", responseSchema: "Member"),
        .init(method: "DELETE", path: "/members/{id}", summary: "Xóa hồ sơ nhập nhầm", tag: "Đảng viên", successStatus: 204),
        .init(method: "POST", path: "/members/{id}/transfer", summary: "Chuyển sinh hoạt sang chi bộ khác", tag: "Đảng viên",
              requestSchema: "TransferMemberRequest", responseSchema: "Member"),
        .init(method: "GET", path: "/reports/forms", summary: "Các biểu mẫu báo cáo (khai báo trong Forms/)", tag: "Báo cáo",
              responseSchema: "FormSummaryList"),
        .init(method: "GET", path: "/reports/{form}/entry", summary: "Báo cáo của một tổ chức cho một kỳ", tag: "Báo cáo",
              query: entryQuery, responseSchema: "EntryResponse"),
        .init(method: "PUT", path: "/reports/{form}/entry", summary: "Lưu nháp hoặc gửi (submit: true) báo cáo; phải gửi version đang sửa",
              tag: "Báo cáo", query: entryQuery, requestSchema: "EntryRequest", responseSchema: "EntryResponse"),
        .init(method: "POST", path: "/reports/{form}/review", summary: "Cấp trên duyệt (decision: approve) hoặc trả lại (decision: return) báo cáo kèm ý kiến",
              tag: "Báo cáo", query: entryQuery, requestSchema: "ReviewRequest", responseSchema: "ReportEntry"),
        .init(method: "POST", path: "/reports/{form}/exception", summary: "Đảng ủy Khối gia hạn nộp một báo cáo (ngày sau hạn nộp, không ở quá khứ)",
              tag: "Báo cáo", query: entryQuery, requestSchema: "ExceptionRequest", responseSchema: "ExceptionResponse"),
        .init(method: "POST", path: "/reports/values/import",
              summary: "Nhập số liệu các kỳ trước (mã tổ chức, kỳ, mã chỉ tiêu, phân tổ, giá trị; CSV UTF-8 hoặc XLSX)", tag: "Báo cáo",
              query: [("dryRun", "true (mặc định): chỉ kiểm tra; false: ghi")],
              requestSchema: "File", requestMediaType: "application/octet-stream", responseSchema: "DataValueImportResult"),
        .init(method: "GET", path: "/reports/{form}/rollup", summary: "Bảng tổng hợp trực tiếp của một tổ chức (cả cây trực thuộc) cho một khoảng thời gian",
              tag: "Báo cáo", query: [("org", "Tổ chức (mặc định: phạm vi của tài khoản)"), ("span", "2022, 2023-Q1, 2020-07-01..2023-03-31"),
                                        ("include", "submitted: tính cả báo cáo chưa duyệt")], responseSchema: "RenderedTable"),
        .init(method: "GET", path: "/reports/{form}/rate",
              summary: "Tình hình nộp của một tổ chức và cả cây trực thuộc: phải nộp, đúng hạn, trễ, trả lại, chưa nộp; theo từng tổ chức trực thuộc; danh sách đơn vị phân trang theo con trỏ",
              tag: "Báo cáo",
              query: [("period", "Kỳ báo cáo"), ("org", "Tổ chức (UUID); mặc định phạm vi của tài khoản"),
                      ("outcome", "Chỉ các đơn vị có tình hình này, cách nhau dấu phẩy: onTime, late, returned, draft, missing"),
                      ("pageSize", "Số đơn vị mỗi trang (mặc định 100, tối đa 500)")] + cursorQuery
                  + [("childrenAfter", "childrenNextCursor: các tổ chức trực thuộc tiếp theo")],
              responseSchema: "RateResponse"),
        .init(method: "GET", path: "/ratings",
              summary: "Đánh giá, xếp loại chất lượng một năm: số liệu đảng viên của tổ chức và cây trực thuộc (tỷ lệ kèm tử số và mẫu số), đảng viên sinh hoạt tại tổ chức cùng kết quả, các đánh giá tổ chức, tập thể, cán bộ của tổ chức",
              tag: "Đánh giá, xếp loại", query: [("org", "Tổ chức (UUID); mặc định phạm vi của tài khoản"), ("year", "Năm đánh giá; mặc định năm trước")],
              responseSchema: "RatingYear"),
        .init(method: "PUT", path: "/ratings",
              summary: "Ghi một loạt kết quả đánh giá của một năm (tất cả hoặc không; đối tượng đã đánh giá trong năm thì được sửa)",
              tag: "Đánh giá, xếp loại", requestSchema: "RatingBatch", responseSchema: "RatingSaveResult"),
        .init(method: "GET", path: "/audit", summary: "Nhật ký thay đổi (quản trị), mới nhất trước, phân trang theo con trỏ; số lượng đếm tới 1.000",
              tag: "Nhật ký",
              query: [("action", "Loại thao tác"), ("actor", "Người thực hiện"), ("entity", "Loại đối tượng"),
                      ("from", "Từ ngày"), ("to", "Đến ngày"), ("pageSize", "Số dòng mỗi trang (mặc định 50, tối đa 200)")] + cursorQuery,
              responseSchema: "AuditPage"),
    ]
}
