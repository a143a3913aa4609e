import Foundation
import Kernel
import Registry

/// 专精特新"小巨人" (工信部企业〔2022〕63号 附件3; rules.md §6.3): all six dimensions must hold.
/// The checks the data can decide are decided; market share, brand, certification, information
/// systems, chain position and product field need evidence and stay `unknown`, so the verdict
/// is never "qualifies" on data alone (the ministry decides).
public struct LittleGiantRules: Sendable, Hashable, Codable {
    public var minNicheYears: Int
    public var minMainShare: Fraction
    public var minAverageGrowth: Fraction
    public var maxDebtRatio: Fraction
    public var minClassIIP: Int
    /// R&D rule by last-year revenue: ≥ `highRevenue` → `highShare` each of the last two years;
    /// ≥ `midRevenue` → `midShare` each year; below → equity, R&D amount and R&D staff share.
    public var highRevenue: Money, highShare: Fraction, midRevenue: Money, midShare: Fraction
    public var lowEquity: Money, lowRdExpense: Money, lowRdStaffShare: Fraction
    public var directAwardTopRank: Int, directYears: Int

    public static let basis: StaticString = "工信部企业〔2022〕63号 附件3 专精特新“小巨人”企业认定标准"
    public static let cn2022 = LittleGiantRules(
        minNicheYears: 3, minMainShare: .percent(70), minAverageGrowth: .percent(5), maxDebtRatio: .percent(70), minClassIIP: 2,
        highRevenue: Money(yuan: 100_000_000), highShare: .percent(3), midRevenue: Money(yuan: 50_000_000), midShare: .percent(6),
        lowEquity: Money(yuan: 80_000_000), lowRdExpense: Money(yuan: 30_000_000), lowRdStaffShare: .percent(50),
        directAwardTopRank: 3, directYears: 3)
}

public struct LittleGiantResult: Sendable, Hashable {
    public var qualifies: Bool
    public var checks: [Check]
}

