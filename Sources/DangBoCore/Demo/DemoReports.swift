import Foundation

/// One demo report entry, ready to store.
public struct DemoReportEntry: Sendable, Hashable {
    public var formCode: String
    public var organizationID: UUID
    public var period: Period
    public var status: EntryStatus
    public var submittedOn: Day?
    public var reviewedOn: Day?
    public var reviewComment: String?
    public var values: [CellKey: CellValue]
}

/// Plausible entries for the demo bloc from `start` (the demo starts at the previous term's congress, so the whole
/// term 2020 - 2025 has numbers) to `today`: most on time and approved, some late, some returned with a comment,
/// some still in draft, some missing, so that the reporting-rate page and the roll-ups mean something.
/// Periods still open for entry are left empty for the users.
/// Every submitted entry passes its form's error rules (values are drawn, then nudged until the rules hold).
public enum DemoReports {
    public static func make(forms: [FormDefinition], bloc: DemoBloc, from start: Day, today: Day, seed: UInt64 = 1) -> [DemoReportEntry] {
        var random = SeededGenerator(seed: seed &+ 0x5EED_2E90)
        let grassroots = bloc.organizations.filter { $0.level.isGrassroots }
        var result: [DemoReportEntry] = []
        let averageSize = Double(bloc.members.count) / Double(max(grassroots.count, 1))
        for form in forms {
            guard let range = Period.dayRange(from: start, through: today) else { continue }
            let periods = range.periods(of: form.periodType).filter { $0.start >= start && $0.start <= today }
            for organization in grassroots {
                // Each organization has a habit: some are punctual, a few are usually late.
                let punctuality = random.double(in: 0.55...0.97)
                for period in periods where form.isExpected(organization, in: period) && isInTree(organization, bloc: bloc, on: period.end) {
                    let due = form.dueDate(for: period)
                    let isOpen = due >= today
                    let roll = random.unit()
                    var entry = DemoReportEntry(formCode: form.code, organizationID: organization.id, period: period, status: .draft,
                                                submittedOn: nil, reviewedOn: nil, reviewComment: nil, values: [:])
                    if isOpen {
                        continue                                                     // still open: left for the users to enter
                    } else if roll < 0.04 {
                        continue                                                     // missing
                    } else if roll < 0.07 {
                        entry.status = .draft                                        // started, never sent
                    } else if roll < 0.11 {
                        entry.status = .returned
                        entry.reviewComment = random.pick(["Số liệu dòng kiểm tra chưa khớp với báo cáo quý trước, đề nghị rà soát lại",
                                                           "Thiếu số liệu của chi bộ trực thuộc, đề nghị bổ sung",
                                                           "Đề nghị giải trình số đảng viên bị kỷ luật"])
                    } else {
                        entry.status = random.chance(0.9) ? .approved : .submitted
                    }
                    if entry.status != .draft {
                        let onTime = random.chance(punctuality)
                        let offset = onTime ? -random.int(in: 0...9) : random.int(in: 1...25)
                        entry.submittedOn = min(due.adding(days: offset), today)
                        if entry.status == .approved || entry.status == .returned {
                            entry.reviewedOn = min((entry.submittedOn ?? due).adding(days: random.int(in: 1...7)), today)
                        }
                    }
                    entry.values = values(for: form, period: period, scale: averageSize, random: &random)
                    result.append(entry)
                }
            }
        }
        return result
    }

    /// Where the demo's entries start: the congress that opened the last finished term (1/7/2020 on 1/12/2026
    /// with the bloc's terms), or two years back when no terms are configured.
    public static func start(terms: TermCalendar, today: Day) -> Day {
        if let current = terms.term(containing: today), let previous = terms.previous(of: current) { return previous.start }
        if let last = terms.terms.last(where: { $0.end < today }) { return last.start }
        return Day(year: today.year - 2, month: today.month, day: 1) ?? today
    }

    static func isInTree(_ organization: Organization, bloc: DemoBloc, on day: Day) -> Bool {
        bloc.links.contains { $0.organizationID == organization.id && $0.isValid(on: day) }
    }

