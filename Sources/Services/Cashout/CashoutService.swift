import Accounts
import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// Policy cash-out (政策兑现, rules.md §11.7): policies published as data, budget lines and their
/// ledger, and the matching that finds eligible firms before they apply (政策找企业).
/// Applications, their steps and payments are in the extensions beside this file.
public struct CashoutService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public var calendar: WorkingCalendar = .china
    public var deadlines = StepDeadlines()

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date) {
        self.transactor = transactor; self.clock = clock
    }

    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }
    var now: String { ISOTime.format(clock()) }

    static func require(_ user: User, _ permission: Permission) throws {
        guard AccessPolicy.allows(user.role, permission) else {
            throw CashoutError.notYourDuty("\(user.role.chineseName)无此权限 / a \(user.role.englishName) may not do this")
        }
    }

    // MARK: Policies

    /// Publishes a policy, or a new version of it: the version counts up and every version is kept.
    @discardableResult
    public func publish(_ policy: Policy, by user: User) async throws -> Policy {
        try Self.require(user, .managePolicies)
        guard policy.problems.isEmpty else { throw CashoutError.invalid(policy.problems) }
        let at = now
        return try await transactor.write { stores in
            guard try await stores.cashout.fetchBudgetLine(policy.budgetLine) != nil else {
                throw CashoutError.invalid([Problem(path: "budgetLine", message: "预算科目 \(policy.budgetLine) 不存在 / no such budget line")])
            }
            let existing = try await stores.cashout.fetchPolicy(policy.id)
            // The same definition again (a form sent twice, a listing re-published) is not a new version.
            if let existing, { var same = policy; same.version = existing.policy.version; return same == existing.policy }() {
                return existing.policy
            }
            var published = policy
            published.version = (existing?.policy.version ?? 0) + 1
            guard try await stores.cashout.upsertPolicy(PublishedPolicy(policy: published, publishedAt: at, publishedBy: user.actorName)) else {
                throw CashoutError.concurrentEdit("政策 \(policy.id) / policy \(policy.id)")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "policy.publish", subject: "policy:\(policy.id)",
                                              detail: "v\(published.version) \(published.name) \(published.amount.summary)", role: user.role.rawValue,
                                              before: existing.map { Self.digest($0.policy) } ?? "", after: Self.digest(published)))
            return published
        }
    }

    public func policies() async throws -> [PublishedPolicy] {
        try await transactor.read { try await $0.cashout.fetchPolicies() }
    }

    public func policy(_ id: String) async throws -> PublishedPolicy {
        guard let p = try await transactor.read({ try await $0.cashout.fetchPolicy(id) }) else { throw CashoutError.notFound("政策 / policy") }
        return p
    }

    // MARK: Budget

    public func openBudgetLine(code: String, name: String, year: Int, by user: User) async throws {
        try Self.require(user, .managePolicies)
        var problems: [Problem] = []
        if code.isEmpty || code.utf8.count > 64 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            problems.append(Problem(path: "code", message: "1–64 个字母、数字、- 或 _ / 1–64 letters, digits, - or _"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(name, max: 100) {
            problems.append(Problem(path: "name", message: "1–100 个字符，不含控制字符 / 1–100 characters, no control characters"))
        }
        if !(2000...2100).contains(year) { problems.append(Problem(path: "year", message: "2000–2100")) }
        guard problems.isEmpty else { throw CashoutError.invalid(problems) }
        let at = now
        try await transactor.write { stores in
            guard try await stores.cashout.fetchBudgetLine(code) == nil else {
                throw CashoutError.invalid([Problem(path: "code", message: "预算科目已存在 / the budget line exists")])
            }
            try await stores.cashout.insertBudgetLine(BudgetLine(code: code, name: name, year: year))
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "budget.open", subject: "budget:\(code)", detail: "\(name) \(year)",
                                              role: user.role.rawValue))
        }
    }

    /// Credits a line with (part of) its appropriation.
    public func appropriate(line: String, amount: Money, note: String, by user: User) async throws -> BudgetLine {
        try Self.require(user, .managePolicies)
        guard CleanText.isText(note, max: 500) else { throw CashoutError.invalid([Problem(path: "note", message: "≤ 500 字，不含控制字符 / at most 500 characters")]) }
        guard amount.fen > 0, amount <= Money(yuan: 10_000_000_000) else {
            throw CashoutError.invalid([Problem(path: "amount", message: "须大于 0 且不超过 100 亿元 / more than 0 and at most 10 billion yuan")])
        }
        let at = now
        return try await transactor.write { stores in
            guard let before = try await stores.cashout.fetchBudgetLine(line) else { throw CashoutError.notFound("预算科目 / budget line") }
            _ = try await stores.cashout.post(BudgetEntry(line: line, kind: .appropriation, amount: amount, at: at, actor: user.actorName, note: note))
            guard let after = try await stores.cashout.fetchBudgetLine(line) else { throw CashoutError.notFound("预算科目 / budget line") }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "budget.appropriate", subject: "budget:\(line)",
                                              detail: "+\(amount.yuanText) \(note)", role: user.role.rawValue, before: Self.digest(before), after: Self.digest(after)))
            return after
        }
    }

    public func budgetLines() async throws -> [BudgetLine] {
        try await transactor.read { try await $0.cashout.fetchBudgetLines() }
    }

    public func ledger(line: String) async throws -> [BudgetEntry] {
        try await transactor.read { stores in
            guard try await stores.cashout.fetchBudgetLine(line) != nil else { throw CashoutError.notFound("预算科目 / budget line") }
            return try await stores.cashout.fetchEntries(line: line)
        }
    }

    // MARK: Matching

    public struct MatchRow: Sendable {
        public var match: PolicyMatch
        public var name: String
        public var townCode: String?
        /// A live application or a payment already holds this firm's once-key.
        public var claimed: Bool
        /// The year the policy reads (`Policy.factYear`) when the firm declared for it
        /// figures nobody has verified yet: the verdict and amount above do not use them.
        public var declaredYears: [Int] = []
    }

    /// Every firm the policy may pay, with reasons, amounts and missing data; firms that plainly
    /// do not qualify are left out. `year` defaults to the policy's subsidy year; another year
    /// only shows who would have qualified then.
    public func match(policyID: String, year: Int? = nil) async throws -> [MatchRow] {
        try await match(try await self.policy(policyID).policy, year: year)
    }

    /// As `match(policyID:)`, for a policy not yet published: the form's preview shows whom a
    /// draft would pay before anyone publishes it.
    public func match(_ policy: Policy, year: Int? = nil) async throws -> [MatchRow] {
        let year = year ?? policy.subsidyYear
        let date = today
        let found = Collector<MatchRow>()
        let claimed = try await transactor.read { stores in
            let declared = try await stores.declarations.openDeclarationKeys(years: [Policy.factYear(year)])
            try await stores.qualification.forEachAssessmentBatch(batchSize: 2_000) { batch in
                found.add(batch.compactMap { s in
                    let m = policy.match(PolicySubject(uscc: s.enterprise.uscc, designations: s.designations, fiscalYears: s.fiscalYears), year: year, on: date)
                    let pending = [Policy.factYear(year)].filter { declared.contains(FiscalYearKey(uscc: s.enterprise.uscc, year: $0)) }
                    // A firm the verified figures rule out stays on the list while its own figures wait:
                    // the reviewer sees whom a confirmation would bring in.
                    guard m.verdict != .ineligible || !pending.isEmpty else { return nil }
                    return MatchRow(match: m, name: s.enterprise.name, townCode: s.enterprise.townCode, claimed: false, declaredYears: pending)
                })
            }
            return try await Self.claimedKeys(found.all.compactMap(\.match.onceKey), stores)
        }
        return found.all.map { row in
            var row = row
            row.claimed = row.match.onceKey.map(claimed.contains) ?? false
            return row
        }.sorted { ($0.match.verdict.rawValue, $0.match.uscc.code) < ($1.match.verdict.rawValue, $1.match.uscc.code) }
    }

    /// Once-keys held by a live application or ever paid.
    static func claimedKeys(_ keys: [String], _ stores: any Stores) async throws -> Set<String> {
        let live = try await stores.cashout.fetchApplications(ApplicationFilter(statuses: ApplicationStatus.allCases.filter(\.holdsClaim)))
        return Set(live.compactMap(\.onceKey)).union(try await stores.cashout.paidKeys(keys))
    }

    /// 免申即享: an entitlement (a draft the firm only confirms) for every eligible firm not yet
    /// claimed, with a notice to each. Returns how many were created.
    @discardableResult
    public func createEntitlements(policyID: String, by user: User) async throws -> Int {
        try Self.require(user, .managePolicies)
        return try await entitle(policyID: policyID, actor: user.actorName, role: user.role.rawValue)
    }

    /// The entitlements of `policyID` for the eligible firms among `only` (all when nil), as
    /// `actor`: a designation import creates those its new designations earn (issue 23, item 3).
    /// Never twice: a firm holding a live application or a payment for the same once-key is skipped.
    @discardableResult
    public func entitle(policyID: String, actor: String, role: String = "", only: Set<USCC>? = nil) async throws -> Int {
        let policy = try await self.policy(policyID).policy
        let year = policy.subsidyYear
        guard policy.mode == .proactive else {
            throw CashoutError.invalid([Problem(path: "mode", message: "仅免申即享政策生成待确认名单 / only proactive policies create entitlements")])
        }
        let rows = try await match(policyID: policyID).filter { $0.match.verdict == .eligible && !$0.claimed && (only?.contains($0.match.uscc) ?? true) }
        let at = now, date = today
        return try await transactor.write { stores in
            var created = 0
            for row in rows {
                let m = row.match
                let a = CashoutApplication(policyID: policy.id, policyVersion: policy.version, budgetLine: policy.budgetLine, uscc: m.uscc, year: year, status: .draft, proactive: true,
                                           onceKey: m.onceKey, certificate: m.certificate, amount: m.amount, createdAt: at, statusSince: date)
                guard let id = try await stores.cashout.insertApplication(a) else { continue }
                created += 1
                try await stores.cashout.appendEvent(ApplicationEvent(applicationID: id, at: at, actor: actor, action: "entitle", from: nil, to: .draft,
                                                                      comment: m.reasons.joined(separator: "；")))
                try await stores.cashout.insertNotices([FirmNotice(uscc: m.uscc, at: at,
                    text: "您可享受「\(policy.name)」\(m.amount?.yuanText ?? "") 元（免申即享），请确认收款账户 / you are entitled to \(policy.name): confirm your bank account",
                    applicationID: id)])
            }
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "policy.entitle", subject: "policy:\(policy.id)",
                                              detail: "year \(year): \(created) entitlements", role: role))
            return created
        }
    }

    public func notices(uscc: USCC) async throws -> [FirmNotice] {
        try await transactor.read { try await $0.cashout.fetchNotices(uscc: uscc, limit: 50) }
    }

    // MARK: Digests for the audit chain

    static func digest(_ p: Policy) -> String {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
        return Hashing.sha256Hex((try? encoder.encode(p)) ?? Data())
    }

    static func digest(_ l: BudgetLine) -> String {
        Hashing.sha256Hex(Data("\(l.code)|\(l.appropriated.fen)|\(l.reserved.fen)|\(l.spent.fen)|\(l.available.fen)".utf8))
    }

    static func digest(_ a: CashoutApplication) -> String {
        let fields: [String] = [String(a.id), a.policyID, a.uscc.code, a.status.rawValue, String(a.amount?.fen ?? -1), a.bankAccount,
                                String(a.reviewerID ?? 0), String(a.approverID ?? 0), String(a.payerID ?? 0), String(a.batchID ?? 0), a.bankReference ?? "",
                                a.form.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")]
        return Hashing.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }
}
