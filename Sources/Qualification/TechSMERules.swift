import Kernel

/// 科技型中小企业评价 (national S&T SME evaluation): every threshold as data, each with the
/// document and article it encodes (rules.md §3, 国科发政〔2017〕115号). A change of rule is a
/// new `RuleSet` version, never an edit of a published one.
public struct TechSMERules: Sendable, Hashable, Codable {
    public var maxEmployees: Int
    public var maxSalesRevenue: Money
    public var maxTotalAssets: Money
    /// 第七条 (一) S&T staff share → points.
    public var stStaff: BandTable
    /// 第七条 (二) R&D / sales revenue → points; the enterprise may use either ratio, we take the better.
    public var rdToSales: BandTable
    /// 第七条 (二) R&D / total cost and expense → points.
    public var rdToCost: BandTable
    /// 第七条 (三) class-I IP → points (any one).
    public var classIPoints: Int
    /// 第七条 (三) number of class-II IP → points, highest count first.
    public var classIIPoints: [CountBand]
    public var passScore: Int
    /// Years within which an award, or a standard led, counts for the direct route (第八条).
    public var directRouteYears: Int
    /// Award rank at most this among winning units (第八条 (二)).
    public var awardTopRank: Int
    /// Sanctions (国科火字〔2022〕67号): years a registration revoked for falsification bars a new
    /// one (any other revocation bars the rest of its calendar year).
    public var falsificationBarYears: Int
    /// On-site check flags (rules.md §11.2 K6): few employees; a very high S&T staff share in a
    /// firm of some size; a first-time applicant; a sanction within `falsificationBarYears`.
    public var onSiteMaxEmployees: Int
    public var onSiteStShare: Fraction
    public var onSiteStShareMinEmployees: Int

    public static let basisEligibility: StaticString = "国科发政〔2017〕115号 第六条"
    public static let basisScore: StaticString = "国科发政〔2017〕115号 第七条"
    /// The pass mark and the non-zero S&T staff points are conditions of 第六条（五）, which refers
    /// to the 第七条 table; the checks cite the condition (rules audit 2026-12, defect 14).
    public static let basisPassMark: StaticString = "国科发政〔2017〕115号 第六条（五）"
    public static let basisDirect: StaticString = "国科发政〔2017〕115号 第八条"
    public static let basisSanctions: StaticString = "国科火字〔2022〕67号 工作指引（撤销与失信惩戒）"

    public static let cn2017 = TechSMERules(
        maxEmployees: 500, maxSalesRevenue: Money(yuan: 200_000_000), maxTotalAssets: Money(yuan: 200_000_000),
        stStaff: BandTable(percent: [(30, 20), (25, 16), (20, 12), (15, 8), (10, 4)], basis: basisScore.description + " (一)"),
        rdToSales: BandTable(percent: [(6, 50), (5, 40), (4, 30), (3, 20), (2, 10)], basis: basisScore.description + " (二)"),
        rdToCost: BandTable(percent: [(30, 50), (25, 40), (20, 30), (15, 20), (10, 10)], basis: basisScore.description + " (二)"),
        classIPoints: 30, classIIPoints: [CountBand(4, 24), CountBand(3, 18), CountBand(2, 12), CountBand(1, 6)],
        passScore: 60, directRouteYears: 5, awardTopRank: 3, falsificationBarYears: 3,
        onSiteMaxEmployees: 5, onSiteStShare: .percent(90), onSiteStShareMinEmployees: 50)

    public var problems: [String] {
        var out = stStaff.problems + rdToSales.problems + rdToCost.problems
        if classIIPoints.contains(where: { $0.points > classIPoints }) { out.append("class-II points exceed class-I points") }
        if passScore <= 0 || passScore > 100 { out.append("pass score out of range") }
        return out
    }

    public init(maxEmployees: Int, maxSalesRevenue: Money, maxTotalAssets: Money, stStaff: BandTable, rdToSales: BandTable,
                rdToCost: BandTable, classIPoints: Int, classIIPoints: [CountBand], passScore: Int,
                directRouteYears: Int, awardTopRank: Int, falsificationBarYears: Int, onSiteMaxEmployees: Int,
                onSiteStShare: Fraction, onSiteStShareMinEmployees: Int) {
        self.maxEmployees = maxEmployees; self.maxSalesRevenue = maxSalesRevenue; self.maxTotalAssets = maxTotalAssets
        self.stStaff = stStaff; self.rdToSales = rdToSales; self.rdToCost = rdToCost; self.classIPoints = classIPoints
        self.classIIPoints = classIIPoints.sorted { $0.count > $1.count }; self.passScore = passScore
        self.directRouteYears = directRouteYears; self.awardTopRank = awardTopRank
        self.falsificationBarYears = falsificationBarYears; self.onSiteMaxEmployees = onSiteMaxEmployees
        self.onSiteStShare = onSiteStShare; self.onSiteStShareMinEmployees = onSiteStShareMinEmployees
    }
}

/// Points for holding at least `count` of something (class-II IP).
public struct CountBand: Sendable, Hashable, Codable {
    public let count: Int
    public let points: Int
    public init(_ count: Int, _ points: Int) { self.count = count; self.points = points }
}
