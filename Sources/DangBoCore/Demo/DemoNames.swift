import Foundation

/// Vietnamese person names and the other attribute vocabularies of the demo registry.
/// Weights are rough shares in the north of Vietnam; they only need to look plausible.
enum DemoNames {
    /// (family name, weight)
    static let familyNames: [(String, Double)] = [
        ("Nguyễn", 36), ("Trần", 10), ("Lê", 8), ("Phạm", 7), ("Vũ", 5), ("Hoàng", 4.5), ("Đỗ", 3),
        ("Bùi", 3), ("Đặng", 2.5), ("Ngô", 2), ("Phan", 2), ("Dương", 1.5), ("Đinh", 1.5), ("Hồ", 1),
        ("Lý", 0.8), ("Trịnh", 1), ("Đoàn", 1), ("Lương", 0.8), ("Mai", 0.8), ("Tạ", 0.6), ("Lưu", 0.6),
        ("Phùng", 0.6), ("Cao", 0.6), ("Tô", 0.5), ("Hà", 0.8), ("Chu", 0.4), ("Trương", 0.6), ("Võ", 0.5),
        ("Nông", 0.3), ("Triệu", 0.3), ("Lã", 0.2), ("Kiều", 0.2), ("Quách", 0.2), ("Vương", 0.3),
        ("Đào", 0.8), ("Lại", 0.3), ("Thân", 0.2), ("Nghiêm", 0.2), ("Khúc", 0.2), ("Tăng", 0.2),
    ]

