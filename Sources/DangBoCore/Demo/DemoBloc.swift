import Foundation

/// Who holds the elected posts of one organization in the demo bloc (member ids).
public struct DemoOfficers: Sendable, Hashable, Codable {
    public var secretary: UUID
    public var deputySecretaries: [UUID]
    public var standingCommitteeMembers: [UUID]
    public var committeeMembers: [UUID]
    public var inspectionCommissionMembers: [UUID]

    public init(secretary: UUID, deputySecretaries: [UUID] = [], standingCommitteeMembers: [UUID] = [],
                committeeMembers: [UUID] = [], inspectionCommissionMembers: [UUID] = []) {
        self.secretary = secretary
        self.deputySecretaries = deputySecretaries
        self.standingCommitteeMembers = standingCommitteeMembers
        self.committeeMembers = committeeMembers
        self.inspectionCommissionMembers = inspectionCommissionMembers
    }
}

/// A deterministic, realistic-looking bloc for demos and tests: the bloc root, 82 grassroots organizations named
/// after the seed report, their subordinate cells, 7,342 active members (plus 48 suspended, transferred out,
/// deceased or expelled) with effective-dated placements.
///
/// Shape, taken from the seed report where it gives figures:
/// - 17 grassroots organizations with 2,419 active members joined on 12/4/2022 (Quyết định 537-QĐ/TU);
/// - about 49–50% of members at intermediate political theory or above (≈62% in the organizations that were
///   already in the bloc, ≈22% in the transferred ones);
/// - a committee's members sit in its subordinate cells; a grassroots cell's members sit in the cell itself.
///
/// Everything is drawn from `SeededGenerator(seed:)`, including UUIDs: the same seed and `today` give equal values.
/// `today` should be on or after 12/4/2022 (the transfer links start then).
public struct DemoBloc: Sendable, Hashable {
    /// The bloc root first, then the grassroots organizations, then the subordinate cells.
    public var organizations: [Organization]
    /// One current link per non-root organization (grassroots → bloc, subordinate cell → its committee).
    public var links: [OrganizationLink]
    /// `Member.organizationID` is the member's current (or, for those who left, last) cell.
    public var members: [Member]
    /// At least one per member; members who moved between cells have an earlier closed one.
    /// Members who transferred out, died or were expelled have their last assignment closed on `statusDate`.
    public var assignments: [MemberAssignment]
    /// The 17 grassroots organizations transferred into the bloc on 12/4/2022.
    public var transferredGroup: [UUID]
    /// Office holders of every grassroots organization and subordinate cell (not of the bloc root).
    /// A committee's secretary is also the secretary of the subordinate cell where they sit, so every cell has
    /// exactly one member carrying `.secretary` among its own members.
    public var officers: [UUID: DemoOfficers]

    public static let rootCode = "DUK"
    public static let rootName = "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh"
    public static let rootOpenedOn = Day(year: 2000, month: 1, day: 1)!
    /// Quyết định 537-QĐ/TU ngày 12/4/2022 of the provincial standing committee.
    public static let transferDate = Day(year: 2022, month: 4, day: 12)!
    public static let transferDecision = "537-QĐ/TU"
    /// Active members on the registry and, of them, in the transferred group (the seed's figures).
    public static let activeMemberTotal = 7_342
    public static let transferredActiveMemberTotal = 2_419

    /// The clusters (cụm thi đua) the grassroots organizations are grouped in.
    public static var clusters: [String] { DemoOrganizationCatalog.clusters }

    public var root: Organization { organizations[0] }
    public var grassrootsOrganizations: [Organization] { organizations.filter { $0.level.isGrassroots } }

    public static func make(seed: UInt64 = 1, today: Day) -> DemoBloc {
        var builder = DemoBlocBuilder(seed: seed, today: today)
        return builder.build()
    }
}

// MARK: - Builder

