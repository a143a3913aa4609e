import Accounts
import Foundation
import Hummingbird
import Lending
import Registry

/// The OpenAPI 3.1 document, built from the route table itself: a route cannot exist without
/// appearing here, and nothing appears here that is not a route.
enum OpenAPIDocument {
    static func build(_ specs: [RouteSpec]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for spec in specs where spec.isAPI {
            guard let doc = spec.doc else { continue }
            let path = openAPIPath(spec.path)
            var op: [String: Any] = ["summary": doc.summary, "operationId": doc.operationID, "tags": [tag(spec.path)]]
            var parameters: [[String: Any]] = pathParameters(spec.path)
            for q in doc.query {
                let schema: [String: Any] = q.schema == "Designation kind" ? ["$ref": "#/components/schemas/DesignationKind"]
                    : q.schema == "integer" ? ["type": "integer", "minimum": 1] : ["type": "string", "maxLength": 100]
                let parameter: [String: Any] = ["name": q.name, "in": "query", "required": false, "description": q.description, "schema": schema]
                parameters.append(parameter)
            }
            if spec.access != .anyone, [.post, .put, .patch, .delete].contains(spec.method) {
                let key: [String: Any] = ["name": "Idempotency-Key", "in": "header", "required": false,
                                          "description": "Repeat a request safely: the same key and body get the first answer again (kept 24 h).",
                                          "schema": ["type": "string", "minLength": 1, "maxLength": 255]]
                parameters.append(key)
            }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if let req = doc.requestSchema {
                op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(req)"]]]]
            }
            var responses: [String: Any] = [:]
            if let res = doc.responseSchema {
                responses[String(doc.successStatus)] = ["description": "OK", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(res)"]]]]
            } else {
                responses[String(doc.successStatus)] = ["description": "Done"]
            }
            let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            for code in errorStatuses(spec) { responses[code] = error }
            op["responses"] = responses
            if spec.access != .anyone { op["security"] = [["bearer": [String]()]] } else { op["security"] = [[String: [String]]]() }
            paths[path, default: [:]][spec.method.rawValue.lowercased()] = op
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Kechuang API (科创服务平台)", "version": "1.0.0",
                     "description": "Enterprise registry of a district S&T bureau. Money is yuan as a JSON number with at most two decimals; dates are YYYY-MM-DD."],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }

    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/").prefixed("/")
    }

