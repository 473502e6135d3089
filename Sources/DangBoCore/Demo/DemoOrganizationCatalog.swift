import Foundation

/// The grassroots organizations of the demo bloc. Names come from the seed report where it names them
/// (Sở Y tế, Sở Tài nguyên và Môi trường, Cục Thi hành án dân sự, Công ty Xăng dầu B12, Sở Kế hoạch và Đầu tư,
/// Sở Văn hóa và Thể thao, Ban Quản lý Khu kinh tế Quảng Ninh, Ban Xúc tiến và Hỗ trợ đầu tư tỉnh,
/// Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp, Sở Khoa học và Công nghệ,
/// Hội Văn học Nghệ thuật, Trường … Nguyễn Văn Cừ); the rest are plausible provincial agencies, units and
/// enterprises. The 17 marked `transferred` joined the bloc from the city committees of Hạ Long, Cẩm Phả and
/// Uông Bí under Quyết định 537-QĐ/TU of 12/4/2022.
enum DemoOrganizationCatalog {
    /// How the subordinate cells of a grassroots committee are usually named.
    enum CellProfile {
        case department, agency, hospital, school, media, enterprise, bank

        /// Generic cell names (without "Chi bộ "), used after the unit's own list.
        var generic: [String] {
            switch self {
            case .department:
                return ["Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Phòng Pháp chế",
                        "Phòng Quản lý chuyên ngành", "Phòng Tổng hợp", "Trung tâm Công nghệ thông tin",
                        "Phòng Hợp tác quốc tế", "Phòng Cải cách hành chính", "Phòng Thi đua - Khen thưởng",
                        "Phòng Kiểm tra nội bộ"]
            case .agency:
                return ["Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Tổng hợp",
                        "Phòng Thanh tra - Kiểm tra", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3",
                        "Phòng Pháp chế", "Phòng Công nghệ thông tin", "Phòng Hành chính - Quản trị",
                        "Phòng Kiểm tra nội bộ"]
            case .hospital:
                return ["Khoa Khám bệnh", "Khoa Cấp cứu", "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Sản",
                        "Khoa Nhi", "Khoa Hồi sức tích cực - Chống độc", "Khoa Gây mê hồi sức",
                        "Khoa Chẩn đoán hình ảnh", "Khoa Xét nghiệm", "Khoa Dược", "Khoa Truyền nhiễm",
                        "Khoa Tim mạch", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng"]
            case .school:
                return ["Phòng Đào tạo", "Phòng Công tác học sinh - sinh viên", "Khoa Khoa học cơ bản",
                        "Khoa Kinh tế", "Khoa Ngoại ngữ", "Khoa Công nghệ thông tin", "Khoa Du lịch",
                        "Khoa Điều dưỡng", "Khoa Cơ khí - Động lực", "Khoa Điện - Điện tử",
                        "Phòng Khảo thí và Đảm bảo chất lượng"]
            case .media:
                return ["Phòng Thời sự", "Phòng Biên tập", "Phòng Phóng viên", "Phòng Chuyên đề",
                        "Phòng Kỹ thuật - Công nghệ", "Phòng Văn nghệ - Giải trí", "Phòng Báo điện tử",
                        "Phòng Dịch vụ - Quảng cáo", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính",
                        "Phòng Biên dịch"]
            case .enterprise:
                return ["Phòng Kỹ thuật", "Phòng Kế hoạch - Vật tư", "Phòng Tài chính - Kế toán",
                        "Phòng Tổ chức - Lao động", "Phòng An toàn - Môi trường", "Phân xưởng Sản xuất số 1",
                        "Phân xưởng Sản xuất số 2", "Phân xưởng Cơ điện", "Phân xưởng Sửa chữa", "Đội Xe",
                        "Phòng Kinh doanh"]
            case .bank:
                return ["Phòng Kế toán - Ngân quỹ", "Phòng Khách hàng doanh nghiệp", "Phòng Khách hàng cá nhân",
                        "Phòng Quản lý rủi ro", "Phòng Giao dịch Bãi Cháy", "Phòng Giao dịch Cẩm Phả",
                        "Phòng Giao dịch Uông Bí", "Phòng Giao dịch Móng Cái", "Phòng Giao dịch Đông Triều",
                        "Phòng Giao dịch Quảng Yên", "Phòng Giao dịch Vân Đồn"]
            }
        }
    }