private struct DemoBlocBuilder {
    let today: Day
    var orgRNG: SeededGenerator
    var memberRNG: SeededGenerator
    var officerRNG: SeededGenerator
    var historyRNG: SeededGenerator

    var grassroots: [Organization] = []
    var subordinates: [Organization] = []
    var links: [OrganizationLink] = []
    var members: [Member] = []
    var assignments: [[MemberAssignment]] = [] // per member, in order
    var officers: [UUID: DemoOfficers] = [:]
    var transferredGroup: [UUID] = []
    var usedCodes: Set<String> = []
    var usedCards: Set<String> = []

    /// Every cell that holds members, with its profile.
    var cells: [CellInfo] = []
    /// Index into `cells` for each member.
    var cellOfMember: [Int] = []

    struct CellInfo {
        let organization: Organization
        let unit: DemoOrganizationCatalog.Unit
        let theoryShift: Double
        /// The grassroots organization the cell is (grassroots cell) or belongs to (subordinate cell).
        let grassrootsID: UUID
        /// Index of its committee's first cell and number of sibling cells (itself included) — 1 for grassroots cells.
        var siblingsStart: Int
        var siblingsCount: Int
        var memberIndices: [Int] = []
    }

    init(seed: UInt64, today: Day) {
        self.today = today
        var master = SeededGenerator(seed: seed)
        orgRNG = master.fork()
        memberRNG = master.fork()
        officerRNG = master.fork()
        historyRNG = master.fork()
    }

    mutating func build() -> DemoBloc {
        let root = Organization(id: orgRNG.uuid(), code: DemoBloc.rootCode, name: DemoBloc.rootName, level: .bloc,
                                unitKind: nil, cluster: nil, openedOn: DemoBloc.rootOpenedOn)
        usedCodes.insert(root.code)

        let units = DemoOrganizationCatalog.units
        let sizes = grassrootsSizes(units)
        for (index, unit) in units.enumerated() {
            addGrassroots(unit, size: sizes[index], root: root)
        }
        chooseAllOfficers()
        addMembershipTransfers()
        addInactiveMembers()
        ensureSearchExample()

        var flatAssignments: [MemberAssignment] = []
        flatAssignments.reserveCapacity(members.count + members.count / 10)
        for list in assignments { flatAssignments.append(contentsOf: list) }
        return DemoBloc(organizations: [root] + grassroots + subordinates, links: links, members: members,
                        assignments: flatAssignments, transferredGroup: transferredGroup, officers: officers)
    }

    // MARK: Organizations

    /// Member counts per grassroots organization: catalog sizes with ±15% jitter, scaled to the seed's totals.
    mutating func grassrootsSizes(_ units: [DemoOrganizationCatalog.Unit]) -> [Int] {
        var result = [Int](repeating: 0, count: units.count)
        for transferred in [false, true] {
            let indices = units.indices.filter { units[$0].transferred == transferred }
            let weights = indices.map { Double(units[$0].size) * orgRNG.double(in: 0.85...1.15) }
            let minimums = indices.map { units[$0].isCommittee ? 35 : 5 }
            let total = transferred ? DemoBloc.transferredActiveMemberTotal
                : DemoBloc.activeMemberTotal - DemoBloc.transferredActiveMemberTotal
            let counts = allocate(total: total, weights: weights, minimums: minimums)
            for (k, index) in indices.enumerated() { result[index] = counts[k] }
        }
        return result
    }

