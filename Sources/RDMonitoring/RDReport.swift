import Kernel

/// The three R&D bases (rules.md §9): never substituted for one another. The district's
/// statistics (F11–F13) use the statistical basis only.
public enum RDBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// R&D expenditure of the NBS survey (R&D经费内部支出, table 107-1).
    case statistical
    /// R&D expense claimed for the super-deduction (研发费用加计扣除).
    case taxDeduction
    /// R&D expense on the 高新技术企业 basis (eight categories).
    case highTech

    public var chineseName: String {
        switch self {
        case .statistical: return "统计口径研发经费"
        case .taxDeduction: return "加计扣除研发费用"
        case .highTech: return "高企口径研发费用"
        }
    }
}

/// One firm's R&D report for one quarter (研发投入季报). Amounts are for the quarter alone.
public struct RDReport: Sendable, Hashable, Codable {
    public var uscc: USCC
    public var quarter: Quarter
    public var statisticalRD: Money
    public var taxDeductionRD: Money?
    public var highTechRD: Money?
    public var operatingRevenue: Money
    public var rdStaff: Int?
    public var employees: Int?
    /// R&D projects under way in the quarter; a firm with a project has R&D activity even in a
    /// quarter without spending (rules.md §11.6 R1 [I]).
    public var rdProjects: Int

    public init(uscc: USCC, quarter: Quarter, statisticalRD: Money, taxDeductionRD: Money? = nil, highTechRD: Money? = nil,
                operatingRevenue: Money, rdStaff: Int? = nil, employees: Int? = nil, rdProjects: Int = 0) {
        self.uscc = uscc; self.quarter = quarter; self.statisticalRD = statisticalRD; self.taxDeductionRD = taxDeductionRD
        self.highTechRD = highTechRD; self.operatingRevenue = operatingRevenue; self.rdStaff = rdStaff; self.employees = employees
        self.rdProjects = rdProjects
    }

    public func amount(_ basis: RDBasis) -> Money? {
        switch basis {
        case .statistical: return statisticalRD
        case .taxDeduction: return taxDeductionRD
        case .highTech: return highTechRD
        }
    }

    public var hasRDActivity: Bool { statisticalRD.fen > 0 || rdProjects > 0 }

    /// The checks a report passes before it is stored: amounts and counts not negative, no R&D
    /// basis above the quarter's operating revenue, R&D staff within the headcount.
    /// Ceilings far above any firm's quarter, so every sum over a district stays inside 64 bits
    /// and every count inside the database's 32-bit integers.
    public static let maximumAmount = Money(yuan: 1_000_000_000_000)
    public static let maximumCount = 10_000_000

    public var problems: [Problem] {
        var out: [Problem] = []
        if operatingRevenue > Self.maximumAmount { out.append(Problem(path: "operatingRevenue", message: "超过上限 / above the ceiling of \(Self.maximumAmount.yuanText) yuan")) }
        for (path, n) in [("rdStaff", rdStaff), ("employees", employees), ("rdProjects", Optional(rdProjects))] {
            if let n, n > Self.maximumCount { out.append(Problem(path: path, message: "超过上限 / above \(Self.maximumCount)")) }
        }
        for basis in RDBasis.allCases {
            guard let m = amount(basis) else { continue }
            if m.fen < 0 { out.append(Problem(path: basis.rawValue, message: "不能为负 / must not be negative")) }
            else if m > operatingRevenue {
                out.append(Problem(path: basis.rawValue, message: "\(basis.chineseName)高于本季营业收入 / above the quarter's operating revenue"))
            }
        }
        if operatingRevenue.fen < 0 { out.append(Problem(path: "operatingRevenue", message: "不能为负 / must not be negative")) }
        if let s = rdStaff, s < 0 { out.append(Problem(path: "rdStaff", message: "不能为负 / must not be negative")) }
        if let e = employees, e < 0 { out.append(Problem(path: "employees", message: "不能为负 / must not be negative")) }
        if let s = rdStaff, let e = employees, s > e { out.append(Problem(path: "rdStaff", message: "研发人员多于从业人员 / more R&D staff than employees")) }
        if rdProjects < 0 { out.append(Problem(path: "rdProjects", message: "不能为负 / must not be negative")) }
        return out
    }
}
