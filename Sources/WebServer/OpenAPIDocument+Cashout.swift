import Cashout

/// The cash-out schemas of the OpenAPI document.
extension OpenAPIDocument {
    static var cashoutSchemas: [String: Any] {
        func list(_ ref: String) -> [String: Any] { ["type": "array", "items": ["$ref": "#/components/schemas/\(ref)"]] }
        let string: [String: Any] = ["type": "string"], integer: [String: Any] = ["type": "integer"]
        let statuses = ApplicationStatus.allCases.map(\.rawValue)
        return [
            "Policy": object(["id", "version", "name", "basis", "round", "mode", "opens", "closes", "amount", "frequency", "budgetLine", "attachments", "publishedAt"],
                             ["id": string, "version": integer, "name": string, "basis": string, "round": string,
                              "mode": ["type": "string", "enum": Policy.Mode.allCases.map(\.rawValue)], "opens": date, "closes": date, "amount": string,
                              "frequency": string, "budgetLine": string, "attachments": ["type": "array", "items": string], "publishedAt": string]),
            "PolicyList": list("Policy"),
            "PolicyDefinition": ["type": "object", "description": "A policy as stored: id, name, basis, round, window, mode, eligibility, amount, frequency, budgetLine, attachments",
                                 "required": ["id", "name", "basis", "round", "window", "mode", "eligibility", "amount", "frequency", "budgetLine"]],
            "Match": object(["uscc", "name", "verdict", "reasons", "missing", "claimed"],
                            ["uscc": string, "name": string, "verdict": ["type": "string", "enum": ["eligible", "missingData", "ineligible"]],
                             "amount": nullable(money), "certificate": nullable(string), "reasons": ["type": "array", "items": string],
                             "missing": ["type": "array", "items": string], "claimed": ["type": "boolean"],
                             "declaredYears": ["type": "array", "items": ["type": "integer"],
                                               "description": "Years whose figures the firm declared and nobody has verified yet; the verdict and amount do not use them."]]),
            "MatchList": list("Match"),
            "EntitlementCount": object(["created"], ["created": count]),
            "YearInput": object(["year"], ["year": ["type": "integer", "minimum": 2000, "maximum": 2100]], closed: true),
            "BudgetLine": object(["code", "name", "year", "appropriated", "reserved", "spent", "available"],
                                 ["code": string, "name": string, "year": integer, "appropriated": money, "reserved": money, "spent": money, "available": money]),
            "BudgetLineList": list("BudgetLine"),
            "BudgetLineInput": object(["code", "name", "year"], ["code": ["type": "string", "minLength": 1, "maxLength": 64], "name": ["type": "string", "minLength": 1],
                                                                 "year": ["type": "integer", "minimum": 2000, "maximum": 2100]], closed: true),
            "Appropriation": object(["amount"], ["amount": money, "note": string], closed: true),
            "BudgetEntry": object(["id", "kind", "amount", "at", "actor", "note"],
                                  ["id": integer, "kind": ["type": "string", "enum": ["appropriation", "reserve", "release", "post", "refund"]], "amount": money,
                                   "application": nullable(integer), "at": string, "actor": string, "note": string]),
            "BudgetEntryList": list("BudgetEntry"),
            "Application": object(["id", "policy", "policyVersion", "uscc", "year", "status", "proactive", "form", "bankAccount", "createdAt", "updatedAt", "statusSince"],
                                  ["id": integer, "policy": string, "policyVersion": integer, "uscc": string, "year": integer,
                                   "status": ["type": "string", "enum": statuses], "proactive": ["type": "boolean"], "certificate": nullable(string),
                                   "declaredBase": nullable(money), "amount": nullable(money), "form": ["type": "object", "additionalProperties": string],
                                   "bankAccount": string, "createdAt": string, "updatedAt": string, "statusSince": date, "due": nullable(date),
                                   "batch": nullable(integer), "bankReference": nullable(string), "paidOn": nullable(date),
                                   "events": ["type": "array", "items": ["type": "object"]], "attachments": list("Attachment")]),
            "ApplicationList": list("Application"),
            "ApplicationStart": object(["policy", "year"], ["policy": string, "year": ["type": "integer", "minimum": 2000, "maximum": 2100]], closed: true),
            "ApplicationForm": object([], ["form": ["type": "object", "additionalProperties": ["type": "string", "maxLength": 2000]], "declaredBase": money,
                                           "bankAccount": ["type": "string", "pattern": "^[0-9-]{8,32}$"]], closed: true),
            "ApplicationStep": object(["action"], ["action": ["type": "string", "enum": ApplicationAction.allCases.map(\.rawValue)],
                                                   "comment": ["type": "string", "maxLength": 2000], "bankReference": ["type": "string", "maxLength": 64]], closed: true),
            "Attachment": object(["id", "name", "fileName", "contentType", "size", "sha256"],
                                 ["id": integer, "name": string, "fileName": string, "contentType": string, "size": count, "sha256": string]),
            "Batch": object(["id", "createdAt", "createdBy", "count", "total", "digest"],
                            ["id": integer, "createdAt": string, "createdBy": string, "count": count, "total": money, "digest": string]),
            "BatchList": list("Batch"),
            "BatchPayment": object(["reference"], ["reference": ["type": "string", "minLength": 1, "maxLength": 40]], closed: true),
            "BatchPaymentResult": object(["paid", "alreadyPaid", "failed"], ["paid": count, "alreadyPaid": count, "failed": ["type": "array", "items": string]]),
        ]
    }
}