    mutating func addGrassroots(_ unit: DemoOrganizationCatalog.Unit, size: Int, root: Organization) {
        let stem = unit.abbreviation ?? DemoCodes.abbreviation(unit.unit)
        let code = DemoCodes.unique((unit.isCommittee ? "DB-" : "CB-") + stem, in: &usedCodes)
        let openedOn: Day
        if unit.unit == "Cơ quan Đảng ủy Khối" {
            openedOn = DemoBloc.rootOpenedOn
        } else if unit.transferred {
            openedOn = randomDay(from: Day(year: 1994, month: 1, day: 1)!, to: Day(year: 2015, month: 12, day: 31)!,
                                 &orgRNG)
        } else {
            openedOn = randomDay(from: DemoBloc.rootOpenedOn, to: Day(year: 2016, month: 12, day: 31)!, &orgRNG)
        }
        let organization = Organization(id: orgRNG.uuid(), code: code, name: unit.displayName, level: unit.level,
                                        unitKind: unit.kind, cluster: DemoOrganizationCatalog.clusters[unit.cluster],
                                        openedOn: openedOn)
        grassroots.append(organization)
        links.append(OrganizationLink(organizationID: organization.id, parentID: root.id,
                                      validFrom: unit.transferred ? DemoBloc.transferDate : openedOn))
        if unit.transferred { transferredGroup.append(organization.id) }

        // Political theory varies between organizations: shift the intermediate share a little.
        let theoryShift = orgRNG.double(in: -0.07...0.07)

        guard unit.isCommittee else {
            addCell(organization, unit: unit, theoryShift: theoryShift, grassrootsID: organization.id, size: size,
                    siblingsStart: cells.count, siblingsCount: 1)
            return
        }
        let names = unit.cellNames
        let wanted = Int((Double(size) / 24).rounded()) + orgRNG.int(in: -1...1)
        let count = max(2, min(wanted, 12, size / 5, names.count))
        let weights = (0..<count).map { $0 == 0 ? orgRNG.double(in: 1.0...1.4) : orgRNG.double(in: 0.5...1.6) }
        let cellSizes = allocate(total: size, weights: weights, minimums: Array(repeating: 3, count: count))
        let siblingsStart = cells.count
        let span = max(0, min(1_500, (today.ordinal - openedOn.ordinal) / 3))
        for (k, name) in names.prefix(count).enumerated() {
            let stem = DemoCodes.abbreviation(name, maxLength: 10)
            let subCode = DemoCodes.unique(code + "-" + stem, in: &usedCodes)
            let subOpened = k == 0 ? openedOn : openedOn.adding(days: orgRNG.int(in: 0...span))
            let sub = Organization(id: orgRNG.uuid(), code: subCode, name: "Chi bộ " + name, level: .subordinateCell,
                                   unitKind: unit.kind, cluster: organization.cluster, openedOn: subOpened)
            subordinates.append(sub)
            links.append(OrganizationLink(organizationID: sub.id, parentID: organization.id, validFrom: subOpened))
            addCell(sub, unit: unit, theoryShift: theoryShift, grassrootsID: organization.id, size: cellSizes[k],
                    siblingsStart: siblingsStart, siblingsCount: count)
        }
    }

    mutating func addCell(_ organization: Organization, unit: DemoOrganizationCatalog.Unit, theoryShift: Double,
                          grassrootsID: UUID, size: Int, siblingsStart: Int, siblingsCount: Int) {
        let cellIndex = cells.count
        cells.append(CellInfo(organization: organization, unit: unit, theoryShift: theoryShift,
                              grassrootsID: grassrootsID, siblingsStart: siblingsStart, siblingsCount: siblingsCount))
        for _ in 0..<size {
            let fields = makeFields(for: cells[cellIndex], established: false)
            addMember(fields, cell: cellIndex)
        }
    }

    mutating func addMember(_ fields: MemberFields, cell cellIndex: Int) {
        let member = Member(id: memberRNG.uuid(), organizationID: cells[cellIndex].organization.id, fields: fields)
        let from = max(fields.admissionDate ?? cells[cellIndex].organization.openedOn,
                       cells[cellIndex].organization.openedOn)
        cells[cellIndex].memberIndices.append(members.count)
        cellOfMember.append(cellIndex)
        members.append(member)
        assignments.append([MemberAssignment(memberID: member.id, organizationID: member.organizationID,
                                             validFrom: from)])
    }

