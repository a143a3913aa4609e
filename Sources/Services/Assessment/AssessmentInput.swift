import Foundation
import Kernel
import Qualification
import Registry
import Storage

/// Reads the contract's JSON strictly: unknown fields are errors (usually typos), every problem is
/// reported with its JSON path, and a missing optional field means "not known".
public enum AssessmentInput {
    public struct Invalid: Error, Sendable { public let problems: [Problem] }

    public static func parse(_ data: Data) -> Result<AssessmentFacts, Invalid> {
        guard let root = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            return .failure(Invalid(problems: [Problem(path: "", message: "the input must be a JSON object")]))
        }
        var r = Reader()
        let facts = r.facts(root)
        guard r.problems.isEmpty, let facts else { return .failure(Invalid(problems: r.problems)) }
        return .success(facts)
    }

    struct Reader {
        var problems: [Problem] = []

        mutating func fail(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }

        /// JSON true/false: Foundation bridges 0 and 1 to Bool as well, so ask the number's type.
        func isBool(_ v: Any) -> Bool {
            guard let n = v as? NSNumber else { return false }
            return String(cString: n.objCType) == "c"
        }

        mutating func object(_ value: Any?, _ path: String, keys: Set<String>) -> [String: Any]? {
            guard let value else { return nil }
            guard let o = value as? [String: Any] else { fail(path, "must be an object"); return nil }
            for k in o.keys.sorted() where !keys.contains(k) { fail(path.isEmpty ? k : "\(path).\(k)", "unknown field") }
            return o
        }

        mutating func array(_ value: Any?, _ path: String) -> [Any] {
            guard let value, !(value is NSNull) else { return [] }
            guard let a = value as? [Any] else { fail(path, "must be an array"); return [] }
            return a
        }

        mutating func int(_ o: [String: Any], _ key: String, _ path: String, min: Int = 0) -> Int? {
            guard let v = o[key], !(v is NSNull) else { return nil }
            guard let n = v as? NSNumber, !isBool(v), let i = Int(n.stringValue) ?? Int(exactly: n.doubleValue),
              !n.stringValue.contains("e") else { fail(path + key, "must be a whole number"); return nil }
            guard i >= min else { fail(path + key, "must be >= \(min)"); return nil }
            return i
        }

        mutating func money(_ o: [String: Any], _ key: String, _ path: String, allowNegative: Bool = false) -> Money? {
            guard let v = o[key], !(v is NSNull) else { return nil }
            guard let n = v as? NSNumber, !isBool(v) else { fail(path + key, "must be an amount in yuan"); return nil }
            // JSONSerialization keeps integers exact; decimals arrive as Double, whose shortest
            // text round-trips ("4200000.5"), and Money refuses more than two decimals.
            let text = n.stringValue
            guard let m = try? Money(yuanText: text) else { fail(path + key, "must be yuan with at most two decimals"); return nil }
            guard allowNegative || m.fen >= 0 else { fail(path + key, "must be >= 0"); return nil }
            return m
        }

        mutating func bool(_ o: [String: Any], _ key: String, _ path: String) -> Bool? {
            guard let v = o[key], !(v is NSNull) else { return nil }
            guard isBool(v), let b = v as? Bool else { fail(path + key, "must be true or false"); return nil }
            return b
        }

        mutating func string(_ o: [String: Any], _ key: String, _ path: String) -> String? {
            guard let v = o[key], !(v is NSNull) else { return nil }
            guard let s = v as? String else { fail(path + key, "must be a string"); return nil }
            return s
        }

        mutating func date(_ o: [String: Any], _ key: String, _ path: String) -> LocalDate? {
            guard let s = string(o, key, path) else { return nil }
            guard let d = LocalDate(s) else { fail(path + key, "must be a date YYYY-MM-DD"); return nil }
            return d
        }

        mutating func enumValue<E: RawRepresentable & CaseIterable>(_ o: [String: Any], _ key: String, _ path: String) -> E? where E.RawValue == String {
            guard let s = string(o, key, path) else { return nil }
            guard let e = E(rawValue: s) else {
                fail(path + key, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
            }
            return e
        }

        mutating func facts(_ root: [String: Any]) -> AssessmentFacts? {
            let top: Set<String> = ["uscc", "name", "registeredOn", "asOf", "evaluationYear", "sme", "fiscalYears", "ip", "designations",
                                    "compliance", "awards", "rdInstitutions", "standardsLed", "equityFinancing", "yearsInNiche", "strategicEmergingIndustry"]
            guard let o = object(root, "", keys: top) else { return nil }
            var uscc: USCC?
            if let s = string(o, "uscc", "") {
                do { uscc = try USCC(s) } catch { fail("uscc", error.description) }
            } else { fail("uscc", "is required") }
            let asOf = date(o, "asOf", "")
            if o["asOf"] == nil { fail("asOf", "is required") }
            let evaluationYear = int(o, "evaluationYear", "", min: 1949)
            let fiscalKeys: Set<String> = ["year", "employees", "stStaff", "rdStaff", "salesRevenue", "operatingRevenue", "mainBusinessRevenue",
                                           "totalIncome", "highTechRevenue", "totalCostAndExpense", "rdExpense", "rdExpenseDomestic",
                                           "totalAssets", "totalLiabilities", "netProfit", "conversions"]
            var years: [FiscalYearFacts] = []
            for (i, item) in array(o["fiscalYears"], "fiscalYears").enumerated() {
                let p = "fiscalYears[\(i)]."
                guard let y = object(item, "fiscalYears[\(i)]", keys: fiscalKeys) else { continue }
                guard let year = int(y, "year", p, min: 1949) else { if y["year"] == nil { fail(p + "year", "is required") }; continue }
                let f = FiscalYearFacts(
                    year: year, employees: int(y, "employees", p), stStaff: int(y, "stStaff", p), rdStaff: int(y, "rdStaff", p),
                    salesRevenue: money(y, "salesRevenue", p), operatingRevenue: money(y, "operatingRevenue", p),
                    mainBusinessRevenue: money(y, "mainBusinessRevenue", p), totalIncome: money(y, "totalIncome", p),
                    highTechRevenue: money(y, "highTechRevenue", p), totalCostAndExpense: money(y, "totalCostAndExpense", p),
                    rdExpense: money(y, "rdExpense", p), rdExpenseDomestic: money(y, "rdExpenseDomestic", p),
                    totalAssets: money(y, "totalAssets", p), totalLiabilities: money(y, "totalLiabilities", p),
                    netProfit: money(y, "netProfit", p, allowNegative: true), conversions: int(y, "conversions", p))
                for problem in f.problems(at: "fiscalYears[\(i)]") where !problems.contains(where: { $0.path == problem.path }) { problems.append(problem) }
                if years.contains(where: { $0.year == year }) { fail(p + "year", "\(year) appears twice") }
                years.append(f)
            }
            if years.isEmpty && !problems.contains(where: { $0.path.hasPrefix("fiscalYears") }) { fail("fiscalYears", "at least one fiscal year is required") }

            var ip: [IPItem] = []
            let ipKeys: Set<String> = ["kind", "valid", "relatedToMainProduct", "selfDeveloped", "highValue", "usedInHighTechApplication"]
            for (i, item) in array(o["ip"], "ip").enumerated() {
                let p = "ip[\(i)]."
                guard let x = object(item, "ip[\(i)]", keys: ipKeys) else { continue }
                if string(x, "kind", p) == "trademark" { fail(p + "kind", "trademarks are not IP for these rules"); continue }
                guard let kind: IPKind = enumValue(x, "kind", p) else { if x["kind"] == nil { fail(p + "kind", "is required") }; continue }
                // Absent is unknown, never favourable (assessment-v1.md, revised 2026-12): it earns
                // nothing, and only the most the item could earn counts it.
                let valid = bool(x, "valid", p), related = bool(x, "relatedToMainProduct", p), own = bool(x, "selfDeveloped", p)
                let unknown = Set([(IPAttribute.valid, valid), (.relatedToMainProduct, related), (.selfDeveloped, own)].filter { $0.1 == nil }.map(\.0))
                ip.append(IPItem(kind: kind, valid: valid ?? false, relatedToMainProduct: related ?? false,
                                 selfDeveloped: own ?? false, highValue: bool(x, "highValue", p) ?? false,
                                 usedInHighTechApplication: bool(x, "usedInHighTechApplication", p) ?? false, unknown: unknown))
            }
            var designations: [Designation] = []
            for (i, item) in array(o["designations"], "designations").enumerated() {
                let p = "designations[\(i)]."
                // revokedOn and revokedFor extend the contract's designation (optional, so every
                // v1 input stays valid): the sanctions of 国科火字〔2022〕67号 read them.
                guard let x = object(item, "designations[\(i)]", keys: ["kind", "number", "issuedOn", "expiresOn", "revokedOn", "revokedFor"]) else { continue }
                guard let kind: DesignationKind = enumValue(x, "kind", p), let issued = date(x, "issuedOn", p) else {
                    if x["issuedOn"] == nil { fail(p + "issuedOn", "is required") }
                    continue
                }
                let revoked = date(x, "revokedOn", p)
                let reason: RevocationReason? = enumValue(x, "revokedFor", p)
                if reason != nil && revoked == nil { fail(p + "revokedFor", "only with revokedOn") }
                designations.append(Designation(kind: kind, number: string(x, "number", p), issuedOn: issued,
                                                expiresOn: date(x, "expiresOn", p) ?? DesignationValidity.expiry(of: kind, issuedOn: issued),
                                                revokedOn: revoked, revokedFor: reason))
            }
            var compliance = Compliance()
            if let c = object(o["compliance"], "compliance", keys: ["residentEnterprise", "taxOnBooks", "restrictedIndustry", "seriousIncidentLastYear", "dishonestList", "abnormalOperationList"]) {
                let p = "compliance."
                compliance = Compliance(residentEnterprise: bool(c, "residentEnterprise", p), taxOnBooks: bool(c, "taxOnBooks", p),
                                        restrictedIndustry: bool(c, "restrictedIndustry", p), seriousIncidentLastYear: bool(c, "seriousIncidentLastYear", p),
                                        dishonestList: bool(c, "dishonestList", p), abnormalOperationList: bool(c, "abnormalOperationList", p))
            }
            var awards: [Award] = []
            for (i, item) in array(o["awards"], "awards").enumerated() {
                let p = "awards[\(i)]."
                guard let x = object(item, "awards[\(i)]", keys: ["level", "year", "rank"]), let level: AwardLevel = enumValue(x, "level", p),
                      let year = int(x, "year", p, min: 1949) else { continue }
                awards.append(Award(level: level, year: year, rank: int(x, "rank", p, min: 1)))
            }
            var institutions: [RDInstitution] = []
            for (i, item) in array(o["rdInstitutions"], "rdInstitutions").enumerated() {
                guard let x = object(item, "rdInstitutions[\(i)]", keys: ["level"]), let level: InstitutionLevel = enumValue(x, "level", "rdInstitutions[\(i)].") else { continue }
                institutions.append(RDInstitution(level: level))
            }
            var standards: [StandardLed] = []
            for (i, item) in array(o["standardsLed"], "standardsLed").enumerated() {
                let p = "standardsLed[\(i)]."
                guard let x = object(item, "standardsLed[\(i)]", keys: ["level", "year"]), let level: StandardLevel = enumValue(x, "level", p),
                      let year = int(x, "year", p, min: 1949) else { continue }
                standards.append(StandardLed(level: level, year: year))
            }
            var equity: [EquityFinancing] = []
            for (i, item) in array(o["equityFinancing"], "equityFinancing").enumerated() {
                let p = "equityFinancing[\(i)]."
                guard let x = object(item, "equityFinancing[\(i)]", keys: ["date", "amount", "qualifiedInvestor"]), let d = date(x, "date", p),
                      let amount = money(x, "amount", p) else { continue }
                equity.append(EquityFinancing(date: d, amount: amount, qualifiedInvestor: bool(x, "qualifiedInvestor", p) ?? false))
            }
            guard let uscc, let asOf else { return nil }
            return AssessmentFacts(
                uscc: uscc, name: string(o, "name", ""), registeredOn: date(o, "registeredOn", ""), asOf: asOf,
                evaluationYear: evaluationYear ?? asOf.year - 1, sme: bool(o, "sme", ""), fiscalYears: years.sorted { $0.year < $1.year },
                ip: ip, designations: designations, compliance: compliance, awards: awards, rdInstitutions: institutions,
                standardsLed: standards, equityFinancing: equity, yearsInNiche: int(o, "yearsInNiche", ""),
                strategicEmergingIndustry: bool(o, "strategicEmergingIndustry", ""))
        }
    }
}


extension AssessmentFacts {
    /// The facts of a stored enterprise, for assessing it from its record.
    public init(record: EnterpriseRecord, asOf: LocalDate) {
        self.init(source: AssessmentSource(enterprise: record.enterprise, fiscalYears: record.fiscalYears.map(\.facts),
                                           designations: record.designations, evidence: record.evidence), asOf: asOf)
    }
}
