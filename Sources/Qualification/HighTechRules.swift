import Kernel

/// 高新技术企业认定 pre-screen: the hard conditions (国科发火〔2016〕32号 第十一条) and the
/// innovation-ability score (工作指引 国科发火〔2016〕195号) as ranges, since experts award the
/// points inside each band. All thresholds are data (rules.md §4, §11.3).
public struct HighTechRules: Sendable, Hashable, Codable {
    /// 第十一条 (一): registered at least this many days at application.
    public var minRegisteredDays: Int
    /// 第十一条 (四): S&T staff share of the year's employees.
    public var minStStaffShare: Fraction
    /// 第十一条 (五): R&D intensity required by latest-year sales: up to each ceiling (inclusive).
    public var rdIntensityBySales: [SalesBand]
    /// 第十一条 (五): share of R&D spent in China.
    public var minDomesticRdShare: Fraction
    /// 第十一条 (六): high-tech products/services income share of total income.
    public var minHighTechRevenueShare: Fraction
    /// 工作指引: "70分以上（不含70分）", so 71 with integer scores.
    public var passScore: Int
    /// Years of the R&D window (the last three fiscal years, fewer for younger firms).
    public var rdWindowYears: Int
    /// 工作指引 conversion bands: average conversions per year → (min, max) points.
    public var conversionBands: [RangeBand]
    /// 工作指引 growth bands (each of net assets and sales): growth rate → (min, max) points.
    public var growthBands: [RangeBand]
    /// The expert-scored scales and the IP quantity bands of the 工作指引.
    public var scale: HighTechScoreScale

    public static let basisConditions: StaticString = "国科发火〔2016〕32号 第十一条"
    public static let basisScore: StaticString = "国科发火〔2016〕195号 工作指引 企业创新能力评价"

    public static let cn2016 = HighTechRules(
        minRegisteredDays: 365, minStStaffShare: .percent(10),
        rdIntensityBySales: [SalesBand(upTo: Money(yuan: 50_000_000), required: .percent(5)),
                             SalesBand(upTo: Money(yuan: 200_000_000), required: .percent(4)),
                             SalesBand(upTo: nil, required: .percent(3))],
        minDomesticRdShare: .percent(60), minHighTechRevenueShare: .percent(60), passScore: 71, rdWindowYears: 3,
        conversionBands: [RangeBand(atLeast: Fraction(5, 1), min: 25, max: 30), RangeBand(atLeast: Fraction(4, 1), min: 19, max: 24),
                          RangeBand(atLeast: Fraction(3, 1), min: 13, max: 18), RangeBand(atLeast: Fraction(2, 1), min: 7, max: 12),
                          RangeBand(atLeast: Fraction(1, 1), min: 1, max: 6)],
        growthBands: [RangeBand(atLeast: .percent(35), min: 9, max: 10), RangeBand(atLeast: .percent(25), min: 7, max: 8),
                      RangeBand(atLeast: .percent(15), min: 5, max: 6), RangeBand(atLeast: .percent(5), min: 3, max: 4),
                      RangeBand(atLeast: Fraction(1, 1_000_000_000), min: 1, max: 2)],
        scale: HighTechScoreScale(
            classIQuantity: PointRange(7, 8),
            classIIQuantity: [CountRange(count: 5, points: PointRange(5, 6)), CountRange(count: 3, points: PointRange(3, 4)),
                              CountRange(count: 1, points: PointRange(1, 2))],
            // [I] With usable IP the experts rate technical advancement at least "low" (1) and
            // may still judge core support 0; this gives the contract example's minimum of 22.
            advancement: PointRange(1, 8), coreSupport: PointRange(0, 8),
            acquisitionOwnRD: PointRange(1, 6), acquisitionTransferOnly: PointRange(1, 3),
            standardsBonus: PointRange(0, 2), ipCap: 30, conversionUnknown: PointRange(0, 30),
            management: PointRange(0, 20), growthUnknown: PointRange(0, 10)))

    public func requiredRdIntensity(latestSales: Money) -> Fraction {
        (rdIntensityBySales.first { band in band.upTo.map { latestSales <= $0 } ?? true } ?? rdIntensityBySales[rdIntensityBySales.count - 1]).required
    }
}

public struct SalesBand: Sendable, Hashable, Codable {
    /// Inclusive ceiling of latest-year sales; nil for the top band.
    public let upTo: Money?
    public let required: Fraction
    public init(upTo: Money?, required: Fraction) { self.upTo = upTo; self.required = required }
}

/// A band awarding a range of points, the experts choosing inside it.
public struct RangeBand: Sendable, Hashable, Codable {
    public let atLeast: Fraction
    public let min: Int
    public let max: Int
    public init(atLeast: Fraction, min: Int, max: Int) { self.atLeast = atLeast; self.min = min; self.max = max }
}

/// Points as a range [min, max]; a self-assessment can say no more.
public struct PointRange: Sendable, Hashable, Codable {
    public var min: Int
    public var max: Int
    public init(_ min: Int, _ max: Int) { self.min = min; self.max = max }
    public static func + (a: PointRange, b: PointRange) -> PointRange { PointRange(a.min + b.min, a.max + b.max) }
    public static let zero = PointRange(0, 0)
}

/// The parts of the 工作指引 score the experts award inside a scale (国科发火〔2016〕195号).
public struct HighTechScoreScale: Sendable, Hashable, Codable {
    public var classIQuantity: PointRange
    /// Highest count first.
    public var classIIQuantity: [CountRange]
    public var advancement: PointRange
    public var coreSupport: PointRange
    public var acquisitionOwnRD: PointRange
    public var acquisitionTransferOnly: PointRange
    public var standardsBonus: PointRange
    public var ipCap: Int
    public var conversionUnknown: PointRange
    public var management: PointRange
    public var growthUnknown: PointRange
}

/// At least `count` items earn `points`.
public struct CountRange: Sendable, Hashable, Codable {
    public let count: Int
    public let points: PointRange
    public init(count: Int, points: PointRange) { self.count = count; self.points = points }
}