    static func pathParameters(_ path: String) -> [[String: Any]] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { p in
            let name = String(p.dropFirst())
            let schema: [String: Any] = name == "year" ? ["type": "integer", "minimum": 1949, "maximum": 2200]
                : ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"]
            return ["name": name, "in": "path", "required": true, "schema": schema]
        }
    }

    static func tag(_ path: String) -> String { path.contains("sessions") || path.hasSuffix("/me") ? "sessions" : "enterprises" }

    static func errorStatuses(_ spec: RouteSpec) -> [String] {
        var codes = ["400"]
        if spec.access != .anyone { codes += ["401", "403"] }
        if spec.path.contains(":") { codes.append("404") }
        if spec.method == .post || spec.method == .put { codes += ["409", "413", "415", "422"] }
        if spec.path == "/api/v1/sessions" { codes += ["401", "429"] }
        if spec.method == .get && spec.doc?.query.isEmpty == false { codes.append("422") }
        return Array(Set(codes)).sorted()
    }

    static var money: [String: Any] { ["type": "number", "multipleOf": 0.01, "minimum": 0] }
    static var count: [String: Any] { ["type": "integer", "minimum": 0] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static func nullable(_ s: [String: Any]) -> [String: Any] { ["oneOf": [s, ["type": "null"]]] }
    /// An object schema; `closed` refuses properties not listed (request bodies).
    static func object(_ required: [String], _ properties: [String: Any], closed: Bool = false) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "required": required, "properties": properties]
        if closed { o["additionalProperties"] = false }
        return o
    }

    static var schemas: [String: Any] { baseSchemas.merging(cashoutSchemas) { a, _ in a }.merging(programmeSchemas) { a, _ in a } }

    static var baseSchemas: [String: Any] {
        let designationKinds = DesignationKind.allCases.map(\.rawValue)
        var fiscal: [String: Any] = ["year": ["type": "integer", "minimum": 1949, "maximum": 2200],
                                     "employees": nullable(count), "stStaff": nullable(count), "rdStaff": nullable(count),
                                     "conversions": nullable(count), "netProfit": nullable(["type": "number", "multipleOf": 0.01]),
                                     "source": ["type": "string", "enum": ["declared", "imported", "staff", "demo"], "readOnly": true],
                                     "recordedAt": ["type": "string", "readOnly": true]]
        for k in ["salesRevenue", "operatingRevenue", "mainBusinessRevenue", "totalIncome", "highTechRevenue", "totalCostAndExpense",
                  "rdExpense", "rdExpenseDomestic", "totalAssets", "totalLiabilities"] { fiscal[k] = nullable(money) }
        let enterprise: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["name"],
            "properties": ["uscc": ["type": "string", "minLength": 18, "maxLength": 18], "name": ["type": "string", "minLength": 1, "maxLength": 100],
                           "registeredOn": nullable(date), "townCode": nullable(["type": "string", "pattern": "^[0-9]{9}$"]),
                           "industryCode": nullable(["type": "string", "pattern": "^[A-T]([0-9]{2,4})?$"]),
                           "chainTags": ["type": "array", "items": ["type": "string"]],
                           "status": ["type": "string", "enum": ["active", "relocated", "deregistered"]], "sme": nullable(["type": "boolean"])]]
        let designation: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["kind", "issuedOn"],
            "properties": ["kind": ["$ref": "#/components/schemas/DesignationKind"], "number": nullable(["type": "string"]), "issuedOn": date,
                           "expiresOn": nullable(date), "level": ["type": "string", "enum": ["national", "municipal", "district"]],
                           "batch": nullable(["type": "string"]), "revokedOn": nullable(date),
                           "revokedFor": nullable(["type": "string", "enum": RevocationReason.allCases.map(\.rawValue)]), "valid": ["type": "boolean", "readOnly": true]]]
        let user: [String: Any] = ["type": "object", "required": ["username", "displayName", "role", "language"],
                                   "properties": ["username": ["type": "string"], "displayName": ["type": "string"],
                                                  "role": ["type": "string", "enum": ["bureauAdmin", "bureauReviewer", "bureauApprover", "townOfficer", "enterprise", "bank", "expert", "auditor"]],
                                                  "enterprise": nullable(["type": "string"]), "town": nullable(["type": "string"]),
                                                  "language": ["type": "string", "enum": ["zh", "en"]]]]
        return [
            "DesignationKind": ["type": "string", "enum": designationKinds],
            "EnterpriseFacts": ["type": "object", "description": "The input of ../shared/contracts/assessment-v1.md (uscc, asOf and one fiscal year required; unknown fields refused).",
                                "required": ["uscc", "asOf", "fiscalYears"]],
            "AssessmentReport": ["type": "object", "description": "The report of assessment-v1.md.",
                                 "required": ["contract", "uscc", "asOf", "evaluationYear", "ruleSet", "techSME", "highTech", "innovativeSME", "specializedSME", "littleGiant", "cqTechEnterprise"]],
            "LoginRequest": ["type": "object", "additionalProperties": false, "required": ["username", "password"],
                             "properties": ["username": ["type": "string"], "password": ["type": "string"]]],
            "Session": ["type": "object", "required": ["token", "expiresAt", "user"],
                        "properties": ["token": ["type": "string"], "expiresAt": ["type": "string"], "user": ["$ref": "#/components/schemas/User"]]],
            "User": user,
            "Enterprise": enterprise,
            "EnterpriseList": ["type": "object", "required": ["items", "total", "page", "pageSize"],
                               "properties": ["items": ["type": "array", "items": ["type": "object", "required": ["enterprise", "designations"],
                                                                                   "properties": ["enterprise": ["$ref": "#/components/schemas/Enterprise"],
                                                                                                  "designations": ["type": "array", "items": ["$ref": "#/components/schemas/DesignationKind"]]]]],
                                              "total": count, "page": ["type": "integer", "minimum": 1], "pageSize": ["type": "integer", "minimum": 1]]],
            "FiscalYear": ["type": "object", "additionalProperties": false, "properties": fiscal.merging([
                "evidence": nullable(["type": "string", "maxLength": 500, "description": "A firm's proof for its declaration (required from firms)."]),
                "verification": ["type": "string", "enum": ["verified", "pending", "rejected", "superseded"], "readOnly": true],
                "declarationId": nullable(["type": "integer", "readOnly": true]),
            ]) { a, _ in a }],
            "Designation": designation,
            "DesignationList": ["type": "array", "items": ["$ref": "#/components/schemas/Designation"]],
            "EnterpriseRecord": ["type": "object", "required": ["enterprise", "fiscalYears", "designations", "history"],
                                 "properties": ["enterprise": ["$ref": "#/components/schemas/Enterprise"],
                                                "fiscalYears": ["type": "array", "items": ["$ref": "#/components/schemas/FiscalYear"]],
                                                "designations": ["type": "array", "items": ["$ref": "#/components/schemas/Designation"]],
                                                "history": ["type": "array", "items": ["type": "object", "properties": [
                                                    "at": ["type": "string"], "actor": ["type": "string"], "subject": ["type": "string"],
                                                    "before": nullable(["type": "string"]), "after": nullable(["type": "string"])]]]]],
            "Ladder": ["type": "object", "required": ["asOf", "since", "steps"],
                       "properties": ["asOf": date, "since": date, "lastRun": ["type": ["object", "null"]],
                                      "steps": ["type": "array", "items": ["type": "object", "required": ["kind", "holders", "new", "newlyMeeting", "expiring"],
                                                                           "properties": ["kind": ["$ref": "#/components/schemas/DesignationKind"], "holders": count, "new": count,
                                                                                          "newlyMeeting": count, "expiring": count,
                                                                                          "latestBatch": ["type": ["object", "null"]]]]]]],
            "LadderList": ["type": "array", "items": ["type": "object", "required": ["uscc", "name"],
                                                      "properties": ["uscc": ["type": "string"], "name": ["type": "string"], "detail": nullable(["type": "string"])]]],
            "Pool": ["type": "object", "required": ["asOf", "members", "candidates"],
                     "properties": ["asOf": date, "members": ["type": "array", "items": ["type": "object"]],
                                    "candidates": ["$ref": "#/components/schemas/LadderList"]]],
            "PoolChange": ["type": "object", "additionalProperties": false, "required": ["uscc", "reason"],
                           "properties": ["uscc": ["type": "string", "minLength": 18, "maxLength": 18], "on": date,
                                          "reason": ["type": "string", "minLength": 1, "maxLength": 500]]],
            "PoolEvent": ["type": "object", "required": ["uscc", "kind", "on", "reason", "actor", "automatic"],
                          "properties": ["uscc": ["type": "string"], "kind": ["type": "string", "enum": ["admit", "remove"]], "on": date,
                                         "reason": ["type": "string"], "actor": ["type": "string"], "automatic": ["type": "boolean"]]],
            "ConsentGrant": ["type": "object", "additionalProperties": false, "required": ["bank", "scopes", "purpose", "validTo"],
                             "properties": ["bank": ["type": "string"], "purpose": ["type": "string", "minLength": 1, "maxLength": 200],
                                            "scopes": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": Consent.Scope.allCases.map(\.rawValue)]],
                                            "validFrom": date, "validTo": date]],
            "Consent": ["type": "object", "required": ["id", "bank", "scopes", "purpose", "validFrom", "validTo", "live"],
                        "properties": ["id": ["type": "integer"], "bank": ["type": "string"], "scopes": ["type": "array", "items": ["type": "string"]],
                                       "purpose": ["type": "string"], "validFrom": date, "validTo": date, "grantedAt": ["type": "string"],
                                       "revokedAt": nullable(["type": "string"]), "live": ["type": "boolean"]]],
            "Consents": ["type": "object", "required": ["consents", "log"],
                         "properties": ["consents": ["type": "array", "items": ["$ref": "#/components/schemas/Consent"]],
                                        "log": ["type": "array", "items": ["type": "object"]]]],
            "BankPoints": ["type": "object", "required": ["uscc", "name", "period", "model", "points", "stage", "rank", "stageSize"],
                           "properties": ["uscc": ["type": "string"], "name": ["type": "string"], "period": ["type": "integer"], "model": ["type": "string"],
                                          "points": ["type": "number"], "stage": ["type": "string"], "rank": ["type": "integer"], "stageSize": ["type": "integer"],
                                          "list": nullable(["type": "string"]), "pointsShortOfNextList": nullable(["type": "number"]),
                                          "breakdown": ["type": ["array", "null"]]]],
            "BankPointsList": ["type": "array", "items": ["$ref": "#/components/schemas/BankPoints"]],
            "BankQualifications": ["type": "object", "required": ["uscc", "asOf", "designations"],
                                   "properties": ["uscc": ["type": "string"], "asOf": date,
                                                  "designations": ["type": "array", "items": ["type": "object", "required": ["kind", "name", "issuedOn", "valid"],
                                                                   "properties": ["kind": ["$ref": "#/components/schemas/DesignationKind"], "name": ["type": "string"],
                                                                                  "number": nullable(["type": "string"]), "issuedOn": date, "expiresOn": nullable(date),
                                                                                  "valid": ["type": "boolean"]]]]]],
            "BankFiscal": ["type": "object", "required": ["uscc", "years"],
                           "properties": ["uscc": ["type": "string"], "years": ["type": "array", "items": ["type": "object", "required": ["year"],
                                          "properties": ["year": ["type": "integer"], "operatingRevenue": nullable(money), "rdExpense": nullable(money),
                                                         "totalAssets": nullable(money), "totalLiabilities": nullable(money),
                                                         "netProfit": nullable(["type": "number", "multipleOf": 0.01]), "employees": nullable(count)]]]]],
            "RDReports": ["type": "object", "additionalProperties": false, "required": ["reports"],
                          "properties": ["reports": ["type": "array", "minItems": 1, "maxItems": 10_000, "items": ["type": "object",
                              "required": ["uscc", "quarter", "operatingRevenue", "statisticalRD"],
                              "properties": ["uscc": ["type": "string", "minLength": 18, "maxLength": 18], "quarter": ["type": "string", "pattern": "^[0-9]{4}Q[1-4]$"],
                                             "operatingRevenue": money, "statisticalRD": money, "taxDeductionRD": nullable(money), "highTechRD": nullable(money),
                                             "rdProjects": nullable(count), "rdStaff": nullable(count), "employees": nullable(count)]]]]],
            "Count": ["type": "object", "required": ["count"], "properties": ["count": count]],
            "RDTargets": ["type": "object", "required": ["year", "targets"],
                          "properties": ["year": ["type": "integer"], "targets": ["type": "array", "items": ["type": "object", "required": ["indicator", "unit", "value"],
                              "properties": ["indicator": ["type": "string", "enum": ["totalRD", "shareWithRD", "intensity"]],
                                             "unit": ["type": "string", "enum": ["district", "town", "department", "firm"]], "code": ["type": "string"],
                                             "value": ["type": "integer", "minimum": 0]]]]]],
            "Statistics": ["type": "object", "required": ["from", "to", "figures"],
                           "properties": ["from": date, "to": date, "figures": ["type": "array", "items": ["type": "object", "required": ["id", "label", "value", "period", "definition"],
                               "properties": ["id": ["type": "string"], "label": ["type": "string"], "value": ["type": "string"], "period": ["type": "string"],
                                              "definition": ["type": "string"], "drillDown": nullable(["type": "string"]),
                                              "en": ["type": "object", "description": "the label, value, period and definition in English",
                                                     "required": ["label", "value", "period", "definition"],
                                                     "properties": ["label": ["type": "string"], "value": ["type": "string"], "period": ["type": "string"], "definition": ["type": "string"]]]]]]]],
            "LoanEntry": ["type": "object", "additionalProperties": false, "required": ["uscc", "product", "amount", "drawnOn", "maturesOn"],
                          "properties": ["uscc": ["type": "string", "minLength": 18, "maxLength": 18],
                                         "product": ["type": "string", "enum": Loan.Product.allCases.map(\.rawValue)], "amount": money,
                                         "drawnOn": date, "maturesOn": date, "status": ["type": "string", "enum": ["approved", "drawn"]],
                                         "note": ["type": "string", "maxLength": 500]]],
            "LoanStatusUpdate": ["type": "object", "additionalProperties": false, "required": ["status"],
                                 "properties": ["status": ["type": "string", "enum": Loan.Status.allCases.map(\.rawValue)], "overduePrincipal": money,
                                                "note": ["type": "string", "maxLength": 500]]],
            "Loan": ["type": "object", "required": ["id", "uscc", "bank", "product", "amount", "drawnOn", "maturesOn", "status", "overduePrincipal"],
                     "properties": ["id": ["type": "integer"], "uscc": ["type": "string"], "bank": ["type": "string"],
                                    "product": ["type": "string", "enum": Loan.Product.allCases.map(\.rawValue)], "amount": money, "drawnOn": date, "maturesOn": date,
                                    "status": ["type": "string", "enum": Loan.Status.allCases.map(\.rawValue)], "overduePrincipal": money]],
            "LoanList": ["type": "array", "items": ["$ref": "#/components/schemas/Loan"]],
            "LoanSummary": ["type": "object", "required": ["to", "figures", "breakers", "compensation"],
                            "properties": ["from": nullable(date), "to": date, "figures": ["type": "array", "items": ["type": "object"]],
                                           "breakers": ["type": "array", "items": ["type": "object"]], "compensation": ["type": "object"]]],
            "WhiteList": ["type": "object", "required": ["rule", "asOf", "publishedAt", "considered", "entries"],
                          "properties": ["rule": ["type": "string"], "asOf": date, "publishedAt": ["type": "string"], "considered": ["type": "integer"],
                                         "entries": ["type": "array", "items": ["type": "object", "required": ["uscc", "name", "reasons"],
                                                                                "properties": ["uscc": ["type": "string"], "name": ["type": "string"],
                                                                                               "reasons": ["type": "array", "items": ["type": "string"]]]]]]],
            "Error": ["type": "object", "required": ["error"],
                      "properties": ["error": ["type": "object", "required": ["code", "message"],
                                               "properties": ["code": ["type": "string"], "message": ["type": "string"],
                                                              "problems": ["type": "array", "items": ["type": "object", "required": ["path", "message"],
                                                                                                      "properties": ["path": ["type": "string"], "message": ["type": "string"]]]]]]]],
        ]
    }
}

extension String {
    func prefixed(_ p: String) -> String { hasPrefix(p) ? self : p + self }
}

enum OpenAPIRoute {
    static func register(_ routes: RouteTable) {
        routes.add(.get, "/openapi.json", .anyone) { _, _ in
            let document = OpenAPIDocument.build(routes.specs)
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            return Response.json(data)
        }
    }
}
