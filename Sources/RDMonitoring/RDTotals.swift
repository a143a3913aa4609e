import Kernel

/// What one unit's firms (the district, a town) add up to over a period: the inputs of every
/// district indicator (rules.md §11.6 R2). The database adds them up; this type does the
/// arithmetic on them, so the same figures come from SQLite, PostgreSQL and the tests.
public struct RDTotals: Sendable, Hashable, Codable {
    /// Firms that reported in the period.
    public var firms: Int
    /// Above-scale industrial firms (规上工业企业) among them, and those with R&D activity.
    public var aboveScaleIndustrial: Int
    public var aboveScaleWithRD: Int
    /// Each basis summed over the reports that gave it, with how many did.
    public var statisticalRD: Money
    public var taxDeductionRD: Money
    public var taxDeductionReports: Int
    public var highTechRD: Money
    public var highTechReports: Int
    public var operatingRevenue: Money

    public init(firms: Int = 0, aboveScaleIndustrial: Int = 0, aboveScaleWithRD: Int = 0, statisticalRD: Money = Money(fen: 0),
                taxDeductionRD: Money = Money(fen: 0), taxDeductionReports: Int = 0, highTechRD: Money = Money(fen: 0), highTechReports: Int = 0,
                operatingRevenue: Money = Money(fen: 0)) {
        self.firms = firms; self.aboveScaleIndustrial = aboveScaleIndustrial; self.aboveScaleWithRD = aboveScaleWithRD
        self.statisticalRD = statisticalRD; self.taxDeductionRD = taxDeductionRD; self.taxDeductionReports = taxDeductionReports
        self.highTechRD = highTechRD; self.highTechReports = highTechReports; self.operatingRevenue = operatingRevenue
    }

    public static func + (a: RDTotals, b: RDTotals) -> RDTotals {
        RDTotals(firms: a.firms + b.firms, aboveScaleIndustrial: a.aboveScaleIndustrial + b.aboveScaleIndustrial,
                 aboveScaleWithRD: a.aboveScaleWithRD + b.aboveScaleWithRD, statisticalRD: a.statisticalRD + b.statisticalRD,
                 taxDeductionRD: a.taxDeductionRD + b.taxDeductionRD, taxDeductionReports: a.taxDeductionReports + b.taxDeductionReports,
                 highTechRD: a.highTechRD + b.highTechRD, highTechReports: a.highTechReports + b.highTechReports,
                 operatingRevenue: a.operatingRevenue + b.operatingRevenue)
    }

    /// F11: the share of above-scale industrial firms with R&D activity, in tenths of a percent
    /// (589 = 58.9 %), rounded half up; nil without any such firm.
    public var shareWithRD: Int? { RDIndicators.ratio(Int64(aboveScaleWithRD), Int64(aboveScaleIndustrial), scale: 1_000) }

    /// Statistical R&D over operating revenue, in basis points (302 = 3.02 %).
    public var intensity: Int? { RDIndicators.ratio(statisticalRD.fen, operatingRevenue.fen, scale: 10_000) }
}

/// The indicator arithmetic of rules.md §9 and §11.6, in integers.
public enum RDIndicators {
    /// 规上工业企业's revenue threshold, from the rules in force.
    public static var aboveScaleRevenue: Money { RDRules.current.aboveScaleRevenue }

    /// Industrial firms are those of the rules' GB/T 4754 sections (B, C, D: the NBS's 工业).
    public static func isIndustrial(industryCode: String?) -> Bool {
        guard let first = industryCode?.uppercased().first else { return false }
        return RDRules.current.industrialSections.contains(String(first))
    }

    /// Above scale over a period of `quarters` reported quarters: the revenue reported,
    /// annualised (× 4 / quarters), reaches the threshold [I]. Over a whole year this is the
    /// year's revenue; within a year it is the pace so far.
    public static func isAboveScale(revenue: Money, quarters: Int) -> Bool {
        quarters > 0 && revenue.fen * 4 >= aboveScaleRevenue.fen * Int64(quarters)
    }

    /// F13: regional R&D intensity, R&D expenditure over GDP, in basis points rounded half up.
    public static func intensity(rd: Money, gdp: Money) -> Int? { ratio(rd.fen, gdp.fen, scale: 10_000) }

    /// numerator / denominator × scale, rounded half up, in Int128 so no product overflows.
    public static func ratio(_ numerator: Int64, _ denominator: Int64, scale: Int64) -> Int? {
        guard denominator > 0, numerator >= 0 else { return nil }
        let n = Int128(numerator) * Int128(scale) * 2 + Int128(denominator)
        return Int(clamping: n / (Int128(denominator) * 2))
    }

    /// "58.9%" from tenths of a percent; "3.02%" from basis points.
    public static func percentText(_ value: Int, places: Int) -> String {
        let unit = places == 1 ? 10 : 100
        let frac = String(value % unit)
        return "\(value / unit).\(String(repeating: "0", count: places - frac.count))\(frac)%"
    }
}
