import Accounts
import Foundation
import Kernel
import Registry
import Services
import Storage

/// The JSON API's shapes, separate from the domain so either can change without the other.
/// Money is yuan as a JSON number with at most two decimals (`assessment-v1.md`).
enum API {
    /// An amount in yuan on the wire, fen in memory; decoded exactly through `Decimal`.
    struct Yuan: Codable, Equatable {
        var money: Money
        init(_ money: Money) { self.money = money }
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            let d = try c.decode(Decimal.self)
            guard let fen = ExactDecimal.scaled(d, by: 100, within: Decimal(-9_999_999_999_999_999) / 100...Decimal(9_999_999_999_999_999) / 100) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "an amount in yuan with at most two decimals")
            }
            money = Money(fen: fen)
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(Decimal(money.fen) / 100)
        }
    }

    struct UserOut: Codable {
        var username: String, displayName: String, role: String, enterprise: String?, town: String?, language: String
        init(_ u: User) {
            username = u.username; displayName = u.displayName; role = u.role.rawValue
            enterprise = u.enterprise?.code; town = u.townCode; language = u.language.rawValue
        }
    }

    struct LoginIn: Codable, KnownKeys { var username: String; var password: String
        static let keys: Set<String> = ["username", "password"] }
    struct SessionOut: Codable { var token: String; var expiresAt: String; var user: UserOut }

    struct EnterpriseBody: Codable, KnownKeys {
        var uscc: String?
        var name: String
        var registeredOn: String?
        var townCode: String?
        var industryCode: String?
        var chainTags: [String]?
        var status: String?
        var sme: Bool?
        static let keys: Set<String> = ["uscc", "name", "registeredOn", "townCode", "industryCode", "chainTags", "status", "sme"]

        init(_ e: Enterprise) {
            uscc = e.uscc.code; name = e.name; registeredOn = e.registeredOn?.description; townCode = e.townCode
            industryCode = e.industryCode; chainTags = e.chainTags; status = e.status.rawValue; sme = e.sme
        }

        /// The enterprise this body describes; `uscc` comes from the path on updates.
        func enterprise(uscc path: USCC?) throws(AppError) -> Enterprise {
            var problems: [Problem] = []
            var code: USCC? = path
            if path == nil {
                do { code = try USCC(uscc ?? "") } catch { problems.append(Problem(path: "uscc", message: error.description)) }
            } else if let uscc, uscc != path?.code {
                problems.append(Problem(path: "uscc", message: "does not match the USCC in the path"))
            }
            var date: LocalDate?
            if let registeredOn { date = LocalDate(registeredOn); if date == nil { problems.append(Problem(path: "registeredOn", message: "expected YYYY-MM-DD")) } }
            var st = EnterpriseStatus.active
            if let status { if let s = EnterpriseStatus(rawValue: status) { st = s } else { problems.append(Problem(path: "status", message: "one of active, relocated, deregistered")) } }
            guard let code, problems.isEmpty else { throw .invalid(problems) }
            let e = Enterprise(uscc: code, name: name.trimmingCharacters(in: .whitespaces), registeredOn: date, townCode: townCode,
                               industryCode: industryCode, chainTags: Array(Set(chainTags ?? [])).sorted(), status: st, sme: sme)
            let more = e.problems()
            guard more.isEmpty else { throw .invalid(more) }
            return e
        }
    }

    struct FiscalYearBody: Codable, KnownKeys {
        var year: Int?
        var employees: Int?, stStaff: Int?, rdStaff: Int?
        var salesRevenue: Yuan?, operatingRevenue: Yuan?, mainBusinessRevenue: Yuan?, totalIncome: Yuan?, highTechRevenue: Yuan?
        var totalCostAndExpense: Yuan?, rdExpense: Yuan?, rdExpenseDomestic: Yuan?, totalAssets: Yuan?, totalLiabilities: Yuan?
        var netProfit: Yuan?
        var conversions: Int?
        var source: String?
        var recordedAt: String?
        /// A firm's proof for its declaration (required from firms, ignored from staff).
        var evidence: String?
        /// Out only: "verified", or "pending" for a firm's declaration awaiting a reviewer (issue 19, item 1).
        var verification: String?
        var declarationId: Int64?
        static let keys: Set<String> = ["year", "employees", "stStaff", "rdStaff", "salesRevenue", "operatingRevenue", "mainBusinessRevenue",
                                        "totalIncome", "highTechRevenue", "totalCostAndExpense", "rdExpense", "rdExpenseDomestic",
                                        "totalAssets", "totalLiabilities", "netProfit", "conversions", "evidence"]

        init(_ s: StampedFiscalYear) {
            let f = s.facts
            year = f.year; employees = f.employees; stStaff = f.stStaff; rdStaff = f.rdStaff
            salesRevenue = f.salesRevenue.map(Yuan.init); operatingRevenue = f.operatingRevenue.map(Yuan.init)
            mainBusinessRevenue = f.mainBusinessRevenue.map(Yuan.init); totalIncome = f.totalIncome.map(Yuan.init)
            highTechRevenue = f.highTechRevenue.map(Yuan.init); totalCostAndExpense = f.totalCostAndExpense.map(Yuan.init)
            rdExpense = f.rdExpense.map(Yuan.init); rdExpenseDomestic = f.rdExpenseDomestic.map(Yuan.init)
            totalAssets = f.totalAssets.map(Yuan.init); totalLiabilities = f.totalLiabilities.map(Yuan.init)
            netProfit = f.netProfit.map(Yuan.init); conversions = f.conversions
            source = s.source.rawValue; recordedAt = s.recordedAt; verification = "verified"
        }

        init(_ d: FiscalYearDeclaration) {
            self.init(StampedFiscalYear(facts: d.facts, source: .declared, recordedAt: d.declaredAt))
            evidence = d.evidence; verification = d.status == .confirmed ? "verified" : d.status.rawValue; declarationId = d.id
        }

        func facts(year pathYear: Int) throws(AppError) -> FiscalYearFacts {
            if let year, year != pathYear { throw .invalid([Problem(path: "year", message: "does not match the year in the path")]) }
            let f = FiscalYearFacts(year: pathYear, employees: employees, stStaff: stStaff, rdStaff: rdStaff,
                                    salesRevenue: salesRevenue?.money, operatingRevenue: operatingRevenue?.money,
                                    mainBusinessRevenue: mainBusinessRevenue?.money, totalIncome: totalIncome?.money,
                                    highTechRevenue: highTechRevenue?.money, totalCostAndExpense: totalCostAndExpense?.money,
                                    rdExpense: rdExpense?.money, rdExpenseDomestic: rdExpenseDomestic?.money, totalAssets: totalAssets?.money,
                                    totalLiabilities: totalLiabilities?.money, netProfit: netProfit?.money, conversions: conversions)
            let problems = f.problems(at: "")
            guard problems.isEmpty else { throw .invalid(problems) }
            return f
        }
    }

    struct DesignationBody: Codable, KnownKeys {
        var kind: String
        var number: String?
        var issuedOn: String
        var expiresOn: String?
        var level: String?
        var batch: String?
        var revokedOn: String?
        var revokedFor: String?
        var valid: Bool?
        static let keys: Set<String> = ["kind", "number", "issuedOn", "expiresOn", "level", "batch", "revokedOn", "revokedFor"]

        init(_ d: Designation, today: LocalDate) {
            kind = d.kind.rawValue; number = d.number; issuedOn = d.issuedOn.description; expiresOn = d.expiresOn?.description
            level = d.level.rawValue; batch = d.batch; revokedOn = d.revokedOn?.description; revokedFor = d.revokedFor?.rawValue
            valid = d.isValid(on: today)
        }

        func designation() throws(AppError) -> Designation {
            var problems: [Problem] = []
            let k = DesignationKind(rawValue: kind)
            if k == nil { problems.append(Problem(path: "kind", message: "one of \(DesignationKind.allCases.map(\.rawValue).joined(separator: ", "))")) }
            func date(_ v: String?, _ path: String) -> LocalDate? {
                guard let v else { return nil }
                guard let d = LocalDate(v) else { problems.append(Problem(path: path, message: "expected YYYY-MM-DD")); return nil }
                return d
            }
            let issued = date(issuedOn, "issuedOn"), expires = date(expiresOn, "expiresOn"), revoked = date(revokedOn, "revokedOn")
            var lvl: DesignationLevel?
            if let level { lvl = DesignationLevel(rawValue: level); if lvl == nil { problems.append(Problem(path: "level", message: "one of national, municipal, district")) } }
            if let issued, let expires, expires < issued { problems.append(Problem(path: "expiresOn", message: "before issuedOn")) }
            var reason: RevocationReason?
            if let revokedFor {
                reason = RevocationReason(rawValue: revokedFor)
                if reason == nil { problems.append(Problem(path: "revokedFor", message: "one of falsification, other")) }
                if revoked == nil { problems.append(Problem(path: "revokedFor", message: "only with revokedOn")) }
            }
            guard let k, let issued, problems.isEmpty else { throw .invalid(problems) }
            return Designation(kind: k, number: number, issuedOn: issued, expiresOn: expires, level: lvl, batch: batch, revokedOn: revoked,
                               revokedFor: reason)
        }
    }

    struct ListItemOut: Codable { var enterprise: EnterpriseBody; var designations: [String] }
    struct ListOut: Codable { var items: [ListItemOut]; var total: Int; var page: Int; var pageSize: Int }
    struct HistoryOut: Codable { var at: String; var actor: String; var subject: String; var before: String?; var after: String? }
    struct RecordOut: Codable {
        var enterprise: EnterpriseBody
        var fiscalYears: [FiscalYearBody]
        var designations: [DesignationBody]
        var history: [HistoryOut]
    }
}

/// Bodies that name their fields, so unknown ones (usually typos) are refused, not ignored.
protocol KnownKeys { static var keys: Set<String> { get } }

/// Any key of a JSON object, to list what a nested object carries.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

extension KnownKeys {
    /// Nested objects refuse unknown fields too (`APIRoutes.decode` checks the top level); the
    /// problem's path names the field, e.g. `milestones[0].extra`.
    static func refuseUnknownKeys(_ decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        if let key = container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }).first(where: { !keys.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: "unknown field"))
        }
    }
}
