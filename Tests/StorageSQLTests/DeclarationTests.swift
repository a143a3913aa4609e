import Accounts
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// A firm's declaration never overwrites verified figures; a reviewer confirms or rejects it
/// against its evidence (issue 19, item 1).
@Suite struct DeclarationTests {
    let uscc = try! USCC("91500151MA6012340R")
    let reviewer = User(id: 7, username: "li", displayName: "李审核", role: .bureauReviewer)
    let firm = User(id: 9, username: "firm", displayName: "企业", role: .enterprise, enterprise: try! USCC("91500151MA6012340R"))
    let staffFigures = FiscalYearFacts(year: 2023, employees: 100, salesRevenue: Money(yuan: 50_000_000), rdExpense: Money(yuan: 1_000_000))
    let declared = FiscalYearFacts(year: 2023, employees: 120, salesRevenue: Money(yuan: 80_000_000), rdExpense: Money(yuan: 4_000_000))

    func setUp(_ db: KechuangDatabase) async throws -> RegistryService {
        let service = RegistryService(transactor: db, now: fixedNow)
        try await service.create(Enterprise(uscc: uscc, name: "重庆示例储能科技有限公司", registeredOn: LocalDate("2016-04-12"), industryCode: "C3841", sme: true), actor: "t")
        try await service.putFiscalYear(uscc, staffFigures, source: .staff, actor: "staff:wang")
        return service
    }