    // MARK: Members

    /// A member's attributes. `established` members were admitted at least three years ago.
    mutating func makeFields(for cell: CellInfo, established: Bool) -> MemberFields {
        let unit = cell.unit
        let gender: Gender = memberRNG.chance(femaleShare(unit)) ? .female : .male

        // Age 23–60, peaking in the early forties.
        let ageYears = 23 + 38 * (memberRNG.unit() + memberRNG.unit()) / 2
        var birth = Day(ordinal: today.ordinal - Int(ageYears * 365.2425))
        while birth.years(until: today) > 60 { birth = birth.adding(days: 1) }
        while birth.years(until: today) < 23 { birth = birth.adding(days: -1) }
        let age = birth.years(until: today)

        let (ethnicity, familyPool) = DemoNames.ethnicity(&memberRNG)
        let religion = DemoNames.religion(&memberRNG)
        let fullName = DemoNames.fullName(gender: gender, birthYear: birth.year, familyPool: familyPool, &memberRNG)

        var education = educationLevel(unit)
        if education == .postgraduate && age < 26 { education = .university }
        var theory = theoryLevel(unit, shift: cell.theoryShift)
        if theory == .advanced && age < 32 { theory = .intermediate }

        // Admission: ~2.8% in the last 12 months (probationary), ~5.5% in the two years before, the rest earlier.
        var earliest = birth.demoShifted(years: 18)
        let floor1980 = Day(year: 1980, month: 1, day: 1)!
        if earliest < floor1980 { earliest = floor1980 }
        while birth.years(until: earliest) < 18 { earliest = earliest.adding(days: 1) }
        let admission: Day
        let roll = established ? 1.0 : memberRNG.unit()
        if roll < 0.028 {
            admission = randomDay(from: max(earliest, today.adding(days: -364)), to: today, &memberRNG)
        } else if roll < 0.083 {
            admission = randomDay(from: max(earliest, today.adding(days: -1_095)), to: today.adding(days: -365),
                                  &memberRNG)
        } else {
            let latest = today.adding(days: -1_096)
            let preferredAge = 20 + 16 * (memberRNG.unit() * memberRNG.unit()) + 4 * memberRNG.unit()
            var day = Day(ordinal: birth.ordinal + Int(preferredAge * 365.2425) + memberRNG.int(in: 0...200))
            if day > latest { day = randomDay(from: min(earliest, latest), to: latest, &memberRNG) }
            if day < earliest { day = earliest }
            admission = day
        }
        let full = admission.demoShifted(years: 1)

        return MemberFields(fullName: fullName, gender: gender, birthDate: birth, ethnicity: ethnicity,
                            religion: religion, educationLevel: education, politicalTheoryLevel: theory,
                            admissionDate: admission, fullMembershipDate: full <= today ? full : nil,
                            cardNumber: newCardNumber(), positions: [], status: .active, statusDate: nil)
    }

    mutating func newCardNumber() -> String {
        while true {
            let card = "22" + String(format: "%06d", memberRNG.int(in: 0...999_999))
            if usedCards.insert(card).inserted { return card }
        }
    }

    func femaleShare(_ unit: DemoOrganizationCatalog.Unit) -> Double {
        switch unit.profile {
        case .hospital: return 0.66
        case .school: return 0.6
        default: break
        }
        switch unit.kind {
        case .agency: return 0.47
        case .publicServiceUnit: return 0.52
        case .stateEnterprise: return 0.3
        case .privateEnterprise: return 0.36
        }
    }

