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
        let byYear = YearIndex(years: input.years)
        let latest = byYear[Y]
        var checks: [Check] = []
        checks.reserveCapacity(7)

        let registered = input.registeredOn.map { $0.days(until: input.asOf) >= r.minRegisteredDays }
        checks.append(Check(id: "highTech.registeredOneYear", status: Check.holds(registered), basis: b, article: " (一)"))

        // Class-II IP supports one application only (工作指引); class-I may be used again.
        // Unstated attributes count against the firm for what is certain and for it for what is possible.
        let ip = IPTally(input.ip), ipAtMost = IPTally(input.ip, optimistic: true)
        checks.append(Check(id: "highTech.coreIP", status: ip.anyUsable ? .met : ipAtMost.anyUsable ? .unknown : .unmet, basis: b, article: " (二)"))

        var stShare: Fraction?
        if let e = latest?.employees, let s = latest?.stStaff, e > 0 { stShare = Fraction(Int64(s), Int64(e)) }
        checks.append(Check(id: "highTech.stStaffShare", status: Check.holds(stShare.map { $0 >= r.minStStaffShare }),
                            value: stShare.map(Check.Value.ratio), required: .ratio(r.minStStaffShare), basis: b, article: " (四)"))

        // The R&D window (第十一条（五）; assessment-v1.md, revised 2026-12): the fiscal years
        // Y−2…Y, less those before the year of registration (实际经营期不满三年的按实际经营时间计算).
        // Every year of the window must be on record: one good year never stands in for three, so
        // a missing year leaves the intensity and the domestic share unknown, with no value.
        let firstYear = max(Y - r.rdWindowYears + 1, input.registeredOn?.year ?? Y - r.rdWindowYears + 1)
        var complete = firstYear <= Y, domesticKnown = true
        var rdSum: Int64 = 0, salesSum: Int64 = 0, domesticSum: Int64 = 0
        for year in firstYear...max(firstYear, Y) {
            guard let f = byYear[year], let rd = f.rdExpense, let sales = f.salesRevenue else { complete = false; break }
            rdSum += rd.fen; salesSum += sales.fen
            if let d = f.rdExpenseDomestic { domesticSum += d.fen } else { domesticKnown = false }
        }
        let intensity: Fraction? = complete && salesSum > 0 ? Fraction(rdSum, salesSum) : nil
        let required = latest?.salesRevenue.map(r.requiredRdIntensity(latestSales:))
        checks.append(Check(id: "highTech.rdIntensity", status: Check.holds(intensity.flatMap { i in required.map { i >= $0 } }),
                            value: intensity.map(Check.Value.ratio), required: required.map(Check.Value.ratio), basis: b, article: " (五)"))

        let domestic: Fraction? = complete && domesticKnown && rdSum > 0 ? Fraction(domesticSum, rdSum) : nil
        checks.append(Check(id: "highTech.domesticRdShare", status: Check.holds(domestic.map { $0 >= r.minDomesticRdShare }),
                            value: domestic.map(Check.Value.ratio), required: .ratio(r.minDomesticRdShare), basis: b, article: " (五)"))

        var hiTech: Fraction?
        if let h = latest?.highTechRevenue, let t = latest?.totalIncome, t.fen > 0 { hiTech = Fraction(h.fen, t.fen) }
        checks.append(Check(id: "highTech.highTechRevenueShare", status: Check.holds(hiTech.map { $0 >= r.minHighTechRevenueShare }),
                            value: hiTech.map(Check.Value.ratio), required: .ratio(r.minHighTechRevenueShare), basis: b, article: " (六)"))

        checks.append(Check(id: "highTech.noIncident", status: Check.holds(input.compliance.seriousIncidentLastYear.map { !$0 }), basis: b, article: " (八)"))

        let range = scoreRange(input, ip: ip, ipAtMost: ipAtMost, byYear: byYear, rules: r)
        let verdict: HighTechResult.Verdict = checks.contains { $0.status == .unmet } ? .ineligible
            : range.max < r.passScore ? .unlikely : range.min >= r.passScore ? .likely : .possible
        return HighTechResult(conditions: checks, scoreRange: range, verdict: verdict)
    }

    /// The four blocks as ranges. Expert-judged items span their whole scale; what the data
    /// decides (IP quantity, conversions, growth) narrows to its band.
    static func scoreRange(_ input: HighTechInput, ip tally: IPTally, ipAtMost: IPTally, byYear: YearIndex, rules r: HighTechRules) -> PointRange {
        let Y = input.evaluationYear
        let sc = r.scale
        // IP (30): quantity band from the data; advancement, core support and acquisition by experts.
        // The low end from what is stated, the high end with unstated attributes favourable.
        func ipPoints(_ tally: IPTally) -> PointRange {
            let quantity = tally.usableClassI > 0 ? sc.classIQuantity : sc.classIIQuantity.first { tally.usableClassII >= $0.count }?.points ?? .zero
            let acquisition = tally.usableSelfDeveloped ? sc.acquisitionOwnRD : sc.acquisitionTransferOnly
            let sum = quantity + (tally.anyUsable ? sc.advancement + sc.coreSupport + acquisition : .zero)
                + (input.standardsLed.isEmpty ? .zero : sc.standardsBonus)
            return PointRange(min(sum.min, sc.ipCap), min(sum.max, sc.ipCap))
        }
        let ip = PointRange(ipPoints(tally).min, ipPoints(ipAtMost).max)

        // Conversion (30): average conversions per year over the last three years (or fewer).
        var known = 0, total = 0
        for year in Y - 2...Y { if let c = byYear[year]?.conversions { known += 1; total += c } }
        let conversion: PointRange
        if known == 0 {
            conversion = sc.conversionUnknown
        } else {
            let avg = Fraction(Int64(total), Int64(known))
            conversion = r.conversionBands.first { avg >= $0.atLeast }.map { PointRange($0.min, $0.max) } ?? .zero
        }

        // Organisation and management (20): experts only.
        let management = sc.management

        // Growth (20): net assets and sales, each 0–10; unknown → the whole range.
        func growth(_ value: (FiscalYearFacts) -> Money?) -> PointRange {
            let x1 = byYear[Y - 2].flatMap(value), x2 = byYear[Y - 1].flatMap(value), x3 = byYear[Y].flatMap(value)
            guard x2 != nil, x3 != nil else { return sc.growthUnknown }
            return Growth.points(Growth.rate(x1, x2, x3), bands: r.growthBands)
        }
        let netAssets = growth { f in
            guard let a = f.totalAssets, let l = f.totalLiabilities else { return nil }
            return a - l
        }
        let sales = growth(\.salesRevenue)
        return ip + conversion + management + netAssets + sales
    }
}
