import Accounts
import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// Applications (快申快享), their steps with separation of duties, and deadlines (items 3 and 4).
extension CashoutService {
    /// Form fields filled from the registry when an application starts; the firm cannot change
    /// them in the form (it corrects the registry instead).
    public static let registryFields: Set<String> = ["企业名称", "统一社会信用代码", "镇街"]

    /// Limits on what a firm may put in its form.
    static let maxFormFields = 40, maxFieldLength = 2_000

    /// Starts an application of the user's own firm for the policy's subsidy year, prefilled
    /// from the registry.
    public func start(policyID: String, by user: User) async throws -> CashoutApplication {
        try Self.require(user, .applyCashout)
        guard let uscc = user.enterprise else { throw CashoutError.notYourDuty("账户未关联企业 / the account has no enterprise") }
        let policy = try await self.policy(policyID).policy
        let at = now, date = today, year = policy.subsidyYear
        guard policy.mode == .application else {
            throw CashoutError.invalid([Problem(path: "policy", message: "免申即享政策无需申请，由平台匹配生成 / a proactive policy takes no application")])
        }
        guard policy.window.contains(date) else {
            throw CashoutError.invalid([Problem(path: "policy", message: "申报期 \(policy.window.opens)–\(policy.window.closes) / outside the window")])
        }
        return try await transactor.write { stores in
            guard let source = try await stores.qualification.fetchAssessmentSource(uscc) else { throw CashoutError.notFound("企业 / enterprise") }
            let m = policy.match(PolicySubject(uscc: uscc, designations: source.designations, fiscalYears: source.fiscalYears), year: year, on: date)
            guard m.verdict != .ineligible else {
                throw CashoutError.invalid([Problem(path: "eligibility", message: m.reasons.joined(separator: "；"))])
            }
            guard m.onceKey != nil else { throw CashoutError.incomplete(m.missing.map { Problem(path: "eligibility", message: $0) }) }
            var a = CashoutApplication(policyID: policy.id, policyVersion: policy.version, budgetLine: policy.budgetLine, uscc: uscc, year: year, status: .draft, proactive: false,
                                       onceKey: m.onceKey, certificate: m.certificate, amount: m.amount, createdAt: at, statusSince: date)
            // The form is read by people: the town by its name, as the firm would write it.
            let town = try await stores.district.fetchTowns().first { $0.code == source.enterprise.townCode }?.name ?? source.enterprise.townCode ?? ""
            a.form = ["企业名称": source.enterprise.name, "统一社会信用代码": uscc.code, "镇街": town]
            if let key = m.onceKey, !(try await stores.cashout.paidKeys([key])).isEmpty { throw CashoutError.alreadyClaimed(key) }
            guard let id = try await stores.cashout.insertApplication(a) else { throw CashoutError.alreadyClaimed(m.onceKey ?? policy.id) }
            a.id = id
            try await stores.cashout.appendEvent(ApplicationEvent(applicationID: id, at: at, actor: user.actorName, action: "start", from: nil, to: .draft))
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "cashout.start", subject: "application:\(id)",
                                              detail: "\(policy.id) \(uscc)", role: user.role.rawValue, after: Self.digest(a)))
            return a
        }
    }

    /// Saves the form as the firm types (autosave): only its own draft or returned application.
    public func save(_ id: Int64, form: [String: String], declaredBase: Money?, bankAccount: String, by user: User) async throws -> CashoutApplication {
        try Self.require(user, .applyCashout)
        var problems: [Problem] = []
        if form.count > Self.maxFormFields { problems.append(Problem(path: "form", message: "至多 \(Self.maxFormFields) 项 / at most \(Self.maxFormFields) fields")) }
        for (k, v) in form where k.isEmpty || !CleanText.isLine(k, max: 100) || !CleanText.isText(v, max: Self.maxFieldLength) {
            problems.append(Problem(path: "form.\(k.prefix(40))", message: "过长或含控制字符 / too long (≤ \(Self.maxFieldLength) characters) or with control characters"))
        }
        if !bankAccount.isEmpty && !(bankAccount.count >= 8 && bankAccount.count <= 32 && bankAccount.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }) {
            problems.append(Problem(path: "bankAccount", message: "8–32 位数字 / 8–32 digits"))
        }
        if let b = declaredBase, b.fen < 0 || b > Money(yuan: 10_000_000_000) {
            problems.append(Problem(path: "declaredBase", message: "须在 0 至 100 亿元之间 / between 0 and 10 billion yuan"))
        }
        guard problems.isEmpty else { throw CashoutError.invalid(problems) }
        let at = now
        return try await transactor.write { stores in
            var a = try await Self.own(id, user, stores)
            guard a.status == .draft || a.status == .returned else { throw CashoutError.illegalStep(from: a.status, action: .submit) }
            guard let policy = try await stores.cashout.fetchPolicy(a.policyID)?.policy else { throw CashoutError.notFound("政策 / policy") }
            let before = Self.digest(a)
            let kept = a.form.filter { Self.registryFields.contains($0.key) }
            a.form = form.filter { !Self.registryFields.contains($0.key) }.merging(kept) { $1 }
            a.bankAccount = bankAccount; a.updatedAt = at
            if case .declared = policy.amount.base {
                a.declaredBase = declaredBase
                a.amount = declaredBase.flatMap(policy.amount.amount(base:))
            }
            try await stores.cashout.updateApplication(a)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "cashout.save", subject: "application:\(id)", role: user.role.rawValue,
                                              before: before, after: Self.digest(a)))
            return a
        }
    }

    /// The application, if the user may see it: its own firm's, or any for bureau, finance and audit staff.
    public func application(_ id: Int64, for user: User) async throws -> (CashoutApplication, [ApplicationEvent], [AttachmentInfo]) {
        try await transactor.read { stores in
            guard let a = try await stores.cashout.fetchApplication(id, forUpdate: false), Self.maySee(a, user) else { throw CashoutError.notFound("申请 / application") }
            return (a, try await stores.cashout.fetchEvents(applicationID: id), try await stores.cashout.fetchAttachments(applicationID: id))
        }
    }

    public func applications(_ filter: ApplicationFilter, for user: User) async throws -> [CashoutApplication] {
        guard let filter = try Self.scoped(filter, user) else { return [] }
        return try await transactor.read { try await $0.cashout.fetchApplications(filter) }
    }

    /// One page of the list, as the user may see it.
    public func applications(_ filter: ApplicationFilter, sort: ApplicationSort, offset: Int, limit: Int,
                             for user: User) async throws -> (total: Int, applications: [CashoutApplication]) {
        guard let filter = try Self.scoped(filter, user) else { return (0, []) }
        return try await transactor.read { try await $0.cashout.searchApplications(filter, sort: sort, offset: offset, limit: min(max(limit, 1), 500)) }
    }

    /// A batch of an export, oldest first after `afterID`, as the user may see it.
    public func applications(_ filter: ApplicationFilter, afterID: Int64?, limit: Int, for user: User) async throws -> [CashoutApplication] {
        guard let filter = try Self.scoped(filter, user) else { return [] }
        return try await transactor.read { try await $0.cashout.fetchApplications(filter, afterID: afterID, limit: min(max(limit, 1), 5_000)) }
    }

    /// The filter narrowed to what the user may see: a firm's own applications; nil when nothing.
    static func scoped(_ filter: ApplicationFilter, _ user: User) throws -> ApplicationFilter? {
        var filter = filter
        if user.role == .enterprise {
            guard let own = user.enterprise else { return nil }
            filter.uscc = own
        } else {
            try Self.require(user, .viewCashout)
        }
        return filter
    }

    static func maySee(_ a: CashoutApplication, _ user: User) -> Bool {
        user.role == .enterprise ? user.enterprise == a.uscc : AccessPolicy.allows(user.role, .viewCashout)
    }

    static func own(_ id: Int64, _ user: User, _ stores: any Stores) async throws -> CashoutApplication {
        guard let a = try await stores.cashout.fetchApplication(id, forUpdate: true), a.uscc == user.enterprise else {
            throw CashoutError.notFound("申请 / application")
        }
        return a
    }

    /// The day the current step is due, or nil when nobody is waited on.
    public func due(_ a: CashoutApplication) -> LocalDate? {
        deadlines.allowance(in: a.status).map { calendar.adding(workingDays: $0, to: a.statusSince) }
    }

    /// The last day of an application's publication (公示) that started on `start`.
    public func publicationEnds(startedOn start: LocalDate) -> LocalDate {
        calendar.adding(workingDays: deadlines.publication, to: start)
    }

    /// Applications whose current step is past its working-day deadline (overdue alerts).
    public func overdue(for user: User) async throws -> [(application: CashoutApplication, due: LocalDate)] {
        let date = today
        return try await applications(ApplicationFilter(statuses: [.submitted, .underReview, .inPublication, .objected, .approved]), for: user)
            .compactMap { a in due(a).flatMap { $0 < date ? (a, $0) : nil } }
    }
}
