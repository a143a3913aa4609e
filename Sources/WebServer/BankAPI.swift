import Accounts
import Foundation
import Hummingbird
import InnovationPoints
import Kernel
import Registry
import Services
import Storage

/// Consent and the bank side (issue: innovation points and the bank side): enterprises grant and
/// revoke access and read who looked; bank officers read only what a live consent covers, and
/// every read is logged — denials too.
enum BankAPI {
    struct ConsentIn: Decodable, KnownKeys {
        var bank: String
        var scopes: [String]
        var purpose: String
        var validFrom: String?
        var validTo: String
        static let keys: Set<String> = ["bank", "scopes", "purpose", "validFrom", "validTo"]
    }
    struct ConsentOut: Encodable {
        let id: Int64, bank: String, scopes: [String], purpose: String, validFrom: String, validTo: String
        let grantedAt: String, revokedAt: String?, live: Bool
        init(_ c: Consent, today: LocalDate) {
            id = c.id; bank = c.bank; scopes = c.scopes.sorted().map(\.rawValue); purpose = c.purpose
            validFrom = c.validFrom.description; validTo = c.validTo.description; grantedAt = c.grantedAt; revokedAt = c.revokedAt
            live = c.isLive(on: today)
        }
    }
    struct AccessOut: Encodable {
        let bank: String?, officer: String, at: String, consentID: Int64?, fields: [String], allowed: Bool, reason: String?
        init(_ a: BankAccess) {
            bank = a.bank; officer = a.officer; at = a.at; consentID = a.consentID; fields = a.fields.map(\.rawValue); allowed = a.allowed; reason = a.reason
        }
    }
    struct ConsentsOut: Encodable { let consents: [ConsentOut]; let log: [AccessOut] }
    struct PointsOut: Encodable {
        struct Part: Encodable { let indicator: String; let name: String; let value: Double?; let points: Double }
        let uscc: String, name: String, period: Int, model: String, points: Double, stage: String, rank: Int, stageSize: Int
        let list: String?, pointsShortOfNextList: Double?
        let breakdown: [Part]?
    }

    struct QualificationsOut: Encodable {
        struct Held: Encodable { let kind: String; let name: String; let number: String?; let issuedOn: String; let expiresOn: String?; let valid: Bool }
        let uscc: String, asOf: String
        let designations: [Held]
    }
    struct FiscalOut: Encodable {
        struct Year: Encodable {
            let year: Int, operatingRevenue: API.Yuan?, rdExpense: API.Yuan?, totalAssets: API.Yuan?, totalLiabilities: API.Yuan?, netProfit: API.Yuan?
            let employees: Int?
        }
        let uscc: String
        let years: [Year]
    }

