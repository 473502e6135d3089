import DangBoCore
import Vapor

/// The landing page sends each role where its work is.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        if actor.role == .member, let id = actor.memberID { return req.redirect(to: "/members/\(id.uuidString)") }
        if actor.role.can(.viewOrganizations) { return req.redirect(to: "/organizations") }
        return req.redirect(to: "/members")
    }
}
