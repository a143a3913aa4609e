import Foundation
import Kernel
import Registry

/// 专精特新中小企业 (工信部企业〔2022〕63号 附件2; rules.md §6.2): the recognition conditions and
/// the 100-point self-assessment. Items the data cannot show (digitalisation, quality management,
/// the field of the leading product, the province's 15 local points) earn nothing here and are
/// reported as `unknown`, so the score is a floor the experts can only raise.
public struct SpecializedSMERules: Sendable, Hashable, Codable {
    public var minNicheYears: Int
    public var minRdExpense: Money
    public var minRdToRevenue: Fraction
    public var minOperatingRevenue: Money
    public var minEquityIfSmallRevenue: Money
    public var passScore: Int
    public var minAverageRdForDirect: Money
    public var minEquityForDirect: Money
    public var nationalAwardTopRank: Int
    public var provincialAwardTopRank: Int
    public var mainShare: BandTable
    public var mainGrowth: BandTable
    public var netMargin: BandTable
    public var rdStaffShare: BandTable
    /// Debt ratio below each edge earns the points (lower is better).
    public var debtBelow: [RangeLimit]
    public var rdAmounts: [Money]
    public var rdAmountPoints: [Int]
    public var rdShare: BandTable
    public var institutionPoints: [InstitutionLevel: Int]
    public var ipHighValue: Int, ipSelfDeveloped: Int, ipClassI: Int, ipClassII: Int
    public var nichePointsPerTwoYears: Int, maxNichePoints: Int
    /// What the four items judged on evidence can earn together (field of the leading product 5,
    /// digitalisation 5, quality management 5, the province's local indicators 15; rules.md §6.2):
    /// never scored here, always part of what the score could still reach.
    public var evidencePoints: Int = 30

    public static let basis: StaticString = "工信部企业〔2022〕63号 附件2 专精特新中小企业认定标准"

    public static let cn2022 = SpecializedSMERules(
        minNicheYears: 2, minRdExpense: Money(yuan: 1_000_000), minRdToRevenue: .percent(3), minOperatingRevenue: Money(yuan: 10_000_000),
        minEquityIfSmallRevenue: Money(yuan: 20_000_000), passScore: 60, minAverageRdForDirect: Money(yuan: 10_000_000),
        minEquityForDirect: Money(yuan: 60_000_000), nationalAwardTopRank: 5, provincialAwardTopRank: 3,
        mainShare: BandTable(percent: [(80, 5), (70, 3), (60, 1)], basis: basis.description + " 专业化"),
        mainGrowth: BandTable([.init(atLeast: .percent(10), points: 10), .init(atLeast: .percent(8), points: 8), .init(atLeast: .percent(6), points: 6),
                               .init(atLeast: .percent(4), points: 4), .init(atLeast: Fraction(0, 1), points: 2)], basis: basis.description + " 专业化"),
        netMargin: BandTable(percent: [(10, 10), (8, 8), (6, 6), (4, 4), (2, 2)], basis: basis.description + " 精细化"),
        rdStaffShare: BandTable(percent: [(20, 5), (10, 3), (5, 1)], basis: basis.description + " 创新能力 [R]"),
        debtBelow: [RangeLimit(below: .percent(50), points: 5), RangeLimit(below: .percent(60), points: 3), RangeLimit(below: .percent(70), points: 1)],
        rdAmounts: [Money(yuan: 5_000_000), Money(yuan: 4_000_000), Money(yuan: 3_000_000), Money(yuan: 2_000_000), Money(yuan: 1_000_000)],
        rdAmountPoints: [10, 8, 6, 4, 2],
        rdShare: BandTable(percent: [(10, 10), (8, 8), (6, 6), (4, 4), (3, 2)], basis: basis.description + " 创新能力"),
        institutionPoints: [.national: 10, .provincial: 8, .municipal: 4, .district: 2],
        ipHighValue: 10, ipSelfDeveloped: 8, ipClassI: 6, ipClassII: 2, nichePointsPerTwoYears: 1, maxNichePoints: 5)

}

/// Points for a value strictly below an edge (lower is better).
public struct RangeLimit: Sendable, Hashable, Codable {
    public let below: Fraction
    public let points: Int
    public init(below: Fraction, points: Int) { self.below = below; self.points = points }
}

