import Kernel

/// One loan in the district's register (rules.md §11.8 L1).
public struct Loan: Sendable, Hashable, Codable {
    public enum Product: String, Sendable, Hashable, Codable, CaseIterable {
        case innovationPoints     // 创新积分贷
        case knowledgeValue       // 知识价值信用贷款
        case other

        public var chineseName: String {
            switch self {
            case .innovationPoints: return "创新积分贷"
            case .knowledgeValue: return "知识价值信用贷款"
            case .other: return "其他"
            }
        }
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case approved, drawn, repaid, overdue
    }

    public var id: Int64
    public var uscc: USCC
    public var bank: String
    public var product: Product
    public var amount: Money
    public var drawnOn: LocalDate
    public var maturesOn: LocalDate
    public var status: Status
    /// Principal past due and unpaid; zero unless overdue.
    public var overduePrincipal: Money

    public init(id: Int64 = 0, uscc: USCC, bank: String, product: Product, amount: Money, drawnOn: LocalDate, maturesOn: LocalDate,
                status: Status, overduePrincipal: Money = Money(fen: 0)) {
        self.id = id; self.uscc = uscc; self.bank = bank; self.product = product; self.amount = amount; self.drawnOn = drawnOn
        self.maturesOn = maturesOn; self.status = status; self.overduePrincipal = overduePrincipal
    }

    /// No single loan of a district register reaches ten billion yuan; the ceiling keeps every
    /// sum over the register far inside 64 bits.
    public static let maximumAmount = Money(yuan: 10_000_000_000)

    public var problems: [Problem] {
        var out: [Problem] = []
        if amount.fen <= 0 { out.append(Problem(path: "amount", message: "金额须大于 0 / must be positive")) }
        if amount > Loan.maximumAmount { out.append(Problem(path: "amount", message: "金额超过 \(Loan.maximumAmount.yuanText) 元上限 / above the ceiling of \(Loan.maximumAmount.yuanText) yuan")) }
        if maturesOn < drawnOn { out.append(Problem(path: "maturesOn", message: "早于放款日 / before the drawing date")) }
        if overduePrincipal.fen < 0 || (amount.fen > 0 && overduePrincipal > amount) { out.append(Problem(path: "overduePrincipal", message: "须在 0 与贷款金额之间 / between 0 and the amount")) }
        if overduePrincipal.fen > 0 && status != .overdue { out.append(Problem(path: "status", message: "有逾期本金时状态须为 overdue / overdue principal needs status overdue")) }
        return out
    }
}

extension Loan.Status {
    /// The moves a bank may report (rules.md §11.8 L1 [I]): an approved loan is drawn; a drawn
    /// loan is repaid or falls overdue; an overdue loan is repaid or cured back to drawn.
    /// Repaid is final. Staying in the same status (a new overdue principal) is allowed.
    public func canMove(to next: Loan.Status) -> Bool {
        switch (self, next) {
        case (.approved, .approved), (.approved, .drawn): return true
        case (.drawn, .drawn), (.drawn, .repaid), (.drawn, .overdue): return true
        case (.overdue, .overdue), (.overdue, .repaid), (.overdue, .drawn): return true
        default: return false
        }
    }

    public var chineseName: String {
        switch self {
        case .approved: return "已审批"
        case .drawn: return "已放款"
        case .repaid: return "已结清"
        case .overdue: return "逾期"
        }
    }
}

/// One status report of a loan, appended to its history and never edited.
public struct LoanUpdate: Sendable, Hashable, Codable {
    public var loanID: Int64
    public var at: String
    public var officer: String
    public var status: Loan.Status
    public var overduePrincipal: Money
    public var note: String
    public init(loanID: Int64, at: String, officer: String, status: Loan.Status, overduePrincipal: Money, note: String = "") {
        self.loanID = loanID; self.at = at; self.officer = officer; self.status = status; self.overduePrincipal = overduePrincipal; self.note = note
    }
}