    @Test(arguments: TestDatabases.engines)
    func aDeclarationWaitsBesideTheVerifiedFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            guard case .pending(let id) = try await service.declareFiscalYear(uscc, declared, evidence: "2023年度审计报告 渝审字〔2024〕12号", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            let record = try await service.record(uscc)
            #expect(record.fiscalYears.map(\.facts) == [staffFigures], "the verified figures stand")
            #expect(record.history.first?.subject == "declaration:2023")
            let open = try await service.declarations(of: uscc)
            #expect(open.map(\.id) == [id])
            #expect(open.first?.status == .pending)
            #expect(open.first?.changes(from: staffFigures) == [.employees, .salesRevenue, .rdExpense])

            // The same declaration again is the same one; different figures supersede it.
            #expect(try await service.declareFiscalYear(uscc, declared, evidence: "2023年度审计报告 渝审字〔2024〕12号", actor: "user:firm") == .pending(id))
            var corrected = declared
            corrected.employees = 121
            guard case .pending(let second) = try await service.declareFiscalYear(uscc, corrected, evidence: "审计报告（更正）", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            #expect(second != id)
            let all = try await service.declarations(of: uscc)
            #expect(all.map(\.status) == [.pending, .superseded])

            // Declaring exactly the verified figures leaves nothing to check.
            #expect(try await service.declareFiscalYear(uscc, staffFigures, evidence: "无变化", actor: "user:firm") == .matchesVerified)
            #expect(try await service.declarations(of: uscc).allSatisfy { $0.status != .pending })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func evidenceAndValidFiguresAreRequired(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            await #expect(throws: RegistryError.invalid([Problem(path: "evidence", message: "请注明依据，如审计报告或汇算清缴申报表及其编号 / name the evidence, e.g. the audit report")])) {
                try await service.declareFiscalYear(self.uscc, self.declared, evidence: "  ", actor: "user:firm")
            }
            await #expect(throws: RegistryError.self) {
                try await service.declareFiscalYear(self.uscc, FiscalYearFacts(year: 2023, employees: 10, stStaff: 20), evidence: "报表", actor: "user:firm")
            }
            await #expect(throws: RegistryError.self, "a declaration of nothing") {
                try await service.declareFiscalYear(self.uscc, FiscalYearFacts(year: 2022), evidence: "报表", actor: "user:firm")
            }
            #expect(try await service.declarations(of: uscc).isEmpty, "nothing stored")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aReviewerConfirmsAgainstEvidence(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            guard case .pending(let id) = try await service.declareFiscalYear(uscc, declared, evidence: "审计报告", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            await #expect(throws: RegistryError.notPermitted, "a firm cannot confirm its own figures") {
                try await service.confirmDeclaration(id, note: "自查无误", by: self.firm)
            }
            await #expect(throws: RegistryError.self, "a note is required") {
                try await service.confirmDeclaration(id, note: " ", by: self.reviewer)
            }
            let confirmed = try await service.confirmDeclaration(id, note: "与审计报告第 3 页一致", by: reviewer)
            #expect(confirmed.status == .confirmed)
            #expect(confirmed.decidedBy == "user:li")
            let record = try await service.record(uscc)
            #expect(record.fiscalYears.map(\.facts) == [declared])
            #expect(record.fiscalYears.first?.source == .declared)
            await #expect(throws: RegistryError.alreadyDecided(.confirmed)) {
                try await service.rejectDeclaration(id, reason: "晚了", by: self.reviewer)
            }
            let notices = try await db.read { try await $0.cashout.fetchNotices(uscc: self.uscc, limit: 5) }
            #expect(notices.first?.text.contains("已核实") == true)
            let audit = try await db.read { try await $0.audit.fetchLatest(limit: 50) }.map(\.entry)
            #expect(audit.contains { $0.action == "fiscalYear.verify" && $0.actor == "user:li" && $0.role == "bureauReviewer" })
        }
    }

    /// A field the firm leaves blank is not declared: confirming keeps its verified value.
    @Test(arguments: TestDatabases.engines)
    func blankFieldsKeepTheirVerifiedValues(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            let partial = FiscalYearFacts(year: 2023, employees: 150)
            guard case .pending(let id) = try await service.declareFiscalYear(uscc, partial, evidence: "社保缴纳名单", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            #expect(try await service.declarations(of: uscc).first?.changes(from: staffFigures) == [.employees])
            _ = try await service.confirmDeclaration(id, note: "与社保名单一致", by: reviewer)
            var expected = staffFigures
            expected.employees = 150
            #expect(try await service.record(uscc).fiscalYears.map(\.facts) == [expected], "sales and R&D stay as verified")
            #expect(try await service.declareFiscalYear(uscc, FiscalYearFacts(year: 2023, employees: 150), evidence: "同上", actor: "user:firm") == .matchesVerified)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRejectedDeclarationChangesNothing(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            guard case .pending(let id) = try await service.declareFiscalYear(uscc, declared, evidence: "自制报表", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            let rejected = try await service.rejectDeclaration(id, reason: "与汇算清缴申报表不符", by: reviewer)
            #expect(rejected.status == .rejected)
            #expect(try await service.record(uscc).fiscalYears.map(\.facts) == [staffFigures])
            let notices = try await db.read { try await $0.cashout.fetchNotices(uscc: self.uscc, limit: 5) }
            #expect(notices.first?.text.contains("与汇算清缴申报表不符") == true)
            await #expect(throws: RegistryError.declarationNotFound(999)) {
                try await service.confirmDeclaration(999, note: "x", by: self.reviewer)
            }
        }
    }

    /// A double submit (two identical declarations at once) leaves one open declaration, and both
    /// answers name it — on PostgreSQL the second insert meets the first at the partial index.
    @Test(arguments: TestDatabases.engines)
    func aDoubleSubmitOpensOneDeclaration(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            async let a = service.declareFiscalYear(uscc, declared, evidence: "审计报告", actor: "user:firm")
            async let b = service.declareFiscalYear(uscc, declared, evidence: "审计报告", actor: "user:firm")
            let (x, y) = try await (a, b)
            let open = try await service.declarations(of: uscc).filter { $0.status == .pending }
            #expect(open.count == 1)
            #expect(x == .pending(try #require(open.first?.id)) && x == y, "\(x) \(y)")
        }
    }

    /// Two reviewers deciding one declaration at once: one wins, the other is told it was decided.
    @Test(arguments: TestDatabases.engines)
    func concurrentDecisionsDecideOnce(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = try await setUp(db)
            guard case .pending(let id) = try await service.declareFiscalYear(uscc, declared, evidence: "审计报告", actor: "user:firm") else {
                Issue.record("expected a pending declaration"); return
            }
            let other = User(id: 8, username: "zhao", displayName: "赵审核", role: .bureauAdmin)
            // Each outcome: "won", "decided" (told it was decided already) or the unexpected error.
            func outcome(_ step: @Sendable () async throws -> FiscalYearDeclaration) async -> String {
                do { _ = try await step(); return "won" } catch RegistryError.alreadyDecided { return "decided" } catch { return "\(error)" }
            }
            async let a = outcome { try await service.confirmDeclaration(id, note: "一致", by: self.reviewer) }
            async let b = outcome { try await service.rejectDeclaration(id, reason: "不一致", by: other) }
            let outcomes = await [a, b].sorted()
            #expect(outcomes == ["decided", "won"], "\(outcomes)")
            let audit = try await db.read { try await $0.audit.fetchLatest(limit: 50) }.map(\.entry)
            #expect(audit.filter { $0.action == "fiscalYear.verify" || $0.action == "fiscalYear.reject" }.count == 1)
        }
    }
}