    /// Fiscal years a bank's summary shows: the latest three.
    static let fiscalYearsShown = 3

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.post, "/api/v1/consents", .permission(.grantConsent), doc: APIDoc(
            "Grant a bank access to named data for a purpose and period", id: "grantConsent", request: "ConsentGrant", response: "Consent", status: 201)) { request, context in
            let user = try context.requireUser()
            guard let uscc = user.enterprise else { throw AppError.forbidden }
            let body = try await APIRoutes.decode(ConsentIn.self, request)
            var problems: [Problem] = []
            let scopes = body.scopes.compactMap(Consent.Scope.init(rawValue:))
            if scopes.count != body.scopes.count { problems.append(Problem(path: "scopes", message: "each one of \(Consent.Scope.allCases.map(\.rawValue).joined(separator: ", "))")) }
            let from = body.validFrom.map(LocalDate.init)
            if from == .some(nil) { problems.append(Problem(path: "validFrom", message: "expected YYYY-MM-DD")) }
            let to = LocalDate(body.validTo)
            if to == nil { problems.append(Problem(path: "validTo", message: "expected YYYY-MM-DD")) }
            guard problems.isEmpty, let to else { throw AppError.invalid(problems) }
            let c = try await deps.consents.grant(uscc, bank: body.bank, scopes: Set(scopes), purpose: body.purpose, validFrom: from ?? nil,
                                                 validTo: to, actor: user.actorName)
            return try .json(ConsentOut(c, today: deps.today), status: .created)
        }

        routes.add(.get, "/api/v1/consents", .permission(.grantConsent), doc: APIDoc(
            "Your consents and every bank read of your data", id: "listConsents", response: "Consents")) { _, context in
            let user = try context.requireUser()
            guard let uscc = user.enterprise else { throw AppError.forbidden }
            let (consents, log, _) = try await deps.consents.consents(of: uscc, recent: 200)
            return try .json(ConsentsOut(consents: consents.map { ConsentOut($0, today: deps.today) }, log: log.map(AccessOut.init)))
        }

        routes.add(.delete, "/api/v1/consents/:id", .permission(.grantConsent), doc: APIDoc("Revoke a consent", id: "revokeConsent", status: 204)) { _, context in
            let user = try context.requireUser()
            guard let uscc = user.enterprise else { throw AppError.forbidden }
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("授权 / consent") }
            _ = try await deps.consents.revoke(id, of: uscc, actor: user.actorName)
            return Response(status: .noContent)
        }

        routes.add(.get, "/api/v1/bank/enterprises", .permission(.bankRead), doc: APIDoc(
            "Enterprises that let your bank read their points, with them (each read logged)", id: "listBankEnterprises", response: "BankPointsList")) { _, context in
            let user = try context.requireUser()
            var items: [PointsOut] = []
            for c in try await deps.consents.consenting(officer: user) {
                items.append(try await points(c.uscc, officer: user, breakdown: false, deps))
            }
            return try .json(items)
        }

        routes.add(.get, "/api/v1/bank/enterprises/:uscc/points", .permission(.bankRead), doc: APIDoc(
            "One enterprise's points, and the breakdown when consented (the read is logged)", id: "getBankPoints", response: "BankPoints")) { _, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            let read = try await read(uscc, officer: user, breakdown: true, deps)
            // The body is a function of the published run (which never changes), the firm's
            // name and what the consent lets in; encoding it was a sixth of the read (profiled).
            let key = PointsBodyKey(runID: read.explanation.run.id, uscc: uscc, name: read.explanation.score.name, breakdown: read.includesBreakdown)
            return .json(try deps.pointsBodies.value(key) { try Response.jsonData(out(uscc, read)) })
        }
        registerSummaries(routes)
    }

    static func registerSummaries(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/api/v1/bank/enterprises/:uscc/qualifications", .permission(.bankRead), doc: APIDoc(
            "One enterprise's designations, when it consented to the qualification summary (the read is logged)", id: "getBankQualifications",
            response: "BankQualifications")) { _, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            let r = try await deps.consents.readRecord(uscc, scope: .qualifications, officer: user, registry: deps.registry)
            let asOf = deps.defaultAsOf
            return try .json(QualificationsOut(uscc: uscc.code, asOf: asOf.description, designations: r.designations.map { d in
                .init(kind: d.kind.rawValue, name: d.kind.chineseName, number: d.number, issuedOn: d.issuedOn.description,
                      expiresOn: d.expiresOn?.description, valid: d.isValid(on: asOf))
            }))
        }

        routes.add(.get, "/api/v1/bank/enterprises/:uscc/fiscal", .permission(.bankRead), doc: APIDoc(
            "One enterprise's fiscal summary for its latest three years, when it consented to it (the read is logged)", id: "getBankFiscal",
            response: "BankFiscal")) { _, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            let r = try await deps.consents.readRecord(uscc, scope: .fiscal, officer: user, registry: deps.registry)
            let years = r.fiscalYears.map(\.facts).sorted { $0.year > $1.year }.prefix(fiscalYearsShown)
            return try .json(FiscalOut(uscc: uscc.code, years: years.map { f in
                .init(year: f.year, operatingRevenue: f.operatingRevenue.map(API.Yuan.init), rdExpense: f.rdExpense.map(API.Yuan.init),
                      totalAssets: f.totalAssets.map(API.Yuan.init), totalLiabilities: f.totalLiabilities.map(API.Yuan.init),
                      netProfit: f.netProfit.map(API.Yuan.init), employees: f.employees)
            }))
        }
    }

    /// Renders a bank officer's read of one enterprise's points (the service authorises and logs it).
    static func points(_ uscc: USCC, officer: User, breakdown wanted: Bool, _ deps: AppDependencies) async throws -> PointsOut {
        out(uscc, try await read(uscc, officer: officer, breakdown: wanted, deps))
    }

    static func read(_ uscc: USCC, officer: User, breakdown wanted: Bool, _ deps: AppDependencies) async throws -> BankPointsRead {
        guard let read = try await deps.consents.readPoints(uscc, officer: officer, breakdown: wanted) else {
            throw AppError.notFound("积分 / points")
        }
        return read
    }

    static func out(_ uscc: USCC, _ read: BankPointsRead) -> PointsOut {
        let m = read.explanation.run.model, s = read.explanation.score
        return PointsOut(uscc: uscc.code, name: s.name, period: read.explanation.run.period, model: m.id, points: s.points, stage: m.stages[s.stage].id,
                         rank: s.rank, stageSize: s.stageSize, list: s.list.map { m.lists[$0].id },
                         pointsShortOfNextList: read.explanation.nextList?.pointsShort,
                         breakdown: read.includesBreakdown ? m.indicators.enumerated().map { i, ind in
                             PointsOut.Part(indicator: ind.id, name: ind.chineseName, value: s.inputs[i], points: s.parts[i]) } : nil)
    }
}

/// What a bank's points body is made of (see `getBankPoints`).
struct PointsBodyKey: Hashable, Sendable {
    var runID: Int64
    var uscc: USCC
    var name: String
    var breakdown: Bool
}
