import DangBoCore

/// Component schemas of the OpenAPI document (enumerations come from the domain types themselves).
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func enumeration<T: LabeledValue>(_ type: T.Type) -> [String: Any] {
        ["type": "string", "enum": T.allCases.map(\.rawValue)]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    static var day: [String: Any] { ["type": "string", "description": "Ngày: 2022-04-12 hoặc 12/4/2022"] }

    static var outcome: [String: Any] { ["type": "string", "enum": ReporterOutcome.allCases.map(\.rawValue)] }
    static var nextCursor: [String: Any] { ["type": "string", "description": "Gửi lại là after để lấy trang sau; không có ở trang cuối"] }
    static var previousCursor: [String: Any] { ["type": "string", "description": "Gửi lại là before để lấy trang trước; không có ở trang đầu"] }

    /// A list read by keyset (`KeysetApiPage`): items, a count that stops at `countLimit`, cursors.
    static func keysetPage(of item: String) -> [String: Any] {
        object(["items": array(ref(item)), "count": integer, "countIsExact": ["type": "boolean"], "countLimit": integer,
                "pageSize": integer, "nextCursor": nextCursor, "previousCursor": previousCursor])
    }

    static var all: [String: Any] {
        [
            "Error": object(["error": string, "problems": array(object(["field": string, "message": string]))], required: ["error"]),
            "TokenRequest": object(["username": string, "password": string], required: ["username", "password"]),
            "TokenResponse": object(["token": string, "expiresInSeconds": integer, "role": string, "scopeOrganizationID": uuid]),
            "Actor": object(["accountID": uuid, "username": string, "displayName": string, "role": enumeration(Role.self),
                             "scopeOrganizationID": uuid, "memberID": uuid]),
            "Organization": object(["id": uuid, "code": string, "name": string, "level": enumeration(OrganizationLevel.self),
                                    "unitKind": enumeration(UnitKind.self), "cluster": string, "openedOn": day, "closedOn": day]),
            "OrganizationDraft": object(["code": string, "name": string, "level": enumeration(OrganizationLevel.self),
                                         "unitKind": enumeration(UnitKind.self), "cluster": string, "parentID": uuid,
                                         "openedOn": day, "closedOn": day], required: ["code", "name", "level", "openedOn"]),
            "OrganizationListItem": object(["organization": ref("Organization"), "parentID": uuid, "childCount": integer,
                                            "memberCount": ["type": "integer", "description": "Đảng viên sinh hoạt trực tiếp tại tổ chức"],
                                            "nameKey": ["type": "string", "description": "Khóa sắp xếp tiếng Việt"]]),
            "OrganizationPage": keysetPage(of: "OrganizationListItem"),
            "OrganizationLink": object(["organizationID": uuid, "parentID": uuid, "validFrom": day, "validTo": day]),
            "OrganizationDetail": object(["organization": ref("Organization"), "parentID": uuid,
                                          "history": array(ref("OrganizationLink")), "memberCount": integer,
                                          "subtreeMemberCount": integer, "subtreeMemberCountIsExact": ["type": "boolean"],
                                          "subtreeMemberCountLimit": integer, "childCount": integer]),
            "TransferRequest": object(["organizationIDs": array(uuid), "parentID": uuid, "day": day, "decision": string],
                                      required: ["organizationIDs", "parentID", "day"]),
            "TransferResult": object(["organizationCount": integer, "memberCount": integer]),
            "MemberFields": object([
                "fullName": string, "gender": enumeration(Gender.self), "birthDate": day, "ethnicity": string, "religion": string,
                "educationLevel": enumeration(EducationLevel.self), "politicalTheoryLevel": enumeration(PoliticalTheoryLevel.self),
                "admissionDate": day, "fullMembershipDate": day, "cardNumber": string, "positions": array(enumeration(Position.self)),
                "status": enumeration(MemberStatus.self), "statusDate": day,
            ], required: ["fullName", "gender", "birthDate", "ethnicity", "religion", "educationLevel", "politicalTheoryLevel",
                          "positions", "status"]),
            "Member": object(["id": uuid, "organizationID": uuid, "fields": ref("MemberFields"), "version": integer]),
            "MemberListing": object(["member": ref("Member"), "organizationName": string, "organizationCode": string,
                                     "parentOrganizationName": string]),
            "MemberPage": keysetPage(of: "MemberListing"),
            "MemberAssignment": object(["memberID": uuid, "organizationID": uuid, "validFrom": day, "validTo": day]),
            "MemberDetail": object(["member": ref("Member"), "organizationName": string, "organizationCode": string,
                                    "assignments": array(ref("MemberAssignment"))]),
            "CreateMemberRequest": object(["organizationID": uuid, "fields": ref("MemberFields")], required: ["organizationID", "fields"]),
            "UpdateMemberRequest": object(["version": integer, "fields": ref("MemberFields")], required: ["version", "fields"]),
            "TransferMemberRequest": object(["organizationID": uuid, "day": day], required: ["organizationID", "day"]),
            "ImportIssue": object(["row": integer, "column": string, "message": string]),
            "ImportPreview": object(["totalRows": integer, "cleanRows": integer, "toCreate": integer, "toUpdate": integer,
                                     "unchanged": integer, "issues": array(ref("ImportIssue"))]),
            "AuditEntry": object(["id": uuid, "at": ["type": "string", "format": "date-time"], "actorID": uuid, "actorName": string,
                                  "action": enumeration(AuditAction.self), "entityType": string, "entityID": string,
                                  "organizationID": uuid, "summary": string, "before": string, "after": string]),
            "FormSummary": object(["code": string, "appendix": string, "title": string, "periodType": string,
                                   "entryColumns": array(string), "rows": array(string)]),
            "FormSummaryList": array(ref("FormSummary")),
            "StoredCell": object(["row": string, "column": string, "number": ["type": "number"], "text": string]),
            "ReportEntry": object(["id": uuid, "formCode": string, "organizationID": uuid,
                                   "period": object(["code": string, "start": day, "end": day]),
                                   "status": enumeration(EntryStatus.self), "version": integer, "submittedBy": string, "reviewedBy": string,
                                   "reviewComment": string, "warningComment": string, "cells": array(ref("StoredCell"))]),
            "EntryResponse": object(["entry": ref("ReportEntry"), "dueDate": day, "isLocked": ["type": "boolean"],
                                     "problems": array(object(["field": string, "message": string]))]),
            "EntryRequest": object(["version": integer, "cells": ["type": "object", "description": "\"dòng:cột\" → số hoặc chữ, ví dụ {\"r1a:n\": 12}",
                                                                  "additionalProperties": ["oneOf": [["type": "number"], ["type": "string"]]]],
                                    "submit": ["type": "boolean"], "warningComment": string, "comment": string], required: ["version", "cells"]),
            "ReviewRequest": object(["version": integer, "decision": ["type": "string", "enum": ReviewDecision.allCases.map(\.rawValue)],
                                     "comment": string], required: ["version", "decision"]),
            "ExceptionRequest": object(["until": day, "reason": string], required: ["until", "reason"]),
            "ExceptionResponse": object(["until": day, "dueDate": day]),
            "DataValueImportResult": object(["created": integer, "updated": integer, "unchanged": integer,
                                             "issues": array(object(["row": integer, "column": string, "message": string]))]),
            "RenderedTable": object(["formCode": string, "appendix": string, "title": string, "subtitle": string, "unit": string,
                                     "spanLabel": string, "columnKeys": array(string),
                                     "headerRows": array(array(object(["text": string, "rowSpan": integer, "colSpan": integer, "column": integer]))),
                                     "numberingRow": array(string),
                                     "rows": array(object(["key": string, "number": string, "label": string, "indent": integer, "kind": string,
                                                           "cells": array(object(["column": string, "value": ["type": "number"], "text": string,
                                                                                  "isGreyed": ["type": "boolean"], "isComputed": ["type": "boolean"],
                                                                                  "explanation": string]))]))]),
            "Rating": object(["id": uuid, "subject": enumeration(RatedSubject.self), "organizationID": uuid, "memberID": uuid,
                              "collective": enumeration(CollectiveKind.self), "title": enumeration(CadreTitle.self),
                              "grade": enumeration(QualityGrade.self), "notRatedReason": string,
                              "cases": array(enumeration(CollectiveCase.self))], required: ["subject", "organizationID"]),
            "RatingShare": object(["numerator": integer, "denominator": integer]),
            "RatingYear": object(["organizationID": uuid, "year": integer, "onRegistry": integer, "rated": integer, "notRated": integer,
                                  "unrecorded": integer, "byGrade": ["type": "object", "additionalProperties": integer],
                                  "excellentShare": ref("RatingShare"), "goodOrBetterShare": ref("RatingShare"),
                                  "members": array(object(["memberID": uuid, "fullName": string, "cardNumber": string,
                                                           "grade": enumeration(QualityGrade.self), "notRatedReason": string])),
                                  "own": array(ref("Rating"))]),
            "RatingBatch": object(["year": integer, "ratings": array(ref("Rating"))], required: ["year", "ratings"]),
            "RatingSaveResult": object(["created": integer, "updated": integer, "unchanged": integer]),
            "ReportingRate": object(["expected": integer, "onTime": integer, "late": integer, "returned": integer,
                                     "draft": integer, "missing": integer]),
            "RateResponse": object(["period": string, "dueDate": day, "organizationID": uuid, "rate": ref("ReportingRate"),
                                    "own": outcome,
                                    "children": array(object(["organizationID": uuid, "code": string, "name": string, "rate": ref("ReportingRate")])),
                                    "childrenNextCursor": ["type": "string", "description": "Gửi lại là childrenAfter để lấy các tổ chức trực thuộc tiếp theo"],
                                    "organizations": array(object(["organizationID": uuid, "code": string, "name": string,
                                                                   "outcome": outcome, "contact": string])),
                                    "count": ["type": "integer", "description": "Số đơn vị có tình hình đã chọn (đếm đủ)"],
                                    "pageSize": integer, "nextCursor": nextCursor, "previousCursor": previousCursor]),
            "AuditPage": keysetPage(of: "AuditEntry"),
        ]
    }
}
