import DangBoCore
import DangBoStorage
import Fluent
import Vapor

extension Request {
    var organizations: OrganizationStore { OrganizationStore(database: db) }
    var members: MemberStore { MemberStore(database: db) }
    var accounts: AccountStore { AccountStore(database: db) }
    var audit: AuditStore { AuditStore(database: db) }
    var today: Day { Day(Date()) }
}
