import Accounts
import Cashout
import Foundation
import Kernel
import Storage

/// One step of an application, in one transaction: who may take it, the state machine, the
/// separation of duties, the budget ledger and the audit chain move together or not at all.
extension CashoutService {
    public struct StepInput: Sendable {
        public var comment: String
        /// For `pay`: the treasury's reference of the transfer.
        public var bankReference: String?
        public var batchID: Int64?
        public init(comment: String = "", bankReference: String? = nil, batchID: Int64? = nil) {
            self.comment = comment; self.bankReference = bankReference; self.batchID = batchID
        }
    }

    @discardableResult
    public func act(_ id: Int64, _ action: ApplicationAction, _ input: StepInput = StepInput(), by user: User) async throws -> CashoutApplication {
        guard CleanText.isText(input.comment, max: 2_000) else { throw CashoutError.invalid([Problem(path: "comment", message: "≤ 2000 字 / at most 2000 characters")]) }
        if action == .pay {
            guard let ref = input.bankReference, (1...64).contains(ref.utf8.count), ref.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
                throw CashoutError.invalid([Problem(path: "bankReference", message: "拨付须填写银行流水号（1–64 个可见字符）/ a payment needs its bank reference")])
            }
        }
        if [.returnForRevision, .reject, .object, .upholdObjection, .reverse].contains(action), input.comment.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CashoutError.invalid([Problem(path: "comment", message: "须说明理由 / give the reason")])
        }
        try Self.authorize(action, user)
        let at = now, date = today, service = self
        return try await transactor.write { stores in
            guard var a = try await stores.cashout.fetchApplication(id, forUpdate: true), Self.maySee(a, user) else {
                throw CashoutError.notFound("申请 / application")
            }
            if action.duty == .applicant, a.uscc != user.enterprise { throw CashoutError.notFound("申请 / application") }
            guard let next = ApplicationState(a.status).applying(action) else { throw CashoutError.illegalStep(from: a.status, action: action) }
            guard let policy = try await stores.cashout.fetchPolicy(a.policyID)?.policy else { throw CashoutError.notFound("政策 / policy") }
            let before = a, beforeDigest = Self.digest(a)
            try Self.separate(action, a, user)
            try await service.effects(of: action, on: &a, policy: policy, input: input, user: user, at: at, date: date, stores: stores)
            a.status = next.status
            a.statusSince = date
            a.updatedAt = at
            try await stores.cashout.updateApplication(a)
            try await stores.cashout.appendEvent(ApplicationEvent(applicationID: id, at: at, actor: user.actorName, action: action.rawValue,
                                                                  from: before.status, to: a.status, comment: input.comment))
            if action == .approve, before.amount != a.amount {
                // The amount approved is not the one published: say so in the application's history.
                try await stores.cashout.appendEvent(ApplicationEvent(applicationID: id, at: at, actor: "system", action: "rederive", from: a.status, to: a.status,
                    comment: "按已核实数据重新核定金额：\(before.amount.map(MoneyText.amountZh) ?? "—") → \(a.amount.map(MoneyText.amountZh) ?? "—") / amount derived again from verified figures"))
            }
            if let text = Self.notice(action, policy: policy, a) {
                try await stores.cashout.insertNotices([FirmNotice(uscc: a.uscc, at: at, text: text, applicationID: id)])
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "cashout.\(action.rawValue)", subject: "application:\(id)",
                                              detail: "\(before.status.rawValue)→\(a.status.rawValue) \(a.amount?.yuanText ?? "")", role: user.role.rawValue,
                                              before: beforeDigest, after: Self.digest(a)))
            return a
        }
    }

    /// The role that carries each duty (item 4): applicants act for their own firm; reviewers,
    /// approvers and payers by their bureau role.
    static func authorize(_ action: ApplicationAction, _ user: User) throws {
        switch action.duty {
        case .applicant: try require(user, .applyCashout)
        case .reviewer: try require(user, .reviewCashout)
        case .approver: try require(user, .approveCashout)
        case .payer: try require(user, .payCashout)
        }
    }

    /// The steps `user` may take on `a` now: legal from its status, within the user's duty,
    /// and not one that would make the same person review, approve and pay it.
    public static func steps(for a: CashoutApplication, by user: User) -> [ApplicationAction] {
        ApplicationAction.allCases.filter { action in
            ApplicationState(a.status).applying(action) != nil && (try? authorize(action, user)) != nil
                && (action.duty != .applicant || a.uscc == user.enterprise) && (try? separate(action, a, user)) != nil
        }
    }

    /// The rule is `Duties` (pure); the schema's CHECKs repeat it, so a bug here still cannot store a breach.
    static func separate(_ action: ApplicationAction, _ a: CashoutApplication, _ user: User) throws {
        if let why = Duties(reviewer: a.reviewerID, approver: a.approverID, payer: a.payerID).refusal(action.duty, actor: user.id) {
            throw CashoutError.sameActor(why)
        }
    }

    /// What a step does besides moving the status.
    func effects(of action: ApplicationAction, on a: inout CashoutApplication, policy: Policy, input: StepInput, user: User,
                 at: String, date: LocalDate, stores: any Stores) async throws {
        switch action {
        case .submit:
            var missing: [Problem] = []
            if a.bankAccount.isEmpty { missing.append(Problem(path: "bankAccount", message: "请填写收款账户 / the bank account is required")) }
            if a.amount == nil { missing.append(Problem(path: "declaredBase", message: "请填写\(policy.amount.base?.label ?? "金额基数") / the amount's base is required")) }
            if a.amount == .zero { missing.append(Problem(path: "amount", message: "按规则金额为 0 / the rule pays nothing for this base")) }
            // The window binds the first submission; a returned application may be resubmitted after it.
            if !a.proactive && a.status == .draft && !policy.window.contains(date) {
                missing.append(Problem(path: "policy", message: "不在申报期 \(policy.window.opens)–\(policy.window.closes) / outside the window"))
            }
            let attached = Set(try await stores.cashout.fetchAttachments(applicationID: a.id).map(\.name))
            for name in policy.attachments where !attached.contains(name) && !a.proactive {
                missing.append(Problem(path: "attachments.\(name)", message: "缺少附件 / attachment missing"))
            }
            guard missing.isEmpty else { throw CashoutError.incomplete(missing) }
        case .recommend:
            a.reviewerID = user.id
        case .approve:
            let ends = publicationEnds(startedOn: a.statusSince)
            guard date > ends else { throw CashoutError.publicationRunning(until: ends) }
            try await rederive(&a, policy: policy, stores: stores)
            guard let amount = a.amount, amount.fen > 0 else { throw CashoutError.incomplete([Problem(path: "amount", message: "金额未定 / no amount")]) }
            a.approverID = user.id
            guard try await stores.cashout.post(BudgetEntry(line: a.budgetLine, kind: .reserve, amount: amount, applicationID: a.id, at: at, actor: user.actorName)) else {
                let line = try await stores.cashout.fetchBudgetLine(a.budgetLine)
                throw CashoutError.budgetExhausted(line: a.budgetLine, available: line?.available ?? .zero, needed: amount)
            }
        case .pay:
            guard let amount = a.amount else { throw CashoutError.incomplete([Problem(path: "amount", message: "金额未定 / no amount")]) }
            guard let key = a.onceKey else { throw CashoutError.incomplete([Problem(path: "certificate", message: "证书编号未知 / the certificate is not known")]) }
            a.payerID = user.id; a.bankReference = input.bankReference; a.paidOn = date
            if let batch = input.batchID { a.batchID = batch }
            guard try await stores.cashout.insertPayment(applicationID: a.id, onceKey: key, amount: amount, batchID: a.batchID,
                                                         bankReference: input.bankReference ?? "", paidAt: at, payer: user.id) else {
                throw CashoutError.alreadyClaimed(key)
            }
            guard try await stores.cashout.post(BudgetEntry(line: a.budgetLine, kind: .post, amount: amount, applicationID: a.id, at: at, actor: user.actorName,
                                                            note: input.bankReference ?? "")) else {
                throw CashoutError.budgetExhausted(line: a.budgetLine, available: .zero, needed: amount)
            }
        case .reverse:
            guard let amount = a.amount else { return }
            let kind: BudgetEntry.Kind = a.status == .paid ? .refund : .release
            guard try await stores.cashout.post(BudgetEntry(line: a.budgetLine, kind: kind, amount: amount, applicationID: a.id, at: at, actor: user.actorName,
                                                            note: input.comment)) else {
                throw CashoutError.budgetExhausted(line: a.budgetLine, available: .zero, needed: amount)
            }
        case .withdraw, .accept, .returnForRevision, .reject, .object, .dismissObjection, .upholdObjection:
            return
        }
    }

    /// At approval the eligibility and the amount are derived again from the verified figures
    /// (issue 19, item 1): a figure the firm declared but nobody confirmed, or one corrected since
    /// the application began, cannot carry money. The designations count as on the day it began.
    func rederive(_ a: inout CashoutApplication, policy: Policy, stores: any Stores) async throws {
        guard let source = try await stores.qualification.fetchAssessmentSource(a.uscc) else { throw CashoutError.notFound("企业 / enterprise") }
        // The rule of the version the application was made under, not a later one.
        let policy = try await stores.cashout.fetchPolicy(a.policyID, version: a.policyVersion) ?? policy
        let began = ISOTime.parse(a.createdAt).map { LocalDate(secondsSince1970: $0.timeIntervalSince1970) } ?? today   // Beijing date
        let m = policy.match(PolicySubject(uscc: a.uscc, designations: source.designations, fiscalYears: source.fiscalYears),
                             year: a.year, on: began, declaredBase: a.declaredBase)
        guard m.verdict == .eligible else {
            let why = m.verdict == .missingData ? m.missing : m.reasons
            throw CashoutError.incomplete(why.map { Problem(path: "eligibility", message: "按已核实数据不能批准：\($0) / not eligible on verified figures") })
        }
        a.amount = m.amount
    }

    static func notice(_ action: ApplicationAction, policy: Policy, _ a: CashoutApplication) -> String? {
        let amount = a.amount?.yuanText ?? ""
        switch action {
        case .returnForRevision: return "「\(policy.name)」申请被退回修改 / your application was returned for revision"
        case .recommend: return "「\(policy.name)」审核通过，进入公示 / your application is in publication"
        case .approve: return "「\(policy.name)」已批准 \(amount) 元 / approved: \(amount) yuan"
        case .reject, .upholdObjection: return "「\(policy.name)」未通过 / your application was not approved"
        case .pay: return "「\(policy.name)」已拨付 \(amount) 元 / paid: \(amount) yuan"
        case .reverse: return "「\(policy.name)」已撤销 / the award was reversed"
        default: return nil
        }
    }
}
