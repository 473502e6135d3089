import DangBoCore
import Foundation
import SQLKit

extension NewestFirstSelection {
    /// Audit entries passing `filter`, newest first, in `scope`: through the indexes on (at, id), (action, at, id) and
    /// (actor_name, at, id), and (entity_type, at, id) for a kind (migration 0015).
    static func audit(_ filter: AuditFilter, scope: Scope, day: Day, database: any SQLDatabase) -> NewestFirstSelection {
        NewestFirstSelection(table: "audit_entries", alias: "a", timeColumn: "at", conditions: conditions(filter), scope: scope,
                             day: day, database: database)
    }

    /// The filter's conditions on `audit_entries a`.
    static func conditions(_ filter: AuditFilter) -> SQLQueryString {
        var conditions: SQLQueryString = "1 = 1"
        if let action = filter.action { conditions += " AND a.action = \(bind: action.rawValue)" }
        if let type = filter.entityType, !type.isEmpty { conditions += " AND a.entity_type = \(bind: type)" }
        if let kind = filter.kind {
            var list: SQLQueryString = ""
            for (index, type) in kind.entityTypes.enumerated() {
                if index > 0 { list += ", " }
                list += "\(bind: type)"
            }
            conditions += " AND a.entity_type IN (" + list + ")"
        }
        if let actor = filter.actorName, !actor.isEmpty { conditions += " AND a.actor_name = \(bind: actor)" }
        if let from = filter.from { conditions += " AND a.at >= \(bind: AuditStore.start(of: from))" }
        if let to = filter.to { conditions += " AND a.at < \(bind: AuditStore.start(of: to.adding(days: 1)))" }
        return conditions
    }
}
