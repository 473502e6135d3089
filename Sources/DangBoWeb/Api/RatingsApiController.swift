import DangBoCore
import DangBoStorage
import Vapor

/// The quality rating registry over the API: `GET /api/v1/ratings?org=&year=` (the year's member figures of the
/// subtree, the organization's own members with their rating, its own ratings), `PUT /api/v1/ratings` (a batch,
/// all or nothing, as the sheet and the file import save). Same rights and scope as the pages.
struct RatingsApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ratings = routes.grouped("ratings")
        ratings.get(use: year)
        ratings.put(use: save)
    }

    struct RatingBody: Content {
        var id: UUID?
        var subject: RatedSubject
        var organizationID: UUID
        var memberID: UUID?
        var collective: CollectiveKind?
        var title: CadreTitle?
        var grade: QualityGrade?
        var notRatedReason: String?
        var cases: [CollectiveCase]?

        init(_ rating: QualityRating) {
            id = rating.id
            subject = rating.subject
            organizationID = rating.organizationID
            memberID = rating.memberID
            collective = rating.collective
            title = rating.title
            grade = rating.grade
            notRatedReason = rating.notRatedReason
            cases = rating.cases.sorted { $0.rawValue < $1.rawValue }
        }
    }

    struct MemberLine: Content {
        var memberID: UUID
        var fullName: String
        var cardNumber: String?
        var grade: QualityGrade?
        var notRatedReason: String?
    }

    struct YearResponse: Content {
        var organizationID: UUID
        var year: Int
        var onRegistry: Int
        var rated: Int
        var notRated: Int
        var unrecorded: Int
        var byGrade: [String: Int]
        var excellentShare: MemberRatingSummary.Share
        var goodOrBetterShare: MemberRatingSummary.Share
        var members: [MemberLine]
        var own: [RatingBody]
    }

    func year(req: Request) async throws -> YearResponse {
        let actor = try req.requireActor()
        try actor.require(.viewRatings)
        let organization = try await req.organizations.visible(try ApiQuery.uuid(req, "org") ?? actor.scopeOrganizationID, to: actor)
        let year = try RatingsController.year(req.query[String.self, at: "year"], today: req.today)
        let store = QualityRatingStore(database: req.db)
        let summary = try await store.summary(root: organization.id, year: year, for: actor)
        let (members, own) = try await store.sheet(of: organization.id, year: year, for: actor)
        return YearResponse(
            organizationID: organization.id, year: year, onRegistry: summary.onRegistry, rated: summary.rated, notRated: summary.notRated,
            unrecorded: summary.unrecorded,
            byGrade: Dictionary(uniqueKeysWithValues: QualityGrade.allCases.map { ($0.rawValue, summary.byGrade[$0] ?? 0) }),
            excellentShare: summary.excellentShare, goodOrBetterShare: summary.goodOrBetterShare,
            members: members.map { MemberLine(memberID: $0.memberID, fullName: $0.fullName, cardNumber: $0.cardNumber,
                                              grade: $0.rating?.grade, notRatedReason: $0.rating?.notRatedReason) },
            own: own.map(RatingBody.init))
    }

    struct SaveRequest: Content {
        var year: Int
        var ratings: [RatingBody]
    }

    struct SaveResponse: Content {
        var created: Int
        var updated: Int
        var unchanged: Int
    }

    func save(req: Request) async throws -> SaveResponse {
        let actor = try req.requireActor()
        try actor.require(.recordRatings)
        let body = try req.content.decode(SaveRequest.self)
        guard !body.ratings.isEmpty, body.ratings.count <= RatingImportParser.maxRows else {
            throw DomainError.invalid([.init(field: "ratings", message: "Gửi từ 1 đến \(VietnameseNumberFormat.integer(RatingImportParser.maxRows)) kết quả mỗi lần")])
        }
        let ratings = body.ratings.map {
            QualityRating(year: body.year, subject: $0.subject, organizationID: $0.organizationID, memberID: $0.memberID,
                          collective: $0.collective, title: $0.title, grade: $0.grade,
                          notRatedReason: String(($0.notRatedReason ?? "").prefix(600)), cases: Set($0.cases ?? []))
        }
        let saved = try await QualityRatingStore(database: req.db).save(ratings, by: actor, field: { "ratings[\($0)].\($1)" },
                                                                         place: { "kết quả thứ \($0 + 1)" })
        return SaveResponse(created: saved.created, updated: saved.updated, unchanged: saved.unchanged)
    }
}
