import Matching
import Registry
import Storage

/// The programme schemas of the OpenAPI document.
extension OpenAPIDocument {
    static var programmeSchemas: [String: Any] {
        let string: [String: Any] = ["type": "string"], integer: [String: Any] = ["type": "integer"]
        let statuses = ProjectStatus.allCases.map(\.rawValue)
        let usccPattern: [String: Any] = ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"]
        let tags: [String: Any] = ["type": "array", "minItems": 1, "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 50]]
        return [
            "ProgrammeOverview": object(["programmes", "calls"], [
                "programmes": ["type": "array", "items": object(["code", "name", "fields"], ["code": string, "name": string, "fields": ["type": "array", "items": string]])],
                "calls": ["type": "array", "items": object(["id", "programme", "title", "opens", "closes", "budget", "reviewers", "cityQuota", "projects"],
                                                           ["id": integer, "programme": string, "title": string, "opens": date, "closes": date, "budget": money,
                                                            "reviewers": integer, "cityQuota": integer,
                                                            "projects": ["type": "object", "additionalProperties": integer]])],
            ]),
            "CallRankingList": ["type": "array", "items": object(
                ["project", "uscc", "title", "status", "scored", "reviewers", "scores", "outliers", "disagreement"],
                ["project": integer, "uscc": string, "title": string, "status": ["type": "string", "enum": statuses], "rank": nullable(integer),
                 "score": nullable(["type": "number"]), "scored": integer, "reviewers": integer,
                 "scores": ["type": "object", "additionalProperties": ["type": "number"]], "outliers": ["type": "array", "items": string],
                 "disagreement": ["type": "boolean"]])],
            "Project": object(["id", "call", "uscc", "title", "status", "fields", "requested", "updatedAt"],
                              ["id": integer, "call": integer, "uscc": string, "title": string, "status": ["type": "string", "enum": statuses],
                               "fields": ["type": "array", "items": string], "requested": money, "updatedAt": string]),
            "ProjectStep": object(["action"], ["action": ["type": "string", "enum": ProjectAction.allCases.filter { $0 != .assignReviewers }.map(\.rawValue)],
                                               "note": ["type": "string", "maxLength": 2000]], closed: true),
            "ProjectScore": object(["expert", "score"], ["expert": ["type": "string", "minLength": 1, "maxLength": 64],
                                                         "score": ["type": "number", "minimum": 0, "maximum": 100]], closed: true),
            "ChiefNeedList": ["type": "array", "items": object(
                ["id", "round", "uscc", "firm", "field", "problem", "channel", "firmAccepted", "expertAccepted"],
                ["id": integer, "round": string, "uscc": string, "firm": string, "field": string, "problem": string,
                 "channel": ["type": "string", "enum": ["platform", "chatGroup", "visit"]], "expert": nullable(string),
                 "firmAccepted": ["type": "boolean"], "expertAccepted": ["type": "boolean"], "termStarts": nullable(date), "termEnds": nullable(date)])],
            "ProjectApplication": object(["uscc", "title", "fields", "requested"], [
                "uscc": ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"],
                "title": ["type": "string", "minLength": 1, "maxLength": 200], "summary": ["type": "string", "maxLength": 4000],
                "fields": ["type": "array", "minItems": 1, "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 100]],
                "keywords": ["type": "array", "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 100]],
                "partners": ["type": "array", "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 100]],
                "requested": money, "starts": date, "ends": date], closed: true),
            "ProjectDetail": object(["project", "summary", "steps", "milestones", "overlaps"], [
                "project": ["$ref": "#/components/schemas/Project"], "firm": nullable(string), "starts": nullable(date), "ends": nullable(date), "summary": string,
                "steps": ["type": "array", "items": object(["at", "actor", "action", "from", "to"], ["at": string, "actor": string, "action": string,
                                                                                                   "from": string, "to": string, "note": nullable(string)])],
                "milestones": ["type": "array", "items": object(["seq", "title", "due"], ["seq": integer, "title": string, "due": date,
                                                                                           "reportedOn": nullable(date), "report": nullable(string), "reportedBy": nullable(string)])],
                "overlaps": ["type": "array", "items": object(["kind", "id", "title", "sameBudgetLine", "periodsOverlap", "textSimilarity"], [
                    "kind": ["type": "string", "enum": ["project", "subsidy"]], "id": integer, "title": string, "budgetLine": nullable(string),
                    "sameBudgetLine": ["type": "boolean"], "periodsOverlap": ["type": "boolean"], "textSimilarity": ["type": "number", "minimum": 0, "maximum": 1]])],
            ]),
            "MilestonePlan": object(["milestones"], ["milestones": ["type": "array", "minItems": 1, "maxItems": 20, "items": object(["title", "due"], [
                "title": ["type": "string", "minLength": 1, "maxLength": 200], "due": date], closed: true)]], closed: true),
            "MilestoneReport": object(["report"], ["report": ["type": "string", "minLength": 1, "maxLength": 2000]], closed: true),
            "InstrumentList": ["type": "array", "items": object(
                ["id", "code", "name", "category", "host", "hourlyFee", "hoursPerWeek", "hoursUsed"],
                ["id": integer, "code": string, "name": string, "category": string, "host": string, "hostUscc": nullable(string), "hourlyFee": money,
                 "hoursPerWeek": integer, "hoursUsed": ["type": "number", "minimum": 0], "utilisation": nullable(["type": "number", "minimum": 0])])],
            "Booking": object(["id", "instrument", "uscc", "day", "fromHour", "toHour", "purpose", "status"], [
                "id": integer, "instrument": integer, "uscc": string, "day": date, "fromHour": integer, "toHour": integer, "purpose": string,
                "status": ["type": "string", "enum": BookingStatus.allCases.map(\.rawValue)], "usedHours": nullable(["type": "number", "minimum": 0])]),
            "BookingRequest": object(["uscc", "day", "fromHour", "toHour", "purpose"], [
                "uscc": ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"], "day": date,
                "fromHour": ["type": "integer", "minimum": 0, "maximum": 23], "toHour": ["type": "integer", "minimum": 1, "maximum": 24],
                "purpose": ["type": "string", "minLength": 1, "maxLength": 500]], closed: true),
            "BookingStep": object(["action"], ["action": ["type": "string", "enum": BookingAction.allCases.map(\.rawValue)],
                                               "usedHours": ["type": "number", "minimum": 0, "maximum": 24, "multipleOf": 0.01]], closed: true),
            "ChiefResultIn": object(["kind", "title", "evidence", "date"], [
                "kind": ["type": "string", "enum": ChiefResult.Kind.allCases.map(\.rawValue)], "title": ["type": "string", "minLength": 1, "maxLength": 200],
                "evidence": ["type": "string", "minLength": 1, "maxLength": 2000], "date": date], closed: true),
            "ChiefResultList": ["type": "array", "items": object(["id", "kind", "title", "evidence", "date", "recordedBy"], [
                "id": integer, "kind": ["type": "string", "enum": ChiefResult.Kind.allCases.map(\.rawValue)], "title": string, "evidence": string,
                "date": date, "recordedBy": string])],
            "ChainSupply": object(["year", "shares", "needs"], [
                "year": integer,
                "shares": ["type": "array", "items": object(["chain", "purchases", "localOrders"], ["chain": string, "leader": nullable(string), "purchases": money,
                                                                                                   "localOrders": money, "share": nullable(["type": "number", "minimum": 0, "maximum": 1])])],
                "needs": ["type": "array", "items": object(["id", "leader", "chain", "title", "capabilities", "annual", "proposals"], [
                    "id": integer, "leader": string, "chain": string, "title": string, "capabilities": ["type": "array", "items": string], "annual": money,
                    "proposals": ["type": "array", "items": object(["supplier", "name", "affinity", "stage"], [
                        "supplier": string, "name": string, "affinity": ["type": "number", "minimum": 0, "maximum": 1],
                        "stage": ["type": "string", "enum": SupplyStage.allCases.map(\.rawValue)], "order": nullable(money)])]])]]),
            "PurchaseNeedIn": object(["leader", "chain", "title", "capabilities", "annual"], [
                "leader": usccPattern, "chain": ["type": "string", "minLength": 1, "maxLength": 64], "title": ["type": "string", "minLength": 1, "maxLength": 200],
                "capabilities": tags, "annual": money], closed: true),
            "CreatedID": object(["id"], ["id": integer]),
            "SupplierProfileIn": object(["uscc", "capabilities"], ["uscc": usccPattern, "capabilities": tags, "summary": ["type": "string", "maxLength": 1000]], closed: true),
            "ProposedCount": object(["proposed"], ["proposed": integer]),
            "SupplyStageIn": object(["stage"], ["stage": ["type": "string", "enum": ["met", "ordered", "declined"]], "order": money,
                                                "year": ["type": "integer", "minimum": 2000, "maximum": 2200]], closed: true),
            "ChainPurchasesIn": object(["chain", "year", "total"], ["chain": ["type": "string", "minLength": 1, "maxLength": 64], "year": ["type": "integer", "minimum": 2000, "maximum": 2200],
                                                                      "total": money], closed: true),
            "EventList": ["type": "array", "items": object(
                ["id", "title", "heldOn", "partner", "registered", "attended", "intentions", "contracts", "contractValue"],
                ["id": integer, "title": string, "heldOn": date, "partner": string, "registered": integer, "attended": integer, "intentions": integer,
                 "contracts": integer, "contractValue": money])],
            "EventIn": object(["title", "heldOn", "partner"], ["title": ["type": "string", "minLength": 1, "maxLength": 200], "heldOn": date,
                                                             "partner": ["type": "string", "minLength": 1, "maxLength": 200]], closed: true),
            "EventRegistration": object(["uscc"], ["uscc": usccPattern], closed: true),
            "EventStageIn": object(["stage"], ["stage": ["type": "string", "enum": EventStage.allCases.map(\.rawValue)],
                                               "intention": ["type": "string", "minLength": 1, "maxLength": 200], "contract": money], closed: true),
            "CallIn": object(["programme", "title", "opens", "closes", "budget", "reviewers", "cityQuota"], [
                "programme": ["type": "string", "minLength": 1, "maxLength": 64], "title": ["type": "string", "minLength": 1, "maxLength": 200],
                "opens": date, "closes": date, "budget": money, "reviewers": ["type": "integer", "minimum": 1, "maximum": 9],
                "cityQuota": ["type": "integer", "minimum": 0, "maximum": 1000], "budgetLine": ["type": "string", "minLength": 1, "maxLength": 64]], closed: true),
            "ChiefNeedIn": object(["round", "uscc", "field", "problem"], [
                "round": ["type": "string", "minLength": 1, "maxLength": 20], "uscc": usccPattern, "field": ["type": "string", "minLength": 1, "maxLength": 50],
                "problem": ["type": "string", "minLength": 10, "maxLength": 2000], "channel": ["type": "string", "enum": ChiefNeed.Channel.allCases.map(\.rawValue)]],
                closed: true),
            "ExpertIn": object(["id", "name", "fields", "capacity"], [
                "id": ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"], "name": ["type": "string", "minLength": 1, "maxLength": 200],
                "institution": ["type": "string", "minLength": 1, "maxLength": 200], "fields": tags, "keywords": ["type": "array", "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 50]],
                "capacity": ["type": "integer", "minimum": 1, "maximum": 50], "recommendedBy": ["type": "string", "minLength": 1, "maxLength": 200],
                "chief": ["type": "boolean"], "declaredInterests": ["type": "array", "maxItems": 20, "items": ["type": "string", "minLength": 1, "maxLength": 50]]],
                closed: true),
            "PlatformIn": object(["uscc", "name", "kind", "level", "recognisedOn"], [
                "uscc": usccPattern, "name": ["type": "string", "minLength": 1, "maxLength": 200], "kind": ["type": "string", "minLength": 1, "maxLength": 50],
                "level": ["type": "string", "enum": InstitutionLevel.allCases.map(\.rawValue)], "recognisedOn": date], closed: true),
            "TalentIn": object(["name", "category", "since"], [
                "name": ["type": "string", "minLength": 1, "maxLength": 50], "category": ["type": "string", "enum": TalentCategory.allCases.map(\.rawValue)],
                "uscc": usccPattern, "since": date, "field": ["type": "string", "minLength": 1, "maxLength": 50],
                "level": ["type": "string", "enum": InstitutionLevel.allCases.map(\.rawValue)]], closed: true),
            "ChiefAcceptance": object(["side"], ["side": ["type": "string", "enum": ["firm", "expert"]]], closed: true),
        ]
    }
}