public struct SpecializedSMEInput: Sendable {
    public var evaluationYear: Int
    public var asOf: LocalDate
    public var sme: Bool?
    public var years: [FiscalYearFacts]
    public var yearsInNiche: Int?
    public var ip: [IPItem]
    public var awards: [Award]
    public var rdInstitutions: [RDInstitution]
    public var equityFinancing: [EquityFinancing]
    public var compliance: Compliance

    public init(evaluationYear: Int, asOf: LocalDate, sme: Bool?, years: [FiscalYearFacts], yearsInNiche: Int?, ip: [IPItem] = [],
                awards: [Award] = [], rdInstitutions: [RDInstitution] = [], equityFinancing: [EquityFinancing] = [], compliance: Compliance = Compliance()) {
        self.evaluationYear = evaluationYear; self.asOf = asOf; self.sme = sme; self.years = years; self.yearsInNiche = yearsInNiche
        self.ip = ip; self.awards = awards; self.rdInstitutions = rdInstitutions; self.equityFinancing = equityFinancing; self.compliance = compliance
    }
}

public struct SpecializedSMEResult: Sendable, Hashable {
    public enum Route: String, Sendable, Hashable, Codable, CaseIterable { case score, award, rdAverage, equityFinancing }
    public var eligibility: Check.Status
    public var score: Int
    public var qualifies: Bool
    public var route: Route?
    public var checks: [Check]
    public var eligible: Bool { eligibility == .met }
    /// The score as counted and the most the unknown facts and the evidence items could make it,
    /// when they could still lift it to the pass mark (assessment-v1.md, revised 2026-12); nil otherwise.
    public var scoreRange: PointRange? = nil
}

