import Kernel

/// A firm's own figures for one fiscal year, waiting for the bureau to check them (issue 19,
/// item 1). A declaration never overwrites the figures staff, an import or another authority
/// supplied: it is kept beside them until a reviewer confirms it against evidence, and only then
/// becomes the year's figures that policies, points and the white list read.
public struct FiscalYearDeclaration: Hashable, Sendable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending      // 待核实
        case confirmed    // 已核实: copied to the year's figures
        case rejected     // 未通过: the figures stand as they were
        case superseded   // 已被新申报替代: the firm declared the year again before anyone decided

        public var chineseName: String {
            switch self {
            case .pending: return "待核实"
            case .confirmed: return "已核实"
            case .rejected: return "未通过"
            case .superseded: return "已被新申报替代"
            }
        }

        public var englishName: String {
            switch self {
            case .pending: return "awaiting verification"
            case .confirmed: return "verified"
            case .rejected: return "rejected"
            case .superseded: return "superseded"
            }
        }
    }

    public var id: Int64
    public var uscc: USCC
    public var facts: FiscalYearFacts
    public var status: Status
    /// What the firm offers as proof: the audit report, the tax filing, its number.
    public var evidence: String
    public var declaredBy: String
    /// ISO 8601 instant.
    public var declaredAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    /// The reviewer's note: what was checked (confirm) or why not (reject).
    public var decisionNote: String?

    public init(id: Int64 = 0, uscc: USCC, facts: FiscalYearFacts, status: Status = .pending, evidence: String,
                declaredBy: String, declaredAt: String, decidedBy: String? = nil, decidedAt: String? = nil, decisionNote: String? = nil) {
        self.id = id; self.uscc = uscc; self.facts = facts; self.status = status; self.evidence = evidence
        self.declaredBy = declaredBy; self.declaredAt = declaredAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.decisionNote = decisionNote
    }

    /// The fields whose declared value differs from `verified`. A field the firm left blank is one
    /// it did not declare: it stays as verified, it is not erased.
    public func changes(from verified: FiscalYearFacts?) -> [FiscalYearField] {
        FiscalYearField.allCases.filter { field in
            guard let declared = field.value(in: facts) else { return false }
            return declared != verified.flatMap(field.value(in:))
        }
    }

    /// The year as it stands once confirmed: the declared fields over the verified ones.
    public func merged(onto verified: FiscalYearFacts?) -> FiscalYearFacts {
        guard let v = verified else { return facts }
        let d = facts
        return FiscalYearFacts(
            year: d.year, employees: d.employees ?? v.employees, stStaff: d.stStaff ?? v.stStaff, rdStaff: d.rdStaff ?? v.rdStaff,
            salesRevenue: d.salesRevenue ?? v.salesRevenue, operatingRevenue: d.operatingRevenue ?? v.operatingRevenue,
            mainBusinessRevenue: d.mainBusinessRevenue ?? v.mainBusinessRevenue, totalIncome: d.totalIncome ?? v.totalIncome,
            highTechRevenue: d.highTechRevenue ?? v.highTechRevenue, totalCostAndExpense: d.totalCostAndExpense ?? v.totalCostAndExpense,
            rdExpense: d.rdExpense ?? v.rdExpense, rdExpenseDomestic: d.rdExpenseDomestic ?? v.rdExpenseDomestic, totalAssets: d.totalAssets ?? v.totalAssets,
            totalLiabilities: d.totalLiabilities ?? v.totalLiabilities, netProfit: d.netProfit ?? v.netProfit, conversions: d.conversions ?? v.conversions)
    }
}

/// The fields of a fiscal year, for comparisons; the raw values are the form and API keys
/// (`FiscalYearForm.fields` labels them).
public enum FiscalYearField: String, Sendable, Hashable, CaseIterable {
    case employees, stStaff, rdStaff, salesRevenue, operatingRevenue, mainBusinessRevenue, totalIncome, highTechRevenue
    case totalCostAndExpense, rdExpense, rdExpenseDomestic, totalAssets, totalLiabilities, netProfit, conversions

    public enum Value: Hashable, Sendable {
        case count(Int)
        case money(Money)
    }

    public func value(in f: FiscalYearFacts) -> Value? {
        switch self {
        case .employees: return f.employees.map(Value.count)
        case .stStaff: return f.stStaff.map(Value.count)
        case .rdStaff: return f.rdStaff.map(Value.count)
        case .conversions: return f.conversions.map(Value.count)
        case .salesRevenue: return f.salesRevenue.map(Value.money)
        case .operatingRevenue: return f.operatingRevenue.map(Value.money)
        case .mainBusinessRevenue: return f.mainBusinessRevenue.map(Value.money)
        case .totalIncome: return f.totalIncome.map(Value.money)
        case .highTechRevenue: return f.highTechRevenue.map(Value.money)
        case .totalCostAndExpense: return f.totalCostAndExpense.map(Value.money)
        case .rdExpense: return f.rdExpense.map(Value.money)
        case .rdExpenseDomestic: return f.rdExpenseDomestic.map(Value.money)
        case .totalAssets: return f.totalAssets.map(Value.money)
        case .totalLiabilities: return f.totalLiabilities.map(Value.money)
        case .netProfit: return f.netProfit.map(Value.money)
        }
    }
}