    mutating func educationLevel(_ unit: DemoOrganizationCatalog.Unit) -> EducationLevel {
        // secondary, vocational, college, university, postgraduate
        let weights: [Double]
        if unit.profile == .hospital {
            weights = [0.5, 8, 18, 53, 20.5]
        } else {
            switch unit.kind {
            case .agency: weights = [0.5, 1.5, 3, 72, 23]
            case .publicServiceUnit: weights = [1, 5, 10, 68, 16]
            case .stateEnterprise: weights = [6, 17, 15, 56, 6]
            case .privateEnterprise: weights = [9, 20, 17, 51, 3]
            }
        }
        let levels: [EducationLevel] = [.secondary, .vocational, .college, .university, .postgraduate]
        return levels[memberRNG.weightedIndex(weights)]
    }

    mutating func theoryLevel(_ unit: DemoOrganizationCatalog.Unit, shift: Double) -> PoliticalTheoryLevel {
        // none, elementary, intermediate, advanced
        var advanced: Double
        var intermediate: Double
        var none: Double
        if unit.transferred {
            advanced = 0.03; intermediate = 0.19; none = 0.08
        } else {
            advanced = 0.12; intermediate = 0.50; none = 0.03
            switch unit.kind {
            case .agency: intermediate += 0.03
            case .publicServiceUnit: intermediate -= 0.04
            case .stateEnterprise: intermediate -= 0.10; advanced -= 0.05
            case .privateEnterprise: intermediate -= 0.18; advanced -= 0.08; none += 0.05
            }
        }
        intermediate = max(0.05, intermediate + shift)
        let elementary = max(0, 1 - advanced - intermediate - none)
        let levels: [PoliticalTheoryLevel] = [.none, .elementary, .intermediate, .advanced]
        return levels[memberRNG.weightedIndex([none, elementary, intermediate, advanced])]
    }

    // MARK: History and statuses

    /// About 4% of active members moved between cells (usually within their committee): an earlier, closed
    /// assignment precedes the current one.
    mutating func addMembershipTransfers() {
        let hi = today.adding(days: -30)
        for index in members.indices where historyRNG.chance(0.04) {
            let current = cellOfMember[index]
            let info = cells[current]
            var previous: Int
            if info.siblingsCount > 1 && historyRNG.chance(0.6) {
                previous = info.siblingsStart + historyRNG.int(in: 0...(info.siblingsCount - 2))
            } else {
                previous = historyRNG.int(in: 0...(cells.count - 2))
            }
            if previous >= current { previous += 1 }
            guard let admission = members[index].fields.admissionDate else { continue }
            let previousFrom = max(admission, cells[previous].organization.openedOn)
            let lo = max(previousFrom.adding(days: 180), info.organization.openedOn.adding(days: 1))
            guard lo <= hi else { continue }
            let moved = randomDay(from: lo, to: hi, &historyRNG)
            let id = members[index].id
            assignments[index] = [
                MemberAssignment(memberID: id, organizationID: cells[previous].organization.id,
                                 validFrom: previousFrom, validTo: moved),
                MemberAssignment(memberID: id, organizationID: info.organization.id, validFrom: moved),
            ]
        }
    }

    /// A few dozen members who are no longer active. Those who left (transferred out, died, expelled) have their
    /// assignment closed on the status date; suspended members stay placed.
    mutating func addInactiveMembers() {
        let plan: [(MemberStatus, Int)] = [(.suspended, 6), (.transferredOut, 26), (.deceased, 9), (.expelled, 7)]
        let activeCount = members.count
        for (status, count) in plan {
            for _ in 0..<count {
                let cellIndex = cellOfMember[historyRNG.int(in: 0...(activeCount - 1))]
                var fields = makeFields(for: cells[cellIndex], established: true)
                let from = max(fields.admissionDate ?? cells[cellIndex].organization.openedOn,
                               cells[cellIndex].organization.openedOn)
                let window = status == .suspended ? 300 : 1_000
                let lo = max(from.adding(days: 30), today.adding(days: -window))
                var statusDate = randomDay(from: lo, to: today.adding(days: -1), &historyRNG)
                if statusDate <= from { statusDate = min(from.adding(days: 1), today) }
                fields.status = status
                fields.statusDate = statusDate
                addMember(fields, cell: cellIndex)
                if status != .suspended {
                    let last = members.count - 1
                    assignments[last][assignments[last].count - 1].validTo = statusDate
                }
            }
        }
    }