public enum LittleGiantEvaluator {
    public static func evaluate(evaluationYear Y: Int, asOf: LocalDate, years: [FiscalYearFacts], yearsInNiche: Int?, ip: [IPItem],
                                awards: [Award], rdInstitutions: [RDInstitution], equityFinancing: [EquityFinancing],
                                designations: [Designation], compliance: Compliance = Compliance(), rules r: LittleGiantRules,
                                general: GeneralConditions = .cn2022) -> LittleGiantResult {
        let b = LittleGiantRules.basis
        let byYear = YearIndex(years: years)
        let f = byYear[Y], p = byYear[Y - 1]
        func share(_ a: Money?, _ of: Money?) -> Fraction? {
            guard let a, let of, of.fen > 0 else { return nil }
            return Fraction(a.fen, of.fen)
        }
        var checks: [Check] = []
        checks.reserveCapacity(16)
        checks.append(Check(id: "littleGiant.specializedSME", status: designations.contains { $0.kind == .specializedSME && $0.isValid(on: asOf) } ? .met : .unmet,
                            basis: b, article: "（须为有效期内专精特新中小企业 / must hold a valid specialised-SME designation [R]）"))
        checks.append(Check(id: "littleGiant.nicheYears", status: Check.holds(yearsInNiche.map { $0 >= r.minNicheYears }),
                            value: yearsInNiche.map(Check.Value.count), required: .count(r.minNicheYears), basis: b, article: " 专"))
        let mainShare = share(f?.mainBusinessRevenue, f?.operatingRevenue)
        checks.append(Check(id: "littleGiant.mainBusinessShare", status: Check.holds(mainShare.map { $0 >= r.minMainShare }),
                            value: mainShare.map(Check.Value.ratio), required: .ratio(r.minMainShare), basis: b, article: " 专"))
        let growth = Growth.rate(byYear[Y - 2]?.mainBusinessRevenue, p?.mainBusinessRevenue, f?.mainBusinessRevenue)
        // Any of the three years' revenue missing leaves the growth unknown, not unmet (rules
        // audit 2026-12, defect 11): only a computed rate below the mark fails it.
        let growthKnown = (Y - 2...Y).allSatisfy { byYear[$0]?.mainBusinessRevenue != nil }
        let growthMet: Bool? = growthKnown ? (growth.map { Growth.reaches($0, r.minAverageGrowth) } ?? false) : nil
        checks.append(Check(id: "littleGiant.averageGrowth", status: Check.holds(growthMet), required: .ratio(r.minAverageGrowth), basis: b, article: " 专"))
        let debt = share(f?.totalLiabilities, f?.totalAssets)
        checks.append(Check(id: "littleGiant.debtRatio", status: Check.holds(debt.map { r.maxDebtRatio >= $0 }),
                            value: debt.map(Check.Value.ratio), required: .ratio(r.maxDebtRatio), basis: b, article: " 精"))

        // 新: the R&D rule by revenue band, an R&D institution, and class-I IP.
        let rdMet: Bool?
        if let revenue = f?.operatingRevenue {
            if revenue >= r.highRevenue || revenue >= r.midRevenue {
                let required = revenue >= r.highRevenue ? r.highShare : r.midShare
                let both = [f, p].map { y in share(y?.rdExpense, y?.operatingRevenue).map { $0 >= required } }
                rdMet = both.contains { $0 == false } ? false : (both.allSatisfy { $0 == true } ? true : nil)
            } else {
                let since = Y - 1
                let equity = equityFinancing.filter { $0.qualifiedInvestor && $0.date.year >= since }.reduce(Money.zero) { $0 + $1.amount }
                let staff = f?.employees.flatMap { e in f?.rdStaff.map { e > 0 && Fraction(Int64($0), Int64(e)) >= r.lowRdStaffShare } }
                let amount = f?.rdExpense.map { $0 >= r.lowRdExpense }
                rdMet = equity < r.lowEquity || amount == false || staff == false ? false : (amount == true && staff == true ? true : nil)
            }
        } else {
            rdMet = nil
        }
        checks.append(Check(id: "littleGiant.rdInput", status: Check.holds(rdMet), basis: b, article: " 新 (1)"))
        checks.append(Check(id: "littleGiant.rdInstitution", status: rdInstitutions.isEmpty ? .unmet : .met, basis: b, article: " 新 (2)"))
        let classI = IPTally(ip).classI
        checks.append(Check(id: "littleGiant.classIIP", status: classI >= r.minClassIIP ? .met : .unmet,
                            value: .count(classI), required: .count(r.minClassIIP), basis: b, article: " 新 (3)"))
        for id: StaticString in ["littleGiant.marketShare", "littleGiant.brand", "littleGiant.certification", "littleGiant.informationSystems",
                   "littleGiant.chainPosition", "littleGiant.productField"] {
            checks.append(Check(id: id, status: .unknown, basis: b, article: "（需材料认定 / judged on evidence）"))
        }
        // The direct innovation path replaces the three 新 checks when it holds.
        let direct = awards.contains { $0.level == .national && $0.year >= Y - r.directYears + 1 && ($0.rank ?? .max) <= r.directAwardTopRank }
        if direct {
            checks.removeAll { $0.hasID("littleGiant.rdInput") || $0.hasID("littleGiant.rdInstitution") || $0.hasID("littleGiant.classIIP") }
            checks.append(Check(id: "littleGiant.directInnovation", status: .met, basis: b, article: " 新（直通条件）"))
        }
        let generalCheck = general.check(compliance, id: "littleGiant.generalConditions")
        checks.append(generalCheck)
        // Every other check must be met; the general conditions block only as `general` says.
        let others = checks.dropLast().combined
        return LittleGiantResult(qualifies: others == .met && !general.blocks(generalCheck), checks: checks)
    }
}