public enum SpecializedSMEEvaluator {
    public static func evaluate(_ input: SpecializedSMEInput, rules r: SpecializedSMERules, general: GeneralConditions = .cn2022) -> SpecializedSMEResult {
        let b = SpecializedSMERules.basis
        let Y = input.evaluationYear
        let byYear = YearIndex(years: input.years)
        let f = byYear[Y]
        let since2 = Y - 1, since3 = Y - 2
        let equity2y = input.equityFinancing.filter { $0.qualifiedInvestor && $0.date.year >= since2 }.reduce(Money.zero) { $0 + $1.amount }

        var rdShareValue: Fraction?
        if let rd = f?.rdExpense, let rev = f?.operatingRevenue, rev.fen > 0 { rdShareValue = Fraction(rd.fen, rev.fen) }
        // Room for the checks appended below, so the array is allocated once.
        var checks: [Check] = []
        checks.reserveCapacity(12)
        checks.append(contentsOf: [
            Check(id: "specializedSME.sme", status: Check.holds(input.sme), basis: "工信部联企业〔2011〕300号"),
            Check(id: "specializedSME.nicheYears", status: Check.holds(input.yearsInNiche.map { $0 >= r.minNicheYears }),
                  value: input.yearsInNiche.map(Check.Value.count), required: .count(r.minNicheYears), basis: b, article: " 一"),
            Check(id: "specializedSME.rdExpense", status: Check.holds(f?.rdExpense.map { $0 >= r.minRdExpense }),
                  value: f?.rdExpense.map(Check.Value.money), required: .money(r.minRdExpense), basis: b, article: " 二"),
            Check(id: "specializedSME.rdShare", status: Check.holds(rdShareValue.map { $0 >= r.minRdToRevenue }),
                  value: rdShareValue.map(Check.Value.ratio), required: .ratio(r.minRdToRevenue), basis: b, article: " 二"),
            Check(id: "specializedSME.revenue",
                  status: Check.holds(f?.operatingRevenue.map { $0 >= r.minOperatingRevenue || equity2y >= r.minEquityIfSmallRevenue }),
                  value: f?.operatingRevenue.map(Check.Value.money), required: .money(r.minOperatingRevenue), basis: b, article: " 三"),
        ] as [Check])
        let eligibility = checks.combined

        // The score, from what the data shows; an unknown indicator counts 0 and `room` adds what it
        // could still earn.
        var score = 0, room = r.evidencePoints
        if let mb = f?.mainBusinessRevenue, let rev = f?.operatingRevenue, rev.fen > 0 { score += r.mainShare.points(for: Fraction(mb.fen, rev.fen)) } else { room += r.mainShare.most }
        if byYear[Y - 2]?.mainBusinessRevenue != nil, byYear[Y - 1]?.mainBusinessRevenue != nil, f?.mainBusinessRevenue != nil {
            if let growth = Growth.rate(byYear[Y - 2]?.mainBusinessRevenue, byYear[Y - 1]?.mainBusinessRevenue, f?.mainBusinessRevenue), growth.numerator >= 0 {
                // Average growth of the last two years, exact; the bands are percentages.
                score += r.mainGrowth.bands.first { Growth.reaches(growth, $0.atLeast) }?.points ?? 0
            }
        } else {
            room += r.mainGrowth.most
        }
        if let years = input.yearsInNiche { score += min(r.maxNichePoints, years / 2 * r.nichePointsPerTwoYears) } else { room += r.maxNichePoints }
        if let np = f?.netProfit, let rev = f?.operatingRevenue, rev.fen > 0 {
            if np.fen > 0 { score += r.netMargin.points(for: Fraction(np.fen, rev.fen)) }
        } else {
            room += r.netMargin.most
        }
        if let a = f?.totalAssets, let l = f?.totalLiabilities, a.fen > 0 {
            let ratio = Fraction(l.fen, a.fen)
            score += r.debtBelow.first { ratio < $0.below }?.points ?? 0
        } else {
            room += r.debtBelow.map(\.points).max() ?? 0
        }
        func ipPoints(_ tally: IPTally) -> Int {
            tally.points(highValue: r.ipHighValue, selfDeveloped: r.ipSelfDeveloped, classI: r.ipClassI, classII: r.ipClassII)
        }
        score += ipPoints(IPTally(input.ip))
        room += ipPoints(IPTally(input.ip, optimistic: true)) - ipPoints(IPTally(input.ip))
        var rdPoints = 0
        if let rd = f?.rdExpense { rdPoints = zip(r.rdAmounts, r.rdAmountPoints).first { rd >= $0.0 }?.1 ?? 0 }
        if let share = rdShareValue { rdPoints = max(rdPoints, r.rdShare.points(for: share)) }
        if f?.rdExpense == nil { room += max(r.rdAmountPoints.max() ?? 0, r.rdShare.most) }
        score += rdPoints
        if let e = f?.employees, let s = f?.rdStaff, e > 0 { score += r.rdStaffShare.points(for: Fraction(Int64(s), Int64(e))) } else { room += r.rdStaffShare.most }
        score += input.rdInstitutions.compactMap { r.institutionPoints[$0.level] }.max() ?? 0
        for id: StaticString in ["specializedSME.digitalisation", "specializedSME.qualityManagement", "specializedSME.productField", "specializedSME.localIndicators"] {
            checks.append(Check(id: id, status: .unknown, basis: b, article: "（需专家或材料认定，未计分 / judged on evidence, not scored here）"))
        }
        let reachable = score + room >= r.passScore
        checks.append(Check(id: "specializedSME.score", status: score >= r.passScore ? .met : reachable ? .unknown : .unmet,
                            value: .count(score), required: .count(r.passScore), basis: b, article: " 四"))

        let averageRd = (f?.rdExpense).flatMap { now in byYear[Y - 1]?.rdExpense.map { Money(fen: (now.fen + $0.fen) / 2) } }
        let direct: [(SpecializedSMEResult.Route, Bool)] = [
            (.award, input.awards.contains { $0.year >= since3 && (($0.level == .national && ($0.rank ?? .max) <= r.nationalAwardTopRank)
                                                                || ($0.level == .provincial && ($0.rank ?? .max) <= r.provincialAwardTopRank)) }),
            (.rdAverage, averageRd.map { $0 >= r.minAverageRdForDirect } ?? false),
            (.equityFinancing, equity2y >= r.minEquityForDirect),
        ]
        let generalCheck = general.check(input.compliance, id: "specializedSME.generalConditions")
        checks.append(generalCheck)
        let route: SpecializedSMEResult.Route? = eligibility == .met && !general.blocks(generalCheck) ? (score >= r.passScore ? .score : direct.first { $0.1 }?.0) : nil
        return SpecializedSMEResult(eligibility: eligibility, score: score, qualifies: route != nil, route: route, checks: checks,
                                    scoreRange: score < r.passScore && reachable ? PointRange(score, score + room) : nil)
    }
}
