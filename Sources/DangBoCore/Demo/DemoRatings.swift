import Foundation

/// The demo bloc's yearly quality ratings, in the proportions of the seed's targets table (16–20% of the rated
/// members excellent, about 90% good or better — the target it reports as met —, a few only "completed"): every member on the registry at a
/// year end rated in their cell of that day (a few recorded as not rated, with a reason); every grassroots
/// organization and its executive committee rated; its secretary and deputy secretaries rated in their titles;
/// the bloc's own executive and standing committees. Drawn from `SeededGenerator`: the same seed gives the same
/// ratings.
public enum DemoRatings {
    static let notRatedReasons = ["Đảng viên mới kết nạp chưa đủ 6 tháng", "Nghỉ ốm dài ngày", "Đi học tập trung dài hạn"]

    /// The ratings of each year in `years`.
    public static func make(bloc: DemoBloc, years: ClosedRange<Int>, seed: UInt64) -> [QualityRating] {
        var random = SeededGenerator(seed: seed &+ 0x5241_5449)
        return make(members: bloc.members, assignments: bloc.assignments, grassroots: bloc.grassrootsOrganizations,
                    officers: bloc.officers, upper: [bloc.root], years: years, random: &random)
    }

    /// The ratings of `members` (placed by `assignments`), of the `grassroots` organizations with their executive
    /// committees and the cadres `officers` names, and of the `upper` organizations' executive and standing
    /// committees, for each year in `years` (`dangbo bench generate` rates each unit of its tree this way).
    public static func make(members: [Member], assignments: [MemberAssignment], grassroots: [Organization],
                            officers: [UUID: DemoOfficers], upper: [Organization], years: ClosedRange<Int>,
                            random: inout SeededGenerator) -> [QualityRating] {
        var ratings: [QualityRating] = []
        let assignments = Dictionary(grouping: assignments, by: \.memberID)
        func grade(excellent: Double, good: Double, completed: Double) -> QualityGrade {
            let draw = random.unit()
            if draw < excellent { return .excellent }
            if draw < excellent + good { return .good }
            if draw < excellent + good + completed { return .completed }
            return .notCompleted
        }
        func newID() -> UUID {
            var bytes = (0 ..< 16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                               bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
        for year in years {
            let end = Day(year: year, month: 12, day: 31)!
            for member in members {
                let fields = member.fields
                if let admitted = fields.admissionDate, admitted > end { continue }
                if [.deceased, .expelled, .transferredOut].contains(fields.status), (fields.statusDate ?? end) <= end { continue }
                guard let placement = assignments[member.id]?.first(where: { $0.validFrom <= end && ($0.validTo.map { $0 > end } ?? true) }) else { continue }
                if random.chance(0.015) {
                    ratings.append(QualityRating(id: newID(), year: year, subject: .member, organizationID: placement.organizationID,
                                                 memberID: member.id, grade: nil, notRatedReason: random.pick(notRatedReasons)))
                } else {
                    ratings.append(QualityRating(id: newID(), year: year, subject: .member, organizationID: placement.organizationID,
                                                 memberID: member.id, grade: grade(excellent: 0.18, good: 0.72, completed: 0.09)))
                }
            }
            for organization in grassroots where organization.openedOn <= end {
                ratings.append(QualityRating(id: newID(), year: year, subject: .organization, organizationID: organization.id,
                                             grade: grade(excellent: 0.2, good: 0.66, completed: 0.12)))
                var cases: Set<CollectiveCase> = []
                if random.chance(0.03) { cases.insert(.mainTargetsMissed) }
                let collective = grade(excellent: 0.18, good: 0.7, completed: 0.1)
                ratings.append(QualityRating(id: newID(), year: year, subject: .collective, organizationID: organization.id,
                                             collective: .executiveCommittee,
                                             grade: cases.isEmpty || collective == .notCompleted ? collective : .completed, cases: cases))
                guard let officers = officers[organization.id] else { continue }
                ratings.append(QualityRating(id: newID(), year: year, subject: .cadre, organizationID: organization.id,
                                             memberID: officers.secretary, title: .secretary, grade: grade(excellent: 0.11, good: 0.8, completed: 0.08)))
                for deputy in officers.deputySecretaries {
                    ratings.append(QualityRating(id: newID(), year: year, subject: .cadre, organizationID: organization.id,
                                                 memberID: deputy, title: .deputySecretary, grade: grade(excellent: 0.12, good: 0.8, completed: 0.07)))
                }
                for member in officers.committeeMembers where member != officers.secretary && !officers.deputySecretaries.contains(member) {
                    ratings.append(QualityRating(id: newID(), year: year, subject: .cadre, organizationID: organization.id,
                                                 memberID: member, title: .committeeMember, grade: grade(excellent: 0.1, good: 0.78, completed: 0.1)))
                }
            }
            for organization in upper {
                for collective in [CollectiveKind.executiveCommittee, .standingCommittee] {
                    ratings.append(QualityRating(id: newID(), year: year, subject: .collective, organizationID: organization.id,
                                                 collective: collective, grade: grade(excellent: 0.2, good: 0.75, completed: 0.05)))
                }
            }
        }
        return ratings
    }
}