    struct Unit {
        /// The unit the organization sits in: "Sở Y tế".
        let unit: String
        let isCommittee: Bool
        let kind: UnitKind
        /// Index into `clusters`.
        let cluster: Int
        /// Relative size (members); scaled to the bloc's totals.
        let size: Int
        let transferred: Bool
        /// Code stem when the automatic abbreviation would be clumsy.
        let abbreviation: String?
        let profile: CellProfile
        /// Unit-specific subordinate cell names (without "Chi bộ "), the office first.
        let cells: [String]

        var displayName: String { (isCommittee ? "Đảng bộ " : "Chi bộ ") + unit }
        var level: OrganizationLevel { isCommittee ? .grassrootsCommittee : .grassrootsCell }

        /// The office cell, always the first subordinate cell of a committee.
        var officeCell: String {
            if let first = cells.first { return first }
            switch profile {
            case .department: return "Văn phòng Sở"
            case .hospital, .school: return "Khối Văn phòng"
            case .enterprise: return "Văn phòng Công ty"
            case .bank: return "Phòng Tổng hợp"
            case .media, .agency:
                if unit.hasPrefix("Cục ") { return "Văn phòng Cục" }
                if unit.hasPrefix("Ban ") { return "Văn phòng Ban" }
                return "Văn phòng"
            }
        }

        /// Candidate subordinate cell names in order of preference, without duplicates.
        var cellNames: [String] {
            var seen = Set<String>()
            return ([officeCell] + cells + profile.generic).filter { seen.insert($0).inserted }
        }
    }

    static let clusters = [
        "Cụm Khối Tổng hợp",
        "Cụm Khối Nội chính",
        "Cụm Khối Kinh tế tổng hợp",
        "Cụm Khối Kinh tế ngành",
        "Cụm Khối Văn hóa - Xã hội",
        "Cụm Khối Y tế - Giáo dục",
        "Cụm Khối Tài chính - Ngân hàng",
        "Cụm Khối Doanh nghiệp",
    ]

    private static func committee(_ unit: String, _ kind: UnitKind, cluster: Int, size: Int,
                                  _ profile: CellProfile, abbreviation: String? = nil, transferred: Bool = false,
                                  cells: [String] = []) -> Unit {
        Unit(unit: unit, isCommittee: true, kind: kind, cluster: cluster, size: size, transferred: transferred,
             abbreviation: abbreviation, profile: profile, cells: cells)
    }

    private static func cell(_ unit: String, _ kind: UnitKind, cluster: Int, size: Int,
                             abbreviation: String? = nil, transferred: Bool = false) -> Unit {
        Unit(unit: unit, isCommittee: false, kind: kind, cluster: cluster, size: size, transferred: transferred,
             abbreviation: abbreviation, profile: .agency, cells: [])
    }

    private static let towns = ["Hạ Long", "Cẩm Phả", "Uông Bí", "Móng Cái", "Đông Triều", "Quảng Yên", "Vân Đồn",
                                "Tiên Yên", "Hải Hà", "Đầm Hà", "Bình Liêu", "Ba Chẽ", "Cô Tô"]

    private static func branches(_ prefix: String, _ count: Int = 8) -> [String] {
        towns.prefix(count).map { "\(prefix) \($0)" }
    }

