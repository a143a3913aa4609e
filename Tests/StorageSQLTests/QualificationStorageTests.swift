import KechuangTestSupport
import Kernel
import Qualification
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// Batch runs, the ladder and the pool on both engines.
@Suite struct QualificationStorageTests {
    let asOf = DemoDistrict.letterDate
    let uscc = try! USCC("91500151MA6012340R")

    /// A firm that meets the 高企 hard conditions except R&D intensity (4% of 5% at 30 M sales).
    func seedNearMiss(_ db: KechuangDatabase) async throws {
        let registry = RegistryService(transactor: db, now: fixedNow)
        try await registry.create(Enterprise(uscc: uscc, name: "重庆示例储能科技有限公司", registeredOn: LocalDate("2016-04-12"),
                                             industryCode: "C3841", sme: true), actor: "test")
        for y in 2021...2023 {
            _ = try await registry.putFiscalYear(uscc, FiscalYearFacts(
                year: y, employees: 100, stStaff: 20, salesRevenue: Money(yuan: 30_000_000), totalIncome: Money(yuan: 30_000_000),
                highTechRevenue: Money(yuan: 21_000_000), rdExpense: Money(yuan: 1_200_000), rdExpenseDomestic: Money(yuan: 1_200_000)),
                source: .staff, actor: "test")
        }
        try await db.write { try await $0.registry.insertEvidence([(uscc, InnovationEvidence(ip: [IPItem(kind: .utilityModel)]))]) }
    }

    @Test(arguments: TestDatabases.engines)
    func batchRunsRecordOnlyWhatChanged(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await seedNearMiss(db)
            let batch = BatchAssessment(transactor: db, now: fixedNow)
            let first = try await batch.run(asOf: asOf, trigger: "cli", actor: "test")
            #expect(first.assessed == 1)
            let reader = QualificationReader(transactor: db)
            #expect(try await reader.list(.highTech, .nearMiss, asOf: asOf).map(\.detail) == ["900000"],
                    "short of 5% by 1% of 90 M sales over three years")
            #expect(try await reader.list(.highTech, .newlyMeeting, asOf: asOf).isEmpty)
            #expect(try await reader.list(.highTechPool, .newlyMeeting, asOf: asOf).map(\.uscc) == [uscc], "meets the relaxed checklist")

            let second = try await batch.run(asOf: asOf, trigger: "cli", actor: "test")
            #expect(second.changed == 0)
            #expect(try await reader.changes(runID: second.id, limit: 10).isEmpty)