    /// Name search examples ("nguyen thi vinh" finds "Nguyễn Thị Vinh") need that name on the registry.
    mutating func ensureSearchExample() {
        let name = "Nguyễn Thị Vinh"
        if members.contains(where: { $0.fields.fullName == name && $0.fields.status == .active }) { return }
        if let index = members.firstIndex(where: {
            $0.fields.gender == .female && $0.fields.status == .active && $0.fields.positions.isEmpty
                && $0.fields.ethnicity == "Kinh"
        }) {
            members[index].fields.fullName = name
        }
    }

    // MARK: Officers

    private func rank(_ level: PoliticalTheoryLevel) -> Double {
        switch level {
        case .none: return 0
        case .elementary: return 1
        case .intermediate: return 2
        case .advanced: return 3
        }
    }

    /// Candidates sorted by suitability (theory level, then age, with some chance).
    mutating func ranked(_ indices: [Int]) -> [Int] {
        let scored = indices.map { index -> (Int, Double) in
            let fields = members[index].fields
            let age = Double(fields.birthDate.years(until: today))
            let score = rank(fields.politicalTheoryLevel) * 2.5 + min(age, 52) / 8 + officerRNG.unit() * 2.5
            return (index, score)
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    mutating func give(_ position: Position, to index: Int) {
        if !members[index].fields.positions.contains(position) {
            members[index].fields.positions.append(position)
            let order = Position.allCases
            members[index].fields.positions.sort {
                order.firstIndex(of: $0)! < order.firstIndex(of: $1)!
            }
        }
        if position == .secretary || position == .deputySecretary {
            let level = members[index].fields.politicalTheoryLevel
            if !level.isIntermediateOrAbove { members[index].fields.politicalTheoryLevel = .intermediate }
        }
    }

    mutating func chooseAllOfficers() {
        var cellIndex = 0
        while cellIndex < cells.count {
            let info = cells[cellIndex]
            if info.siblingsCount == 1 && info.organization.level == .grassrootsCell {
                chooseCellOfficers(cellIndex, forcedSecretary: nil)
                cellIndex += 1
                continue
            }
            // A grassroots committee: its officers come from all its subordinate cells.
            let range = info.siblingsStart..<(info.siblingsStart + info.siblingsCount)
            let all = range.flatMap { cells[$0].memberIndices }
            let candidates = ranked(all)
            let total = all.count
            var taken = Set<Int>()
            func next(_ pool: [Int]) -> Int? { pool.first { !taken.contains($0) } }
            guard let secretary = candidates.first else { cellIndex = range.upperBound; continue }
            taken.insert(secretary)
            give(.secretary, to: secretary)
            var deputies: [Int] = []
            for _ in 0..<(total >= 150 ? 2 : officerRNG.int(in: 1...2)) {
                if let d = next(candidates) { deputies.append(d); taken.insert(d); give(.deputySecretary, to: d) }
            }
            var standing: [Int] = []
            if total >= 250 {
                for _ in 0..<2 {
                    if let s = next(candidates) {
                        standing.append(s); taken.insert(s); give(.standingCommitteeMember, to: s)
                    }
                }
            }
            var committee: [Int] = []
            let committeeCount = total >= 150 ? officerRNG.int(in: 5...8) : officerRNG.int(in: 3...5)
            let window = Array(candidates.prefix(max(12, candidates.count / 3)))
            for _ in 0..<committeeCount {
                let pool = window.filter { !taken.contains($0) }
                guard !pool.isEmpty else { break }
                let c = officerRNG.pick(pool)
                committee.append(c); taken.insert(c); give(.committeeMember, to: c)
            }
            var inspection: [Int] = []
            if let head = committee.last { inspection.append(head); give(.inspectionCommissionMember, to: head) }
            for _ in 0..<2 {
                let pool = Array(candidates.prefix(max(10, candidates.count / 2))).filter { !taken.contains($0) }
                guard !pool.isEmpty else { break }
                let i = officerRNG.pick(pool)
                inspection.append(i); taken.insert(i); give(.inspectionCommissionMember, to: i)
            }
            officers[info.grassrootsID] =
                DemoOfficers(secretary: members[secretary].id, deputySecretaries: deputies.map { members[$0].id },
                             standingCommitteeMembers: standing.map { members[$0].id },
                             committeeMembers: committee.map { members[$0].id },
                             inspectionCommissionMembers: inspection.map { members[$0].id })
            let secretaryCell = cellOfMember[secretary]
            for sub in range {
                chooseCellOfficers(sub, forcedSecretary: sub == secretaryCell ? secretary : nil)
            }
            cellIndex = range.upperBound
        }
    }

    /// Secretary, one or two deputies and, in cells of nine or more, a cell committee (chi ủy).
    mutating func chooseCellOfficers(_ cellIndex: Int, forcedSecretary: Int?) {
        let indices = cells[cellIndex].memberIndices
        guard !indices.isEmpty else { return }
        let candidates = ranked(indices)
        let free = candidates.filter { members[$0].fields.positions.isEmpty }
        let usable = candidates.filter { !members[$0].fields.positions.contains(.secretary) }
        var taken = Set<Int>()
        func pick() -> Int? {
            if let f = free.first(where: { !taken.contains($0) }) { return f }
            return usable.first(where: { !taken.contains($0) })
        }
        let secretary = forcedSecretary ?? pick()!
        taken.insert(secretary)
        give(.secretary, to: secretary)
        var deputies: [Int] = []
        for _ in 0..<(indices.count >= 30 ? officerRNG.int(in: 1...2) : 1) {
            if let d = pick() { deputies.append(d); taken.insert(d); give(.deputySecretary, to: d) }
        }
        var committee: [Int] = []
        if indices.count >= 9 {
            for _ in 0..<officerRNG.int(in: 1...3) {
                if let c = pick() { committee.append(c); taken.insert(c); give(.committeeMember, to: c) }
            }
        }
        officers[cells[cellIndex].organization.id] = DemoOfficers(
            secretary: members[secretary].id, deputySecretaries: deputies.map { members[$0].id },
            committeeMembers: committee.map { members[$0].id })
    }
}

extension Day {
    /// The same day `years` later (or earlier); 29/2 becomes 1/3 when the target year has no 29/2,
    /// so that "at least N years after" holds.
    func demoShifted(years: Int) -> Day {
        Day(year: year + years, month: month, day: day) ?? Day(year: year + years, month: 3, day: 1)!
    }
}

/// A uniformly random day in [from, to] (returns `from` when the range is empty).
private func randomDay(from: Day, to: Day, _ rng: inout SeededGenerator) -> Day {
    guard to > from else { return from }
    return Day(ordinal: rng.int(in: from.ordinal...to.ordinal))
}

/// Splits `total` in proportion to `weights`, each part at least its minimum (largest-remainder rounding).
private func allocate(total: Int, weights: [Double], minimums: [Int]) -> [Int] {
    var counts = minimums
    let rest = total - minimums.reduce(0, +)
    guard rest > 0, !weights.isEmpty else { return counts }
    let sum = weights.reduce(0, +)
    var fractions: [(Int, Double)] = []
    var given = 0
    for (i, w) in weights.enumerated() {
        let exact = Double(rest) * w / sum
        let whole = Int(exact)
        counts[i] += whole
        given += whole
        fractions.append((i, exact - Double(whole)))
    }
    fractions.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    for k in 0..<(rest - given) { counts[fractions[k % fractions.count].0] += 1 }
    return counts
}