    /// 65 organizations that were in the bloc before 2022, then the 17 transferred ones.
    static let units: [Unit] = [
        // Cụm Khối Tổng hợp
        cell("Cơ quan Đảng ủy Khối", .agency, cluster: 0, size: 22, abbreviation: "CQDUK"),
        committee("Văn phòng Ủy ban nhân dân tỉnh", .agency, cluster: 0, size: 85, .agency,
                  abbreviation: "VPUBND",
                  cells: ["Phòng Hành chính - Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Xây dựng - Giao thông",
                          "Phòng Nông nghiệp - Tài nguyên", "Phòng Khoa giáo - Văn xã", "Phòng Nội chính - Pháp chế",
                          "Ban Tiếp công dân tỉnh", "Trung tâm Thông tin", "Nhà khách tỉnh"]),
        cell("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", .agency, cluster: 0, size: 28,
             abbreviation: "VPDDBQHHDND"),
        committee("Sở Nội vụ", .agency, cluster: 0, size: 60, .department,
                  cells: ["Văn phòng Sở", "Phòng Tổ chức - Biên chế", "Phòng Xây dựng chính quyền và Công tác thanh niên",
                          "Ban Thi đua - Khen thưởng", "Ban Tôn giáo", "Chi cục Văn thư - Lưu trữ"]),
        cell("Sở Ngoại vụ", .agency, cluster: 0, size: 24, abbreviation: "SNGV"),
        cell("Thanh tra tỉnh", .agency, cluster: 0, size: 38),
        cell("Ban Dân tộc tỉnh", .agency, cluster: 0, size: 22),
        cell("Liên minh Hợp tác xã tỉnh", .agency, cluster: 0, size: 14),
        cell("Trung tâm Phục vụ hành chính công tỉnh", .publicServiceUnit, cluster: 0, size: 24,
             abbreviation: "TTPVHCC"),

        // Cụm Khối Nội chính
        committee("Sở Tư pháp", .agency, cluster: 1, size: 50, .department,
                  cells: ["Văn phòng Sở", "Trung tâm Trợ giúp pháp lý nhà nước", "Phòng Công chứng số 1",
                          "Trung tâm Dịch vụ đấu giá tài sản", "Phòng Hành chính tư pháp"]),
        committee("Cục Thi hành án dân sự tỉnh", .agency, cluster: 1, size: 190, .agency, abbreviation: "CTHADS",
                  cells: ["Văn phòng Cục", "Phòng Nghiệp vụ và Tổ chức thi hành án", "Phòng Kiểm tra, giải quyết khiếu nại, tố cáo"]
                      + branches("Chi cục Thi hành án dân sự", 10)),
        committee("Tòa án nhân dân tỉnh", .agency, cluster: 1, size: 70, .agency, abbreviation: "TAND",
                  cells: ["Văn phòng", "Tòa Hình sự", "Tòa Dân sự", "Tòa Hành chính", "Tòa Kinh tế",
                          "Tòa Gia đình và người chưa thành niên", "Phòng Giám đốc kiểm tra"]),
        committee("Viện Kiểm sát nhân dân tỉnh", .agency, cluster: 1, size: 75, .agency, abbreviation: "VKSND",
                  cells: ["Văn phòng", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
                          "Phòng Kiểm sát xét xử", "Phòng Kiểm sát giải quyết các vụ án dân sự",
                          "Phòng Thanh tra - Khiếu tố", "Phòng Kiểm sát thi hành án"]),
        committee("Cục Quản lý thị trường tỉnh", .agency, cluster: 1, size: 110, .agency, abbreviation: "CQLTT",
                  cells: ["Văn phòng Cục", "Phòng Nghiệp vụ - Tổng hợp", "Phòng Thanh tra - Pháp chế"]
                      + (1...9).map { "Đội Quản lý thị trường số \($0)" }),

        // Cụm Khối Kinh tế tổng hợp
        committee("Sở Kế hoạch và Đầu tư", .agency, cluster: 2, size: 60, .department,
                  cells: ["Văn phòng Sở", "Phòng Đăng ký kinh doanh", "Phòng Tổng hợp, quy hoạch",
                          "Trung tâm Hỗ trợ doanh nghiệp"]),
        committee("Sở Tài chính", .agency, cluster: 2, size: 70, .department,
                  cells: ["Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá - Công sản",
                          "Phòng Tài chính hành chính sự nghiệp", "Phòng Tài chính doanh nghiệp"]),
        committee("Sở Công Thương", .agency, cluster: 2, size: 55, .department,
                  cells: ["Văn phòng Sở", "Phòng Quản lý năng lượng", "Phòng Quản lý thương mại",
                          "Trung tâm Khuyến công và Xúc tiến thương mại"]),
        committee("Sở Xây dựng", .agency, cluster: 2, size: 70, .department,
                  cells: ["Văn phòng Sở", "Viện Quy hoạch xây dựng", "Trung tâm Kiểm định chất lượng xây dựng",
                          "Phòng Quản lý nhà và thị trường bất động sản"]),
        committee("Sở Giao thông vận tải", .agency, cluster: 2, size: 120, .department,
                  cells: ["Văn phòng Sở", "Ban Quản lý bảo trì đường bộ", "Trung tâm Đăng kiểm phương tiện",
                          "Cảng vụ đường thủy nội địa", "Phòng Quản lý vận tải, phương tiện và người lái",
                          "Phòng Quản lý kết cấu hạ tầng giao thông"]),
        committee("Ban Quản lý Khu kinh tế Quảng Ninh", .agency, cluster: 2, size: 65, .agency, abbreviation: "BQLKKT",
                  cells: ["Văn phòng Ban", "Phòng Quản lý đầu tư", "Phòng Quản lý doanh nghiệp", "Phòng Quy hoạch - Xây dựng",
                          "Trung tâm Dịch vụ hỗ trợ đầu tư", "Văn phòng đại diện tại Móng Cái"]),
        cell("Ban Xúc tiến và Hỗ trợ đầu tư tỉnh", .agency, cluster: 2, size: 18, abbreviation: "XTDT"),
        committee("Cục Thống kê tỉnh", .agency, cluster: 2, size: 60, .agency, abbreviation: "CTK",
                  cells: ["Văn phòng Cục", "Phòng Thống kê tổng hợp", "Phòng Thống kê kinh tế", "Phòng Thống kê xã hội",
                          "Phòng Thu thập thông tin thống kê"] + branches("Chi cục Thống kê khu vực", 6)),
        cell("Quỹ Đầu tư phát triển tỉnh", .publicServiceUnit, cluster: 2, size: 16),

        // Cụm Khối Kinh tế ngành
        committee("Sở Nông nghiệp và Phát triển nông thôn", .agency, cluster: 3, size: 260, .department,
                  cells: ["Văn phòng Sở", "Chi cục Kiểm lâm", "Chi cục Thủy sản", "Chi cục Thủy lợi",
                          "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y",
                          "Chi cục Phát triển nông thôn", "Trung tâm Khuyến nông", "Ban Quản lý rừng phòng hộ",
                          "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "Chi cục Quản lý chất lượng nông lâm sản và thủy sản"]),
        committee("Sở Tài nguyên và Môi trường", .agency, cluster: 3, size: 170, .department,
                  cells: ["Văn phòng Sở", "Văn phòng Đăng ký đất đai", "Trung tâm Quan trắc môi trường",
                          "Chi cục Bảo vệ môi trường", "Trung tâm Phát triển quỹ đất", "Phòng Quản lý đất đai",
                          "Chi cục Biển và Hải đảo", "Trung tâm Công nghệ thông tin tài nguyên và môi trường"]),
        committee("Sở Khoa học và Công nghệ", .agency, cluster: 3, size: 55, .department,
                  cells: ["Văn phòng Sở", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin và Thống kê khoa học",
                          "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ"]),
        committee("Sở Thông tin và Truyền thông", .agency, cluster: 3, size: 45, .department,
                  cells: ["Văn phòng Sở", "Trung tâm Thông tin và Dữ liệu", "Phòng Báo chí - Xuất bản"]),
        committee("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh", .publicServiceUnit,
                  cluster: 3, size: 55, .agency, abbreviation: "QLDADDCN",
                  cells: ["Văn phòng Ban", "Phòng Kế hoạch - Tổng hợp", "Phòng Quản lý dự án 1", "Phòng Quản lý dự án 2",
                          "Phòng Kỹ thuật - Thẩm định", "Phòng Tài chính - Kế toán"]),
        committee("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", .publicServiceUnit,
                  cluster: 3, size: 50, .agency, abbreviation: "QLDAGT",
                  cells: ["Văn phòng Ban", "Phòng Kế hoạch - Tổng hợp", "Phòng Quản lý dự án 1", "Phòng Quản lý dự án 2",
                          "Phòng Quản lý dự án 3", "Phòng Tài chính - Kế toán"]),
        cell("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh",
             .publicServiceUnit, cluster: 3, size: 30, abbreviation: "QLDANN"),
        cell("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", .agency, cluster: 3, size: 10, abbreviation: "LHHKHKT"),

        // Cụm Khối Văn hóa - Xã hội
        committee("Sở Văn hóa và Thể thao", .agency, cluster: 4, size: 200, .department,
                  cells: ["Văn phòng Sở", "Bảo tàng tỉnh", "Thư viện tỉnh", "Trung tâm Văn hóa tỉnh", "Đoàn Nghệ thuật tỉnh",
                          "Trung tâm Huấn luyện và Thi đấu thể thao", "Ban Quản lý di tích", "Trung tâm Phát hành phim"]),
        cell("Sở Du lịch", .agency, cluster: 4, size: 30),
        committee("Sở Lao động - Thương binh và Xã hội", .agency, cluster: 4, size: 150, .department,
                  cells: ["Văn phòng Sở", "Trung tâm Bảo trợ xã hội", "Trung tâm Dịch vụ việc làm", "Cơ sở cai nghiện ma túy",
                          "Trung tâm Điều dưỡng người có công", "Làng trẻ em SOS", "Phòng Giáo dục nghề nghiệp"]),
        cell("Hội Văn học Nghệ thuật tỉnh", .agency, cluster: 4, size: 12, abbreviation: "HVHNT"),
        committee("Báo Quảng Ninh", .publicServiceUnit, cluster: 4, size: 75, .media, abbreviation: "BQN",
                  cells: ["Văn phòng", "Phòng Thời sự", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Phòng Báo điện tử",
                          "Phòng Trị sự - Phát hành", "Phòng Bạn đọc"]),
        committee("Đài Phát thanh và Truyền hình tỉnh", .publicServiceUnit, cluster: 4, size: 120, .media,
                  abbreviation: "PTTH",
                  cells: ["Văn phòng", "Phòng Thời sự", "Phòng Phát thanh", "Phòng Truyền hình", "Phòng Kỹ thuật - Công nghệ",
                          "Phòng Văn nghệ - Giải trí", "Phòng Chuyên đề", "Phòng Dịch vụ - Quảng cáo"]),
        committee("Cơ quan Ủy ban Mặt trận Tổ quốc và các đoàn thể tỉnh", .agency, cluster: 4, size: 80, .agency,
                  abbreviation: "MTTQDT",
                  cells: ["Cơ quan Ủy ban Mặt trận Tổ quốc tỉnh", "Cơ quan Tỉnh đoàn", "Cơ quan Hội Liên hiệp Phụ nữ tỉnh",
                          "Cơ quan Hội Nông dân tỉnh", "Cơ quan Hội Cựu chiến binh tỉnh", "Cơ quan Liên đoàn Lao động tỉnh"]),
        cell("Hội Chữ thập đỏ tỉnh", .agency, cluster: 4, size: 14),

        // Cụm Khối Y tế - Giáo dục
        committee("Sở Y tế", .agency, cluster: 5, size: 240, .department,
                  cells: ["Văn phòng Sở", "Chi cục An toàn vệ sinh thực phẩm", "Chi cục Dân số - Kế hoạch hóa gia đình",
                          "Bệnh viện Lao và Phổi", "Bệnh viện Phục hồi chức năng", "Bệnh viện Tâm thần",
                          "Trung tâm Giám định y khoa", "Trung tâm Kiểm nghiệm", "Trung tâm Pháp y",
                          "Trung tâm Cấp cứu 115", "Phòng Nghiệp vụ Y"]),
        committee("Sở Giáo dục và Đào tạo", .agency, cluster: 5, size: 180, .department,
                  cells: ["Văn phòng Sở", "Phòng Giáo dục trung học", "Phòng Giáo dục mầm non - tiểu học",
                          "Phòng Khảo thí và Kiểm định chất lượng", "Trường THPT Chuyên Hạ Long",
                          "Trường Phổ thông Dân tộc nội trú tỉnh", "Trung tâm Giáo dục thường xuyên tỉnh",
                          "Trường Trung học phổ thông Hòn Gai", "Trường Trung học phổ thông Bãi Cháy"]),
        committee("Bệnh viện Đa khoa tỉnh", .publicServiceUnit, cluster: 5, size: 320, .hospital, abbreviation: "BVDKT"),
        committee("Bệnh viện Sản Nhi tỉnh", .publicServiceUnit, cluster: 5, size: 190, .hospital, abbreviation: "BVSN",
                  cells: ["Khối Văn phòng", "Khoa Sản thường", "Khoa Sản bệnh", "Khoa Hồi sức tích cực sơ sinh", "Khoa Nhi tổng hợp",
                          "Khoa Ngoại Nhi", "Khoa Khám bệnh", "Khoa Xét nghiệm", "Khoa Gây mê hồi sức", "Khoa Dược"]),
        committee("Bệnh viện Y dược cổ truyền tỉnh", .publicServiceUnit, cluster: 5, size: 60, .hospital,
                  abbreviation: "BVYDCT",
                  cells: ["Khối Văn phòng", "Khoa Châm cứu - Dưỡng sinh", "Khoa Nội", "Khoa Phục hồi chức năng"]),
        committee("Trung tâm Kiểm soát bệnh tật tỉnh", .publicServiceUnit, cluster: 5, size: 70, .agency,
                  abbreviation: "CDC",
                  cells: ["Phòng Tổ chức - Hành chính", "Khoa Phòng, chống bệnh truyền nhiễm", "Khoa Dinh dưỡng",
                          "Khoa Xét nghiệm - Chẩn đoán hình ảnh", "Khoa Sức khỏe môi trường - Y tế trường học"]),
        committee("Trường Chính trị Nguyễn Văn Cừ", .publicServiceUnit, cluster: 5, size: 48, .school, abbreviation: "TCTNVC",
                  cells: ["Phòng Tổ chức - Hành chính", "Khoa Lý luận cơ sở", "Khoa Xây dựng Đảng",
                          "Khoa Nhà nước và Pháp luật", "Phòng Quản lý đào tạo"]),
        committee("Trường Cao đẳng Y tế tỉnh", .publicServiceUnit, cluster: 5, size: 50, .school, abbreviation: "CDYT",
                  cells: ["Khối Văn phòng", "Khoa Điều dưỡng", "Khoa Dược", "Khoa Y học cơ sở"]),
        committee("Trường Cao đẳng Kỹ thuật - Công nghệ tỉnh", .publicServiceUnit, cluster: 5, size: 46, .school,
                  abbreviation: "CDKTCN"),

        // Cụm Khối Tài chính - Ngân hàng
        committee("Kho bạc Nhà nước tỉnh", .agency, cluster: 6, size: 110, .agency, abbreviation: "KBNN",
                  cells: ["Văn phòng", "Phòng Kế toán nhà nước", "Phòng Kiểm soát chi", "Phòng Thanh tra - Kiểm tra"]
                      + branches("Kho bạc Nhà nước", 8)),
        committee("Cục Thuế tỉnh", .agency, cluster: 6, size: 240, .agency, abbreviation: "CTHUE",
                  cells: ["Văn phòng Cục", "Phòng Kiểm tra thuế số 1", "Phòng Kiểm tra thuế số 2", "Phòng Thanh tra thuế",
                          "Phòng Quản lý nợ và cưỡng chế nợ thuế"] + branches("Chi cục Thuế khu vực", 7)),
        committee("Cục Hải quan tỉnh", .agency, cluster: 6, size: 210, .agency, abbreviation: "CHQ",
                  cells: ["Văn phòng Cục", "Chi cục Hải quan cửa khẩu Móng Cái", "Chi cục Hải quan cửa khẩu cảng Cái Lân",
                          "Chi cục Hải quan cảng Cẩm Phả", "Chi cục Hải quan cửa khẩu Hoành Mô",
                          "Chi cục Hải quan cửa khẩu Bắc Phong Sinh", "Chi cục Hải quan Hòn Gai",
                          "Chi cục Kiểm tra sau thông quan", "Đội Kiểm soát Hải quan", "Phòng Nghiệp vụ"]),
        committee("Bảo hiểm xã hội tỉnh", .agency, cluster: 6, size: 130, .agency, abbreviation: "BHXH",
                  cells: ["Văn phòng", "Phòng Quản lý thu - Sổ, thẻ", "Phòng Chế độ bảo hiểm xã hội", "Phòng Giám định bảo hiểm y tế"]
                      + branches("Bảo hiểm xã hội", 7)),
        committee("Ngân hàng Nhà nước chi nhánh tỉnh", .agency, cluster: 6, size: 48, .bank, abbreviation: "NHNN",
                  cells: ["Phòng Tổng hợp - Nhân sự", "Thanh tra, giám sát ngân hàng", "Phòng Kế toán - Thanh toán"]),
        committee("Ngân hàng Chính sách xã hội chi nhánh tỉnh", .publicServiceUnit, cluster: 6, size: 90, .bank,
                  abbreviation: "NHCSXH",
                  cells: ["Phòng Hành chính - Tổ chức", "Phòng Kế hoạch - Nghiệp vụ tín dụng", "Phòng Kế toán - Ngân quỹ"]
                      + branches("Phòng Giao dịch", 8)),
        committee("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh", .stateEnterprise, cluster: 6, size: 140,
                  .bank, abbreviation: "AGRIBANK"),
        committee("Ngân hàng Thương mại cổ phần Đầu tư và Phát triển chi nhánh tỉnh", .stateEnterprise, cluster: 6,
                  size: 60, .bank, abbreviation: "BIDV"),
        cell("Ngân hàng Thương mại cổ phần Công thương chi nhánh tỉnh", .stateEnterprise, cluster: 6, size: 38,
             abbreviation: "VIETINBANK"),
        cell("Công ty Xổ số kiến thiết tỉnh", .stateEnterprise, cluster: 6, size: 20, abbreviation: "XSKT"),

        // Cụm Khối Doanh nghiệp
        committee("Công ty Trách nhiệm hữu hạn Một thành viên Khai thác thủy lợi tỉnh", .stateEnterprise, cluster: 7,
                  size: 65, .enterprise, abbreviation: "KTTL",
                  cells: ["Văn phòng Công ty", "Phòng Kỹ thuật", "Xí nghiệp Thủy lợi Yên Lập", "Xí nghiệp Thủy lợi Đông Triều",
                          "Xí nghiệp Thủy lợi Quảng Yên", "Xí nghiệp Thủy lợi Tiên Yên"]),
        cell("Công ty Trách nhiệm hữu hạn Một thành viên Lâm nghiệp tỉnh", .stateEnterprise, cluster: 7, size: 28,
             abbreviation: "LNT"),
        cell("Công ty Cổ phần Đầu tư Xây dựng và Thương mại tỉnh", .privateEnterprise, cluster: 7, size: 22,
             abbreviation: "DTXDTM"),
        cell("Công ty Cổ phần Tư vấn Thiết kế Xây dựng tỉnh", .privateEnterprise, cluster: 7, size: 16, abbreviation: "TVTKXD"),
        cell("Công ty Cổ phần Phát hành sách và Thiết bị trường học tỉnh", .privateEnterprise, cluster: 7, size: 12,
             abbreviation: "PHSTBTH"),
        cell("Công ty Cổ phần In và Bao bì tỉnh", .privateEnterprise, cluster: 7, size: 14, abbreviation: "INBB"),
        cell("Công ty Cổ phần Vận tải thủy tỉnh", .privateEnterprise, cluster: 7, size: 18, abbreviation: "VTT"),

        // The 17 organizations transferred by Quyết định 537-QĐ/TU (12/4/2022)
        committee("Công ty Xăng dầu B12", .stateEnterprise, cluster: 7, size: 170, .enterprise, abbreviation: "XDB12",
                  transferred: true,
                  cells: ["Văn phòng Công ty", "Phòng Kinh doanh", "Phòng Quản lý kỹ thuật", "Phòng Tài chính - Kế toán",
                          "Kho xăng dầu K130", "Tổng kho xăng dầu Cái Lân", "Xí nghiệp Xăng dầu Quảng Ninh",
                          "Cửa hàng xăng dầu khu vực Hạ Long", "Cửa hàng xăng dầu khu vực Cẩm Phả",
                          "Cửa hàng xăng dầu khu vực Uông Bí", "Đội Xe"]),
        committee("Công ty Điện lực tỉnh", .stateEnterprise, cluster: 7, size: 330, .enterprise, abbreviation: "DLT",
                  transferred: true,
                  cells: ["Văn phòng Công ty", "Phòng Kỹ thuật", "Phòng Kinh doanh", "Trung tâm Điều độ hệ thống điện"]
                      + branches("Điện lực", 8)),
        committee("Công ty Nhiệt điện Uông Bí", .stateEnterprise, cluster: 7, size: 300, .enterprise, abbreviation: "NDUB",
                  transferred: true,
                  cells: ["Văn phòng Công ty", "Phân xưởng Vận hành 1", "Phân xưởng Vận hành 2", "Phân xưởng Lò máy",
                          "Phân xưởng Điện - Kiểm nhiệt", "Phân xưởng Nhiên liệu", "Phân xưởng Hóa",
                          "Phân xưởng Sửa chữa cơ nhiệt", "Phòng Kỹ thuật", "Phòng Kế hoạch - Vật tư", "Phòng An toàn"]),
        committee("Công ty Cổ phần Nhiệt điện Quảng Ninh", .stateEnterprise, cluster: 7, size: 260, .enterprise,
                  abbreviation: "NDQN", transferred: true,
                  cells: ["Văn phòng Công ty", "Phân xưởng Vận hành 1", "Phân xưởng Vận hành 2", "Phân xưởng Nhiên liệu",
                          "Phân xưởng Điện - Kiểm nhiệt", "Phân xưởng Lò máy", "Phân xưởng Hóa", "Phòng Kỹ thuật",
                          "Phòng Kế hoạch - Vật tư", "Phân xưởng Cảng"]),
        committee("Công ty Cổ phần Nước sạch tỉnh", .stateEnterprise, cluster: 7, size: 140, .enterprise, abbreviation: "NST",
                  transferred: true,
                  cells: ["Văn phòng Công ty", "Nhà máy nước Diễn Vọng", "Nhà máy nước Đồng Ho", "Nhà máy nước Yên Lập"]
                      + branches("Xí nghiệp Nước", 6)),
        committee("Công ty Cổ phần Cảng Quảng Ninh", .stateEnterprise, cluster: 7, size: 120, .enterprise,
                  abbreviation: "CANGQN", transferred: true,
                  cells: ["Văn phòng Công ty", "Xí nghiệp Xếp dỡ Cái Lân", "Xí nghiệp Xếp dỡ Hòn Gai", "Đội Tàu lai",
                          "Phòng Kinh doanh", "Phòng Kỹ thuật", "Phân xưởng Cơ giới"]),
        cell("Công ty Cổ phần Gốm xây dựng Hạ Long", .privateEnterprise, cluster: 7, size: 26, abbreviation: "GXDHL",
             transferred: true),
        cell("Công ty Cổ phần Du lịch và Thương mại Hạ Long", .privateEnterprise, cluster: 7, size: 30,
             abbreviation: "DLTMHL", transferred: true),
        committee("Công ty Cổ phần Môi trường đô thị Hạ Long", .privateEnterprise, cluster: 7, size: 70, .enterprise,
                  abbreviation: "MTDTHL", transferred: true,
                  cells: ["Văn phòng Công ty", "Xí nghiệp Môi trường Hòn Gai", "Xí nghiệp Môi trường Bãi Cháy",
                          "Xí nghiệp Cây xanh", "Đội Xe"]),
        committee("Bệnh viện Bãi Cháy", .publicServiceUnit, cluster: 5, size: 230, .hospital, abbreviation: "BVBC",
                  transferred: true),
        committee("Bệnh viện Đa khoa khu vực Cẩm Phả", .publicServiceUnit, cluster: 5, size: 170, .hospital,
                  abbreviation: "BVDKKVCP", transferred: true),
        committee("Bệnh viện Việt Nam - Thụy Điển Uông Bí", .publicServiceUnit, cluster: 5, size: 240, .hospital,
                  abbreviation: "BVVNTDUB", transferred: true),
        committee("Trường Đại học Hạ Long", .publicServiceUnit, cluster: 5, size: 150, .school, abbreviation: "DHHL",
                  transferred: true,
                  cells: ["Khối Văn phòng", "Khoa Du lịch", "Khoa Ngoại ngữ", "Khoa Công nghệ thông tin", "Khoa Sư phạm",
                          "Khoa Văn hóa", "Khoa Nghệ thuật", "Khoa Môi trường", "Khoa Nuôi trồng thủy sản",
                          "Phòng Đào tạo", "Phòng Khoa học và Hợp tác quốc tế"]),
        committee("Trường Cao đẳng Việt - Hàn Quảng Ninh", .publicServiceUnit, cluster: 5, size: 55, .school,
                  abbreviation: "CDVH", transferred: true),
        committee("Viễn thông tỉnh", .stateEnterprise, cluster: 7, size: 80, .enterprise, abbreviation: "VNPT",
                  transferred: true,
                  cells: ["Văn phòng", "Trung tâm Điều hành thông tin", "Trung tâm Công nghệ thông tin"]
                      + branches("Trung tâm Viễn thông", 6)),
        committee("Bưu điện tỉnh", .stateEnterprise, cluster: 7, size: 70, .enterprise, abbreviation: "VNPOST",
                  transferred: true,
                  cells: ["Văn phòng", "Trung tâm Khai thác vận chuyển"] + branches("Bưu điện", 6)),
        committee("Công ty Cổ phần Xi măng và Xây dựng Quảng Ninh", .privateEnterprise, cluster: 7, size: 55,
                  .enterprise, abbreviation: "XMXDQN", transferred: true,
                  cells: ["Văn phòng Công ty", "Nhà máy Xi măng Lam Thạch", "Phân xưởng Khai thác đá", "Phòng Kỹ thuật"]),
    ]
}

/// Organization codes: ASCII, upper case, from the initials of the folded name.
enum DemoCodes {
    private static let skipped: Set<String> = ["va", "tinh", "-", "–", ",", "cac"]

    /// "Sở Kế hoạch và Đầu tư" → "SKHDT"; words with digits are kept whole ("B12", "1").
    static func abbreviation(_ name: String, maxLength: Int = 12) -> String {
        let folded = VietnameseText.folded(name.replacingOccurrences(of: ",", with: " "))
        var result = ""
        for word in folded.split(separator: " ") where !skipped.contains(String(word)) {
            let ascii = word.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            guard let first = ascii.first else { continue }
            if ascii.contains(where: { ("0"..."9").contains($0) }) {
                result += String(String.UnicodeScalarView(ascii)).uppercased()
            } else {
                result += String(first).uppercased()
            }
        }
        return String(result.prefix(maxLength))
    }

    /// Makes `candidate` unique within `used` by appending 2, 3, … (keeping within 32 characters).
    static func unique(_ candidate: String, in used: inout Set<String>) -> String {
        var code = String(candidate.prefix(32))
        var n = 2
        while used.contains(code) {
            let suffix = String(n)
            code = String(candidate.prefix(32 - suffix.count)) + suffix
            n += 1
        }
        used.insert(code)
        return code
    }
}
