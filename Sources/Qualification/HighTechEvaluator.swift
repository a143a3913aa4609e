import Foundation
import Kernel
import Registry

public struct HighTechInput: Sendable {
    public var evaluationYear: Int
    public var asOf: LocalDate
    public var registeredOn: LocalDate?
    public var years: [FiscalYearFacts]
    public var ip: [IPItem]
    public var standardsLed: [StandardLed]
    public var compliance: Compliance

    public init(evaluationYear: Int, asOf: LocalDate, registeredOn: LocalDate?, years: [FiscalYearFacts], ip: [IPItem] = [],
                standardsLed: [StandardLed] = [], compliance: Compliance = Compliance()) {
        self.evaluationYear = evaluationYear; self.asOf = asOf; self.registeredOn = registeredOn; self.years = years
        self.ip = ip; self.standardsLed = standardsLed; self.compliance = compliance
    }
}

public struct HighTechResult: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable { case ineligible, unlikely, possible, likely }
    public var conditions: [Check]
    public var scoreRange: PointRange
    public var verdict: Verdict
}

/// 高新技术企业 pre-screen: conditions 一, 二, 四, 五, 六, 八 of 第十一条 (三, the technical field, needs
/// the experts) and the innovation score as a range. It never claims a pass the experts decide.
public enum HighTechEvaluator {
    public static func evaluate(_ input: HighTechInput, rules r: HighTechRules) -> HighTechResult {
        let b = HighTechRules.basisConditions
        let Y = input.evaluationYear
        let byYear = Dictionary(input.years.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = byYear[Y]
        var checks: [Check] = []

        let registered = input.registeredOn.map { $0.days(until: input.asOf) >= r.minRegisteredDays }
        checks.append(Check(id: "highTech.registeredOneYear", status: Check.holds(registered), basis: b + " (一)"))

        let related = input.ip.filter { $0.valid && $0.relatedToMainProduct }
        // Class-II IP supports one application only (工作指引); class-I may be used again.
        let usable = related.filter { $0.kind.isClassI || !$0.usedInHighTechApplication }
        checks.append(Check(id: "highTech.coreIP", status: usable.isEmpty ? .unmet : .met, basis: b + " (二)"))

        var stShare: Fraction?
        if let e = latest?.employees, let s = latest?.stStaff, e > 0 { stShare = Fraction(Int64(s), Int64(e)) }
        checks.append(Check(id: "highTech.stStaffShare", status: Check.holds(stShare.map { $0 >= r.minStStaffShare }),
                            value: stShare.map(Check.Value.ratio), required: .ratio(r.minStStaffShare), basis: b + " (四)"))

        // The R&D window: the last three fiscal years, or those since registration; the years
        // with books known count (assessment-v1.md sums "the last three fiscal years, fewer if
        // the enterprise is younger"), and the latest year must be among them.
        let firstYear = max(Y - r.rdWindowYears + 1, input.registeredOn?.year ?? Y - r.rdWindowYears + 1)
        let window = (firstYear...max(firstYear, Y)).compactMap { byYear[$0] }.filter { $0.rdExpense != nil && $0.salesRevenue != nil }
        let latestKnown = window.contains { $0.year == Y }
        let rdSum = window.reduce(Int64(0)) { $0 + ($1.rdExpense?.fen ?? 0) }
        let salesSum = window.reduce(Int64(0)) { $0 + ($1.salesRevenue?.fen ?? 0) }
        let intensity: Fraction? = latestKnown && salesSum > 0 ? Fraction(rdSum, salesSum) : nil
        let required = latest?.salesRevenue.map(r.requiredRdIntensity(latestSales:))
        checks.append(Check(id: "highTech.rdIntensity", status: Check.holds(intensity.flatMap { i in required.map { i >= $0 } }),
                            value: intensity.map(Check.Value.ratio), required: required.map(Check.Value.ratio), basis: b + " (五)"))

        let domesticKnown = latestKnown && window.allSatisfy { $0.rdExpenseDomestic != nil }
        let domesticSum = window.reduce(Int64(0)) { $0 + ($1.rdExpenseDomestic?.fen ?? 0) }
        let domestic: Fraction? = domesticKnown && rdSum > 0 ? Fraction(domesticSum, rdSum) : nil
        checks.append(Check(id: "highTech.domesticRdShare", status: Check.holds(domestic.map { $0 >= r.minDomesticRdShare }),
                            value: domestic.map(Check.Value.ratio), required: .ratio(r.minDomesticRdShare), basis: b + " (五)"))

        var hiTech: Fraction?
        if let h = latest?.highTechRevenue, let t = latest?.totalIncome, t.fen > 0 { hiTech = Fraction(h.fen, t.fen) }
        checks.append(Check(id: "highTech.highTechRevenueShare", status: Check.holds(hiTech.map { $0 >= r.minHighTechRevenueShare }),
                            value: hiTech.map(Check.Value.ratio), required: .ratio(r.minHighTechRevenueShare), basis: b + " (六)"))

        checks.append(Check(id: "highTech.noIncident", status: Check.holds(input.compliance.seriousIncidentLastYear.map { !$0 }), basis: b + " (八)"))

        let range = scoreRange(input, usableIP: usable, byYear: byYear, rules: r)
        let verdict: HighTechResult.Verdict = checks.contains { $0.status == .unmet } ? .ineligible
            : range.max < r.passScore ? .unlikely : range.min >= r.passScore ? .likely : .possible
        return HighTechResult(conditions: checks, scoreRange: range, verdict: verdict)
    }

    /// The four blocks as ranges. Expert-judged items span their whole scale; what the data
    /// decides (IP quantity, conversions, growth) narrows to its band.
    static func scoreRange(_ input: HighTechInput, usableIP: [IPItem], byYear: [Int: FiscalYearFacts], rules r: HighTechRules) -> PointRange {
        let Y = input.evaluationYear
        let sc = r.scale
        // IP (30): quantity band from the data; advancement, core support and acquisition by experts.
        let classI = usableIP.contains { $0.kind.isClassI }
        let classII = usableIP.filter { !$0.kind.isClassI }.count
        let quantity = classI ? sc.classIQuantity : sc.classIIQuantity.first { classII >= $0.count }?.points ?? .zero
        let hasIP = !usableIP.isEmpty
        let acquisition = usableIP.contains { $0.selfDeveloped } ? sc.acquisitionOwnRD : sc.acquisitionTransferOnly
        var ip = quantity + (hasIP ? sc.advancement + sc.coreSupport + acquisition : .zero)
            + (input.standardsLed.isEmpty ? .zero : sc.standardsBonus)
        ip = PointRange(min(ip.min, sc.ipCap), min(ip.max, sc.ipCap))

        // Conversion (30): average conversions per year over the last three years (or fewer).
        let years = (Y - 2...Y).compactMap { byYear[$0]?.conversions }
        let conversion: PointRange
        if years.isEmpty {
            conversion = sc.conversionUnknown
        } else {
            let avg = Fraction(Int64(years.reduce(0, +)), Int64(years.count))
            conversion = r.conversionBands.first { avg >= $0.atLeast }.map { PointRange($0.min, $0.max) } ?? .zero
        }

        // Organisation and management (20): experts only.
        let management = sc.management

        // Growth (20): net assets and sales, each 0–10; unknown → the whole range.
        func growth(_ value: (FiscalYearFacts) -> Money?) -> PointRange {
            let x = (Y - 2...Y).map { byYear[$0].flatMap(value) }
            guard x[1] != nil, x[2] != nil else { return sc.growthUnknown }
            return Growth.points(Growth.rate(x[0], x[1], x[2]), bands: r.growthBands)
        }
        let netAssets = growth { f in
            guard let a = f.totalAssets, let l = f.totalLiabilities else { return nil }
            return a - l
        }
        let sales = growth(\.salesRevenue)
        return ip + conversion + management + netAssets + sales
    }
}