    static let maleMiddleNames: [(String, Double)] = [
        ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 5), ("Xuân", 4), ("Thanh", 4),
        ("Mạnh", 3), ("Tiến", 3), ("Công", 4), ("Trọng", 3), ("Ngọc", 3), ("Duy", 3), ("Việt", 2),
        ("Hồng", 2), ("Anh", 2), ("Hoàng", 2), ("Đình", 4), ("Trung", 2), ("Quốc", 3), ("Tuấn", 2),
        ("Bá", 1.5), ("Thế", 2), ("Huy", 1.5), ("Khắc", 1), ("Kim", 0.5), ("Hải", 1.5), ("Nam", 1),
    ]

    static let femaleMiddleNames: [(String, Double)] = [
        ("Thu", 6), ("Ngọc", 6), ("Thanh", 5), ("Minh", 3), ("Thúy", 3), ("Hồng", 4), ("Kim", 3),
        ("Phương", 3), ("Bích", 2), ("Lan", 1.5), ("Mai", 1.5), ("Hải", 2), ("Quỳnh", 2), ("Hoài", 1.5),
        ("Thùy", 3), ("Diệu", 1), ("Khánh", 1.5), ("Vân", 1), ("Hương", 1), ("Thảo", 1), ("Bảo", 1),
    ]

    static let maleGivenNames: [String] = [
        "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Thắng", "Cường", "Hưng", "Minh", "Quân", "Sơn",
        "Trung", "Đức", "Hiếu", "Thành", "Tùng", "Việt", "Khánh", "Phong", "Bình", "Hòa", "Huy", "Kiên",
        "Lâm", "Lợi", "Mạnh", "Nghĩa", "Phúc", "Quang", "Tài", "Thịnh", "Toàn", "Trường", "Tú", "Vinh",
        "Vũ", "Anh", "Bảo", "Chiến", "Công", "Định", "Dương", "Giang", "Hoàng", "Khoa", "Lộc", "Ninh",
        "Tâm", "Thái", "Thanh", "Thuận", "Tiến", "Trọng", "Tuyên", "Đạt", "Hậu", "Kiểm", "Luân", "Quý",
        "Tân", "Thọ", "Thiện", "Thông", "Trí", "Vương", "Sang", "Duy", "Hạnh", "Hoan", "Hiệp", "Khải",
    ]

    static let femaleGivenNames: [String] = [
        "Hương", "Lan", "Hoa", "Mai", "Hà", "Linh", "Trang", "Thảo", "Hằng", "Nga", "Nhung", "Phương",
        "Thủy", "Yến", "Huyền", "Ngọc", "Dung", "Hạnh", "Hiền", "Hồng", "Loan", "Ly", "My", "Nhàn",
        "Oanh", "Quyên", "Tâm", "Thanh", "Thu", "Thúy", "Trâm", "Uyên", "Vân", "Vinh", "Xuân", "Anh",
        "Giang", "Diệp", "Huế", "Liên", "Lương", "Minh", "Nguyệt", "Tuyết", "Quỳnh", "Chi", "Duyên",
        "Hậu", "Thơm", "Thắm", "Hảo", "Hường", "Lệ", "Nhi", "Sen", "Tươi", "Vui", "Yên", "Khuyên",
    ]

    /// (ethnicity, weight, family names typical of the group)
    static let ethnicities: [(String, Double, [String])] = [
        ("Kinh", 95.2, []),
        ("Tày", 1.4, ["Nông", "Hoàng", "Lục", "Hà", "Lương", "Ma"]),
        ("Dao", 1.2, ["Triệu", "Bàn", "Đặng", "Lý", "Chìu"]),
        ("Sán Dìu", 0.9, ["Diệp", "Tạ", "Trương", "La", "Lỷ"]),
        ("Hoa", 0.4, ["Lý", "Trương", "Lưu", "Tăng", "Hoàng"]),
        ("Sán Chỉ", 0.3, ["Chìu", "Dương", "Lê"]),
        ("Nùng", 0.3, ["Nông", "Hoàng", "Lương", "Vi"]),
        ("Mường", 0.3, ["Đinh", "Bùi", "Quách"]),
    ]

    static let religions: [(String, Double)] = [
        ("Không", 95.0), ("Phật giáo", 3.5), ("Công giáo", 1.3), ("Tin lành", 0.2),
    ]

    private static let familyWeights = familyNames.map(\.1)
    private static let maleMiddleWeights = maleMiddleNames.map(\.1)
    private static let femaleMiddleWeights = femaleMiddleNames.map(\.1)
    private static let ethnicityWeights = ethnicities.map(\.1)
    private static let religionWeights = religions.map(\.1)

    /// Returns (ethnicity, typical family names of that group).
    static func ethnicity(_ rng: inout SeededGenerator) -> (String, [String]) {
        let e = ethnicities[rng.weightedIndex(ethnicityWeights)]
        return (e.0, e.2)
    }

    static func religion(_ rng: inout SeededGenerator) -> String {
        religions[rng.weightedIndex(religionWeights)].0
    }

    /// A full name "Họ Đệm Tên". Women born before 1975 carry "Thị" more often; some women have two middle names.
    static func fullName(gender: Gender, birthYear: Int, familyPool: [String],
                         _ rng: inout SeededGenerator) -> String {
        let family = !familyPool.isEmpty && rng.chance(0.7)
            ? rng.pick(familyPool)
            : familyNames[rng.weightedIndex(familyWeights)].0
        var middle: [String] = []
        let given: String
        switch gender {
        case .male:
            given = rng.pick(maleGivenNames)
            var m = maleMiddleNames[rng.weightedIndex(maleMiddleWeights)].0
            if m == given { m = "Văn" }
            middle.append(m)
        case .female:
            given = rng.pick(femaleGivenNames)
            let thiShare = birthYear < 1975 ? 0.62 : (birthYear < 1988 ? 0.45 : 0.3)
            if rng.chance(thiShare) {
                middle.append("Thị")
                if rng.chance(0.06) {
                    let second = femaleMiddleNames[rng.weightedIndex(femaleMiddleWeights)].0
                    if second != given { middle.append(second) }
                }
            } else {
                var m = femaleMiddleNames[rng.weightedIndex(femaleMiddleWeights)].0
                if m == given { m = "Thị" }
                middle.append(m)
            }
        }
        return ([family] + middle + [given]).joined(separator: " ")
    }
}
