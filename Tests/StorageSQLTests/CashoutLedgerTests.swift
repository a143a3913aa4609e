import Accounts
import Cashout
import Foundation
import KechuangTestSupport
import Kernel
import Registry
import Services
import SQLKit
import Storage
import StorageSQL
import Testing

/// The budget ledger and the payment path on both engines (issue: policy cash-out, items 4, 5
/// and 10): concurrent approvals never overdraw a line, concurrent payments of one application
/// pay once, the schema refuses what the code must never do.
@Suite struct CashoutLedgerTests {
    /// A district of `firms` enterprises, a line, a fixed-amount policy and four staff.
    struct World {
        let service: CashoutService
        let db: KechuangDatabase
        let admin: User, reviewer: User, approver: User, finance: User, admin2: User
        let firms: [USCC]

        static func make(_ db: KechuangDatabase, firms count: Int, clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_700_000_000) }) async throws -> World {
            let district = DemoDistrict(seed: 7, enterprises: 10)
            let firms = (0..<count).map { district.uscc($0 + 1_000) }
            let users = try await db.write { stores in
                try await stores.registry.insertEnterprises(firms.enumerated().map { Enterprise(uscc: $0.element, name: "企业\($0.offset)") }, updatedAt: "2023-01-01T00:00:00Z")
                var out: [User] = []
                for (name, role) in [("admin", Role.bureauAdmin), ("reviewer", .bureauReviewer), ("approver", .bureauApprover), ("payer", .bureauAdmin), ("admin2", .bureauAdmin)] {
                    let id = try await stores.accounts.insertUser(NewUser(username: name, displayName: name, passwordHash: "x", role: role), createdAt: "2023-01-01T00:00:00Z")
                    out.append(User(id: id, username: name, displayName: name, role: role))
                }
                return out
            }
            let service = CashoutService(transactor: db, clock: clock)
            try await service.openBudgetLine(code: "L2023", name: "科技专项资金", year: 2023, by: users[0])
            try await service.publish(Policy(id: "p", name: "测试补助", basis: "测试文件 第一条", round: "2023",
                                             window: DateWindow(opens: LocalDate("2023-01-01")!, closes: LocalDate("2023-12-31")!), mode: .application,
                                             eligibility: .all([]), amount: .fixed(Money(yuan: 100_000)), frequency: .oncePerFirm, budgetLine: "L2023"), by: users[0])
            return World(service: service, db: db, admin: users[0], reviewer: users[1], approver: users[2], finance: users[3], admin2: users[4], firms: firms)
        }

        /// One application per firm, already published for objections since long ago.
        func publishedApplications() async throws -> [Int64] {
            try await db.write { stores in
                var ids: [Int64] = []
                for f in firms {
                    var a = CashoutApplication(policyID: "p", policyVersion: 1, budgetLine: "L2023", uscc: f, year: 2023, status: .inPublication, proactive: false,
                                               onceKey: "policy:p:\(f.code)", certificate: nil, amount: Money(yuan: 100_000),
                                               createdAt: "2023-06-01T00:00:00Z", statusSince: LocalDate("2023-06-01")!)
                    a.reviewerID = reviewer.id
                    a.bankAccount = "6222000011112222"
                    ids.append(try #require(try await stores.cashout.insertApplication(a)))
                }
                return ids
            }
        }

        func line() async throws -> BudgetLine { try #require(try await service.budgetLines().first) }
    }

    /// Runs `body` for every item at once; each outcome is "paid" or the refusal's error code.
    static func concurrently<T: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) async throws -> Void) async -> [String] {
        await withTaskGroup(of: String.self) { group in
            for item in items {
                group.addTask {
                    do { try await body(item); return "paid" } catch let e as CashoutError { return e.code } catch { return "error: \(error)" }
                }
            }
            var all: [String] = []
            for await o in group { all.append(o) }
            return all
        }
    }

    @Test(arguments: TestDatabases.engines)
    func sixtyFourApprovalsAndPaymentsAgainstABudgetForTenPayTen(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 64)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 1_000_000), note: "exactly ten", by: w.admin)
            let ids = try await w.publishedApplications()
            let outcomes = await Self.concurrently(ids) { id in
                try await w.service.act(id, .approve, by: w.approver)
                try await w.service.act(id, .pay, .init(bankReference: "T\(id)"), by: w.finance)
            }
            let counts = Dictionary(grouping: outcomes, by: { $0 }).mapValues(\.count)
            #expect(counts == ["paid": 10, "budget_exhausted": 54], "\(counts)")
            let line = try await w.line()
            #expect(line.available == .zero && line.reserved == .zero && line.spent == Money(yuan: 1_000_000))
            let entries = try await w.service.ledger(line: "L2023")
            #expect(entries.filter { $0.kind == .reserve }.count == 10 && entries.filter { $0.kind == .post }.count == 10)
            let paid = try await db.read { try await $0.cashout.fetchApplications(ApplicationFilter(statuses: [.paid])) }
            #expect(paid.count == 10)
            #expect(try await AuditLog.verify(db) == .intact(entries: try await db.read { try await $0.audit.fetch(afterID: 0, limit: 10_000).count },
                                                             head: try await db.read { try await $0.audit.head() } ?? ""))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func sixtyFourPaymentsOfOneApplicationPayOnce(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 1)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 5_000_000), note: "", by: w.admin)
            let id = try #require(try await w.publishedApplications().first)
            try await w.service.act(id, .approve, by: w.approver)
            let outcomes = await Self.concurrently(Array(0..<64)) { i in
                try await w.service.act(id, .pay, .init(bankReference: "TX\(i)"), by: w.finance)
            }
            #expect(outcomes.filter { $0 == "paid" }.count == 1)
            #expect(outcomes.filter { $0 == "illegal_step" }.count == 63, "\(Set(outcomes))")
            let line = try await w.line()
            #expect(line.spent == Money(yuan: 100_000) && line.available == Money(yuan: 4_900_000) && line.reserved == .zero)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func threeDifferentPeopleReviewApproveAndPay(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 2)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 1_000_000), note: "", by: w.admin)
            let ids = try await w.publishedApplications()
            // The administrator reviewed nothing here, so may approve; then may not pay what it approved.
            try await w.service.act(ids[0], .approve, by: w.admin)
            await #expect(throws: CashoutError.self) { try await w.service.act(ids[0], .pay, .init(bankReference: "T1"), by: w.admin) }
            // A reviewer-turned-approver is refused by the code...
            var reviewerAsApprover = w.approver
            reviewerAsApprover.id = w.reviewer.id
            do { try await w.service.act(ids[1], .approve, by: reviewerAsApprover); Issue.record("the reviewer approved") }
            catch let e as CashoutError { #expect(e.code == "separation_of_duties") }
            // ...and by the schema, had the code let it through.
            await #expect(throws: (any Error).self) {
                try await db.write { stores in
                    var a = try #require(try await stores.cashout.fetchApplication(ids[1], forUpdate: true))
                    a.approverID = a.reviewerID
                    try await stores.cashout.updateApplication(a)
                }
            }
            let line = try await w.line()
            #expect(line.reserved == Money(yuan: 100_000) && line.available == Money(yuan: 900_000))
        }
    }

    /// Approval derives the amount again from the verified figures (issue 19, item 1): a figure
    /// the firm declared but nobody confirmed moves no money; a staff correction made since the
    /// application began does; and a firm the verified figures no longer qualify is refused.
    @Test(arguments: TestDatabases.engines)
    func approvalDerivesTheAmountFromVerifiedFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 1)
            let firm = w.firms[0]
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 5_000_000), note: "", by: w.admin)
            var p = try await w.service.policy("p").policy
            p.eligibility = .factAtLeast(.rdExpense, atLeast: Money(yuan: 500_000))
            p.amount = .share(of: .fact(.rdExpense), basisPoints: 1_000, cap: Money(yuan: 1_000_000))
            _ = try await w.service.publish(p, by: w.admin)
            let registry = RegistryService(transactor: db, now: { "2023-06-01T00:00:00Z" })
            try await registry.putFiscalYear(firm, FiscalYearFacts(year: 2022, rdExpense: Money(yuan: 1_000_000)), source: .staff, actor: "staff")
            func apply(_ year: Int) async throws -> Int64 {
                try await db.write { stores in
                    var a = CashoutApplication(policyID: "p", policyVersion: 2, budgetLine: "L2023", uscc: firm, year: year, status: .inPublication, proactive: false,
                                               onceKey: "policy:p:\(firm.code):\(year)", certificate: nil, amount: Money(yuan: 100_000),
                                               createdAt: "\(year)-06-01T00:00:00Z", statusSince: LocalDate("2023-06-01")!)
                    a.reviewerID = w.reviewer.id
                    a.bankAccount = "6222000011112222"
                    return try #require(try await stores.cashout.insertApplication(a))
                }
            }
            let first = try await apply(2023)
            // The firm declares ten times the R&D: it waits, and the approval ignores it.
            _ = try await registry.declareFiscalYear(firm, FiscalYearFacts(year: 2022, rdExpense: Money(yuan: 10_000_000)), evidence: "自报", actor: "user:firm")
            let row = try #require(try await w.service.match(policyID: "p", year: 2023).first { $0.match.uscc == firm })
            #expect(row.declaredYears == [2022] && row.match.amount == Money(yuan: 100_000), "the match names the waiting year and ignores it")
            let approved = try await w.service.act(first, .approve, by: w.approver)
            #expect(approved.amount == Money(yuan: 100_000), "10 % of the verified 1,000,000, not of the declared 10,000,000")
            #expect(try await w.line().reserved == Money(yuan: 100_000))

            // A second application, begun on figures staff later corrected downwards below the threshold.
            let other = try await apply(2024)
            try await registry.putFiscalYear(firm, FiscalYearFacts(year: 2023, rdExpense: Money(yuan: 200_000)), source: .staff, actor: "staff")
            do {
                try await w.service.act(other, .approve, by: w.approver)
                Issue.record("approved below the threshold on verified figures")
            } catch CashoutError.incomplete(let problems) {
                #expect(problems.contains { $0.message.contains("按已核实数据不能批准") }, "\(problems)")
            }
            #expect(try await w.line().reserved == Money(yuan: 100_000), "nothing reserved for the refused approval")
            try await registry.putFiscalYear(firm, FiscalYearFacts(year: 2023, rdExpense: Money(yuan: 2_000_000)), source: .staff, actor: "staff")
            #expect(try await w.service.act(other, .approve, by: w.approver).amount == Money(yuan: 200_000), "the corrected figure, not the one at the start")
            let events = try await w.service.application(other, for: w.approver).1
            #expect(events.contains { $0.action == "rederive" && $0.comment.contains("10 万元 → 20 万元") }, "the change is written in the history")
            #expect(try await w.service.application(first, for: w.approver).1.allSatisfy { $0.action != "rederive" }, "an unchanged amount writes nothing")
        }
    }

    /// Re-publishing the same definition makes no version; a new version that names another
    /// budget line leaves the money of earlier applications on theirs.
    @Test(arguments: TestDatabases.engines)
    func versionsDoNotMoveMoney(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 1)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 500_000), note: "", by: w.admin)
            let id = try #require(try await w.publishedApplications().first)
            var p = try await w.service.policy("p").policy
            #expect(try await w.service.publish(p, by: w.admin).version == 1, "the same definition again is not a new version")
            try await w.service.openBudgetLine(code: "L2024", name: "另一科目", year: 2024, by: w.admin)
            _ = try await w.service.appropriate(line: "L2024", amount: Money(yuan: 500_000), note: "", by: w.admin)
            p.budgetLine = "L2024"
            #expect(try await w.service.publish(p, by: w.admin).version == 2)
            try await w.service.act(id, .approve, by: w.approver)
            try await w.service.act(id, .pay, .init(bankReference: "T1"), by: w.finance)
            let lines = Dictionary(uniqueKeysWithValues: try await w.service.budgetLines().map { ($0.code, $0) })
            #expect(lines["L2023"]?.spent == Money(yuan: 100_000) && lines["L2024"]?.spent == .zero && lines["L2024"]?.available == Money(yuan: 500_000))
        }
    }

    /// The treasury file is the one issued: a line reversed after batching stays in it, and the
    /// file still matches its recorded digest.
    @Test(arguments: TestDatabases.engines)
    func aBatchFileStaysAsIssued(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 2)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 500_000), note: "", by: w.admin)
            let ids = try await w.publishedApplications()
            for id in ids { try await w.service.act(id, .approve, by: w.approver) }
            let batch = try await w.service.createBatch(by: w.finance)
            try await w.service.act(ids[0], .reverse, .init(comment: "重复申报"), by: w.approver)
            let (record, file) = try await w.service.batchFile(batch.id, by: w.finance)
            #expect(file.lines.map(\.applicationID) == ids && record.count == 2 && file.total == Money(yuan: 200_000))
            #expect(Hashing.sha256Hex(Data(file.canonical.utf8)) == record.digest)
            let paid = try await w.service.payBatch(batch.id, reference: "TR", by: w.finance)
            #expect(paid.paid == 1, "the reversed line is not paid")
            let line = try await w.line()
            #expect(line.spent == Money(yuan: 100_000) && line.reserved == .zero && line.available == Money(yuan: 400_000))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theLedgerIsAppendOnlyAndTheBalanceNeverNegative(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let w = try await World.make(db, firms: 1)
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 10), note: "", by: w.admin)
            for sql in ["UPDATE budget_entries SET amount_fen = 1", "DELETE FROM budget_entries",
                        "UPDATE budget_lines SET available_fen = -1, appropriated_fen = appropriated_fen - 1001"] {
                await #expect(throws: (any Error).self, "\(sql)") { try await db.withSQL(transaction: true) { try await $0.raw(SQLQueryString(sql)).run() } }
            }
            #expect(try await w.line().available == Money(yuan: 10))
            // A reservation beyond what is available is refused and writes nothing.
            let reserved = try await db.write { try await $0.cashout.post(BudgetEntry(line: "L2023", kind: .reserve, amount: Money(fen: 1_001), applicationID: nil, at: "", actor: "")) }
            #expect(!reserved)
            #expect(try await w.service.ledger(line: "L2023").count == 1)
        }
    }
}
