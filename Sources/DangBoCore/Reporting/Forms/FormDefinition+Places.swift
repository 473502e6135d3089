import Foundation

extension FormDefinition {
    /// A row named so that no other row of the form reads the same: its own number and label after those of the
    /// rows it sits under (each earlier row with a smaller indent, up to the top, and the Roman-numbered part the
    /// top row belongs to): "I- › 1 Kiểm tra đảng viên › a Tổng số đảng viên được kiểm tra".
    public func rowPlace(_ key: String) -> String {
        guard let index = rows.firstIndex(where: { $0.key == key }) else { return key }
        var chain = [rows[index]]
        var indent = rows[index].indent
        var position = index
        while indent > 0, position > 0 {
            position -= 1
            if rows[position].indent < indent {
                chain.insert(rows[position], at: 0)
                indent = rows[position].indent
            }
        }
        if let top = chain.first, !Self.isPartNumber(top.number),
           let part = rows[..<(rows.firstIndex(of: top) ?? 0)].last(where: { Self.isPartNumber($0.number) }) {
            chain.insert(part, at: 0)
        }
        return chain.map(Self.name).joined(separator: " › ")
    }

    static func name(_ row: FormRow) -> String {
        let label = row.label.trimmingCharacters(in: .whitespaces)
        // A part's title is long ("Kiểm tra, giám sát của cấp ủy các cấp theo Điều 30 ..."): its number is enough.
        if isPartNumber(row.number) { return row.number }
        return [row.number, label].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// "I", "II-", "IV.": the numbering of a table's parts.
    static func isPartNumber(_ number: String) -> Bool {
        let core = number.trimmingCharacters(in: CharacterSet(charactersIn: "-.: "))
        return !core.isEmpty && core.allSatisfy { "IVXLC".contains($0) }
    }
}