    /// Small counts for every entry cell, then nudged until every error rule holds.
    public static func values(for form: FormDefinition, period: Period, scale: Double, random: inout SeededGenerator) -> [CellKey: CellValue] {
        var values: [CellKey: CellValue] = [:]
        // Rows bounded by another row (violations ≤ inspected) are rare events: mostly zero.
        let boundedRows = Set(form.rules.filter { $0.op == .lessOrEqual || $0.op == .less }
            .compactMap { try? ReportExpression(parsing: $0.left) }.flatMap(\.variables).map { String($0.prefix { $0 != ":" }) })
        // A month of party life is drawn as a whole, so its figures agree with each other and with the size.
        let month = form.rows.contains { $0.element?.hasPrefix(MonthFigures.prefix) == true }
            ? MonthFigures(members: scale, random: &random) : nil
        for cell in form.entryCells {
            guard let type = form.entryType(row: cell.row, column: cell.column) else { continue }
            if let month, let figure = month.figure(element: form.valueKey(cell).element) {
                values[cell] = .number(figure)
                continue
            }
            switch type {
            case .count where boundedRows.contains(cell.row):
                values[cell] = .number(random.chance(0.75) ? 0 : Double(random.int(in: 1...2)))
            case .count:
                if random.chance(0.25) { continue }
                values[cell] = .number(Double(random.int(in: 0...max(1, Int(scale / 10)))))
            case .number, .money:
                if random.chance(0.5) { continue }
                values[cell] = .number((random.double(in: 0...5) * 100).rounded() / 100)
            case .percent:
                values[cell] = .number((random.double(in: 90...100) * 100).rounded() / 100)
            case .monthYear:
                values[cell] = .text("\(period.end.month)/\(period.end.year)")
            case .text:
                continue
            }
        }
        // A month of party life is drawn consistent; without error rules there is nothing to nudge.
        if month != nil, !form.rules.contains(where: { $0.severity == .error }) { return values }
        for _ in 0 ..< 6 {
            let sheet = EntrySheet(form: form, period: period, values: values)
            let failing = sheet.ruleOutcomes().filter { $0.failed && $0.severity == .error }
            guard !failing.isEmpty else { break }
            for outcome in failing {
                guard let cell = outcome.cells.first, let right = outcome.right else { continue }
                let target: Double
                switch outcome.rule.op {
                case .lessOrEqual, .equal: target = max(0, right)
                case .less: target = max(0, right - 1)
                case .greaterOrEqual: target = right
                case .greater: target = right + 1
                case .notEqual: target = right + 1
                }
                // Move the left side's first cell by the gap (the left side may be a sum of several cells).
                let gap = target - (outcome.left ?? 0)
                let current = values[cell]?.number ?? 0
                values[cell] = .number(max(0, (current + gap).rounded()))
            }
        }
        return values
    }
}

/// One month of a grassroots organization's party life (BÁO CÁO THÁNG, elements `thang.*`) for `members` members:
/// a regular meeting in each cell of about 21 members (one skipped now and then), a themed meeting in about a third
/// of the cells, 85–97 % of the members at the regular meetings and the others absent, mostly excused; a candidate
/// introduced for the course on the Party now and then, and a letter or two received and dealt with in some months.
struct MonthFigures {
    static let prefix = "thang."
    var figures: [String: Double] = [:]

    init(members scale: Double, random: inout SeededGenerator) {
        let members = max(3, Int(scale.rounded()))
        let cells = max(1, Int((scale / 21).rounded()))
        let regular = random.chance(0.04) ? cells - 1 : cells
        var themed = 0
        for _ in 0 ..< cells where random.chance(0.35) { themed += 1 }
        let expected = members * regular / cells
        let present = Int((Double(expected) * random.double(in: 0.85 ... 0.97)).rounded())
        let unexcused = expected > present && random.chance(0.3) ? random.int(in: 1 ... min(2, expected - present)) : 0
        let received = random.chance(0.12) ? random.int(in: 1 ... 2) : 0
        let dealt = received > 0 ? random.int(in: 0 ... received) : (random.chance(0.05) ? 1 : 0)
        let introduced = random.chance(0.25) ? random.int(in: 1 ... max(1, members / 30)) : 0
        for (element, figure) in [("sinhhoat.thuongky", regular), ("sinhhoat.chuyende", themed), ("sinhhoat.luotdu", present),
                                  ("sinhhoat.vangcolydo", expected - present - unexcused), ("sinhhoat.vangkhonglydo", unexcused),
                                  ("phattrien.gioithieu", introduced), ("donthu.tiepnhan", received), ("donthu.giaiquyet", dealt)] {
            figures[Self.prefix + element] = Double(figure)
        }
    }

    func figure(element: String) -> Double? { figures[element] }
}
