import Accounts
import Foundation
import Kernel
import Lending
import Storage

public enum LoanError: Error, Equatable, CustomStringConvertible {
    case invalid([Problem])
    case notFound
    case notBankOfficer
    /// The bank holds no live consent from the enterprise, so it may not register its loans.
    case noConsent(USCC)
    case breakerTripped(RiskCompensationRules.Breaker)
    case illegalTransition(from: Loan.Status, to: Loan.Status)

    public var description: String {
        switch self {
        case .invalid(let p): return p.map(\.description).joined(separator: "\n")
        case .notFound: return "贷款不存在 / no such loan"
        case .notBankOfficer: return "仅银行客户经理可登记贷款 / only a bank officer records loans"
        case .noConsent(let u): return "企业 \(u) 未向本行授权 / \(u) has no live consent for your bank"
        case .breakerTripped(let b):
            return "\(b.bank) 逾期率 \(Double(b.overdueShare) / 100)% 已达熔断线 \(Double(b.threshold) / 100)%，暂停新增知识价值信用贷款 / "
                + "the bank's overdue share \(Double(b.overdueShare) / 100)% has reached its circuit breaker of \(Double(b.threshold) / 100)%: no new knowledge-value loans"
        case .illegalTransition(let f, let t): return "贷款状态不能从 \(f.rawValue) 变为 \(t.rawValue) / a loan cannot move from \(f.rawValue) to \(t.rawValue)"
        }
    }
}

/// The loan register (rules.md §11.8): banks record their credit decisions and report each
/// loan's status; the district reads the register, the risk compensation and each bank's
/// circuit breaker. A bank registers loans only of firms that consented to it [I], and a
/// knowledge-value loan only while its breaker allows new loans.
public struct LoanService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public let rules: RiskCompensationRules

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, rules: RiskCompensationRules = .chongqing2024) {
        self.transactor = transactor; self.clock = clock; self.rules = rules
    }

    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }

    /// Records an approved (or already drawn) loan of `officer`'s bank.
    public func record(uscc: USCC, product: Loan.Product, amount: Money, drawnOn: LocalDate, maturesOn: LocalDate, status: Loan.Status,
                       note: String = "", officer: User) async throws -> Loan {
        guard let bank = officer.bank else { throw LoanError.notBankOfficer }
        var loan = Loan(uscc: uscc, bank: bank, product: product, amount: amount, drawnOn: drawnOn, maturesOn: maturesOn, status: status)
        var problems = loan.problems
        if status != .approved && status != .drawn { problems.append(Problem(path: "status", message: "新登记的贷款须为 approved 或 drawn / a new loan is approved or drawn")) }
        guard problems.isEmpty else { throw LoanError.invalid(problems) }
        let at = ISOTime.format(clock()), date = today, rules = self.rules, entered = loan
        loan.id = try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(uscc) != nil else {
                throw LoanError.invalid([Problem(path: "uscc", message: "\(uscc) 不在企业库中 / not in the registry")])
            }
            guard try await stores.consents.fetchConsents(uscc: uscc).contains(where: { $0.bank == bank && $0.isLive(on: date) }) else {
                throw LoanError.noConsent(uscc)
            }
            try await stores.loans.lockBank(bank)
            if product == .knowledgeValue {
                let breaker = rules.breaker(bank: bank, loans: try await stores.loans.fetchLoans(LoanFilter(bank: bank)))
                guard breaker.allowsNewLoans else { throw LoanError.breakerTripped(breaker) }
            }
            let id = try await stores.loans.insertLoan(entered)
            try await stores.loans.applyUpdate(LoanUpdate(loanID: id, at: at, officer: officer.actorName, status: status, overduePrincipal: Money(fen: 0), note: note))
            try await stores.audit(AuditEntry(at: at, actor: officer.actorName, action: "loan.record", subject: "enterprise:\(uscc)",
                                              detail: "loan \(id) \(bank) \(product.rawValue) \(amount.yuanText) \(status.rawValue)"))
            return id
        }
        return loan
    }

    /// A status report from the loan's own bank; another bank's loan reads as not found.
    public func update(_ id: Int64, status: Loan.Status, overduePrincipal: Money, note: String = "", officer: User) async throws -> Loan {
        guard let bank = officer.bank else { throw LoanError.notBankOfficer }
        let at = ISOTime.format(clock())
        return try await transactor.write { stores in
            guard var loan = try await stores.loans.fetchLoan(id, forUpdate: true), loan.bank == bank else { throw LoanError.notFound }
            guard loan.status.canMove(to: status) else { throw LoanError.illegalTransition(from: loan.status, to: status) }
            let before = loan.status
            loan.status = status; loan.overduePrincipal = overduePrincipal
            let problems = loan.problems
            guard problems.isEmpty else { throw LoanError.invalid(problems) }
            try await stores.loans.applyUpdate(LoanUpdate(loanID: id, at: at, officer: officer.actorName, status: status, overduePrincipal: overduePrincipal, note: note))
            try await stores.audit(AuditEntry(at: at, actor: officer.actorName, action: "loan.update", subject: "enterprise:\(loan.uscc)",
                                              detail: "loan \(id) \(before.rawValue)→\(status.rawValue) overdue=\(overduePrincipal.yuanText)"))
            return loan
        }
    }

    public func loans(_ filter: LoanFilter) async throws -> [Loan] {
        try await transactor.read { try await $0.loans.fetchLoans(filter) }
    }

    public func history(_ id: Int64) async throws -> [LoanUpdate] {
        try await transactor.read { try await $0.loans.fetchUpdates(loanID: id) }
    }

    /// The register's summary for the district: figures per product for the loans drawn in the
    /// period; each bank's circuit breaker and the compensation due on overdue knowledge-value
    /// loans are from the loans' current status (the register keeps the history of each loan,
    /// not a status at a past date).
    public func summary(from: LocalDate?, to: LocalDate) async throws -> LoanSummary {
        let all = try await loans(LoanFilter(to: to))
        let banks = try await transactor.read { try await $0.consents.fetchBanks() }
        let overdue = all.filter { $0.product == .knowledgeValue && $0.status == .overdue }
        return LoanSummary(
            figures: Loan.Product.allCases.map { ($0, LoanFigures.of(all, product: $0, from: from, to: to)) },
            breakers: banks.map { (bank: $0, breaker: rules.breaker(bank: $0.code, loans: all)) },
            compensation: rules.compensation(overduePrincipal: overdue.reduce(Money(fen: 0)) { $0 + $1.overduePrincipal }))
    }
}

public struct LoanSummary: Sendable {
    public var figures: [(product: Loan.Product, figures: LoanFigures)]
    public var breakers: [(bank: Bank, breaker: RiskCompensationRules.Breaker)]
    /// On the overdue principal of knowledge-value loans drawn by the period's end.
    public var compensation: RiskCompensationRules.Compensation
}