            // More R&D in 2023: the hard conditions are met, so 高企 becomes worth applying for.
            _ = try await RegistryService(transactor: db, now: fixedNow).putFiscalYear(uscc, FiscalYearFacts(
                year: 2023, employees: 100, stStaff: 20, salesRevenue: Money(yuan: 30_000_000), totalIncome: Money(yuan: 30_000_000),
                highTechRevenue: Money(yuan: 21_000_000), rdExpense: Money(yuan: 2_200_000), rdExpenseDomestic: Money(yuan: 2_200_000)),
                source: .staff, actor: "test")
            let third = try await batch.run(asOf: asOf, trigger: "nightly", actor: "system")
            #expect(third.changed == 1)
            let changes = try await reader.changes(runID: third.id, limit: 10).filter { $0.change.qualification == .highTech }
            #expect(changes.map(\.change) == [StandingChange(qualification: .highTech, before: "ineligible", after: "possible")])
            #expect(try await reader.list(.highTech, .newlyMeeting, asOf: asOf).map(\.uscc) == [uscc])
            #expect(try await reader.list(.highTech, .nearMiss, asOf: asOf).isEmpty)
            #expect(try await reader.runs().map(\.trigger) == ["nightly", "cli", "cli"])
            // Each run leaves an audit row.
            let actions = try await db.read { try await $0.audit.fetchLatest(limit: 20) }.map(\.entry.action)
            #expect(actions.filter { $0 == "assessment.run" }.count == 3)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func poolAdmissionAndRemovalKeepTheirHistory(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await seedNearMiss(db)
            let pool = PoolService(transactor: db, now: fixedNow)
            let admitted = LocalDate("2023-12-01")!
            await #expect(throws: PoolError.reasonRequired) { try await pool.admit(uscc, on: admitted, reason: "  ", actor: "reviewer") }
            await #expect(throws: PoolError.notFound(try USCC("91110108551385082Q"))) {
                try await pool.admit(try USCC("91110108551385082Q"), on: admitted, reason: "x", actor: "reviewer")
            }
            await #expect(throws: PoolError.notMember(uscc)) { try await pool.remove(uscc, on: admitted, reason: "x", actor: "reviewer") }
            try await pool.admit(uscc, on: admitted, reason: "符合入库条件", actor: "reviewer")
            await #expect(throws: PoolError.alreadyMember(uscc)) { try await pool.admit(uscc, on: admitted, reason: "again", actor: "reviewer") }

            // Past the grace period without a project, the member is flagged; a project clears it.
            var members = try await pool.members(on: asOf)
            #expect(members.map(\.uscc) == [uscc])
            #expect(members[0].lacksProject && members[0].projects == 0)
            await #expect(throws: PoolError.self) { try await pool.addProject(uscc, SupportedProject(title: "", supportedOn: admitted), actor: "r") }
            try await pool.addProject(uscc, SupportedProject(title: "储能热管理", programme: "区级科技计划", supportedOn: LocalDate("2024-03-01")!,
                                                             funding: Money(yuan: 200_000)), actor: "reviewer")
            members = try await pool.members(on: asOf)
            #expect(!members[0].lacksProject && members[0].projects == 1)

            try await pool.remove(uscc, on: LocalDate("2024-05-31")!, reason: "研发投入下降", actor: "reviewer")
            #expect(try await pool.members(on: asOf).isEmpty)
            #expect(try await pool.members(on: LocalDate("2024-05-30")!).count == 1, "a member until the day before the exit")
            #expect(try await pool.members(on: LocalDate("2024-05-31")!).isEmpty)
            let history = try await pool.history(uscc)
            #expect(history.map(\.0.kind) == [.remove, .admit])
            #expect(history.map(\.0.reason) == ["研发投入下降", "符合入库条件"])
            // Admitted again later: a second membership, and F1-style counts see both admissions.
            try await pool.admit(uscc, on: LocalDate("2024-06-15")!, reason: "重新入库", actor: "reviewer")
            #expect(try await db.read { try await $0.district.countDesignationsIssued(.highTechPool, from: LocalDate("2024-01-01")!, to: asOf) } == 1)
            #expect(try await db.read { try await $0.registry.fetchDesignations(uscc) }.filter { $0.kind == .highTechPool }.count == 2)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func membersRecognisedAsHighTechGraduate(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await seedNearMiss(db)
            let pool = PoolService(transactor: db, now: fixedNow)
            try await pool.admit(uscc, on: LocalDate("2023-03-01")!, reason: "入库", actor: "reviewer")
            try await RegistryService(transactor: db, now: fixedNow).addDesignation(
                uscc, Designation(kind: .highTech, number: "GR202350000001", issuedOn: LocalDate("2023-12-01")!,
                                  expiresOn: LocalDate("2026-11-30")!), actor: "reviewer")
            #expect(try await pool.graduate(on: asOf, actor: "system") == 1)
            #expect(try await pool.members(on: asOf).isEmpty)
            let exit = try #require(try await pool.history(uscc).first?.0)
            #expect(exit.kind == .remove && exit.automatic)
            #expect(try await pool.graduate(on: asOf, actor: "system") == 0)
        }
    }

    /// The "done when": the demo district's ladder shows the letter's F1–F8.
    @Test(arguments: TestDatabases.engines)
    func demoLadderShowsTheLettersFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict())
            try await BatchAssessment(transactor: db, now: fixedNow).run(asOf: asOf, trigger: "cli", actor: "test")
            let ladder = try await QualificationReader(transactor: db).ladder(asOf: asOf, since: LocalDate("2023-01-01")!)
            let step = Dictionary(uniqueKeysWithValues: ladder.steps.map { ($0.kind, $0) })
            #expect(ladder.steps.map(\.kind) == [.cqTechEnterprise, .highTechPool, .highTech, .specializedSME, .littleGiant])
            #expect(step[.highTechPool]?.new == 25)            // F1
            #expect(step[.littleGiant]?.new == 1)              // F2
            #expect(step[.specializedSME]?.new == 40)          // F3
            #expect(step[.specializedSME]?.holders == 190)     // F4
            #expect(step[.cqTechEnterprise]?.new == 397)       // F5
            #expect(step[.cqTechEnterprise]?.holders == 1_358) // F6
            #expect(step[.highTech]?.holders == 232)           // F8
            #expect(step[.cqTechEnterprise]?.latestBatch?.batch == "2024-1" && step[.cqTechEnterprise]?.latestBatch?.enterprises == 36) // F7
            // The pool's history matches its designations, and its support rule has exceptions to list.
            let history = try await PoolService(transactor: db, now: fixedNow).history(limit: 1_000)
            #expect(history.filter { $0.0.kind == .admit && $0.0.on >= LocalDate("2023-01-01")! && $0.0.on <= asOf }.count == 25)
            let members = try await PoolService(transactor: db, now: fixedNow).members(on: asOf)
            #expect(members.count == step[.highTechPool]?.holders)
            #expect(members.contains(where: \.lacksProject) && members.contains { !$0.lacksProject })
        }
    }

    /// Each designation is reminded once per window: 90 days, then 30 days before expiry.
    @Test(arguments: TestDatabases.engines)
    func remindersAreRecordedOncePerWindow(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await seedNearMiss(db)
            try await RegistryService(transactor: db, now: fixedNow).addDesignation(
                uscc, Designation(kind: .highTech, number: "GR202250000001", issuedOn: LocalDate("2022-10-01")!,
                                  expiresOn: LocalDate("2025-09-30")!), actor: "test")
            let reminders = ReminderService(transactor: db, now: fixedNow)
            #expect(try await reminders.recordDue(on: LocalDate("2025-07-01")!).isEmpty, "91 days left: none yet")
            let first = try await reminders.recordDue(on: LocalDate("2025-07-02")!)
            #expect(first.map(\.daysBefore) == [90])
            #expect(try await reminders.recordDue(on: LocalDate("2025-07-03")!).isEmpty, "the 90-day reminder is given once")
            #expect(try await reminders.recordDue(on: LocalDate("2025-09-01")!).map(\.daysBefore) == [30])
            #expect(try await reminders.recordDue(on: LocalDate("2025-09-02")!).isEmpty)
            #expect(try await reminders.recordDue(on: LocalDate("2025-10-01")!).isEmpty, "expired: no reminder")
            #expect(try await reminders.reminders(uscc).map(\.daysBefore) == [30, 90])
        }
    }
}
