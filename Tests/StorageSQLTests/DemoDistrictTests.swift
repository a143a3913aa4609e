import Accounts
import KechuangTestSupport
import Foundation
import Kernel
import Matching
import Lending
import Registry
import Services
import Storage
import StorageSQL
import Testing

@Suite struct DemoDistrictTests {
    /// letter-figures.md: the default demo, queried like any district, gives the letter's figures.
    @Test(arguments: TestDatabases.engines)
    func defaultDemoReproducesTheLettersRegistryFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let outcome = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict())
            #expect(outcome == .seeded(enterprises: 2_400))
            let f = try await DistrictStatistics(transactor: db).registryFigures(
                since: LocalDate("2023-01-01")!, asOf: DemoDistrict.letterDate, batch: "2024-1")
            #expect(f.poolAdmitted == 25)          // F1
            #expect(f.newLittleGiants == 1)        // F2
            #expect(f.newSpecialised == 40)        // F3
            #expect(f.specialisedValid == 190)     // F4
            #expect(f.newTechEnterprises == 397)   // F5
            #expect(f.techEnterprises == 1_358)    // F6
            #expect(f.techEnterprisesInBatch == 36) // F7
            #expect(f.highTechValid == 232)        // F8
            #expect(f.platforms == 194)            // F16
            #expect(f.municipalPlatforms == 102)
            #expect(f.talentsIntroduced == 1_357)  // F19
            #expect(f.highSkillReserve == 563)
            #expect(f.innovationPointsLoans.enterprises == 8 && f.innovationPointsLoans.amount == Money(yuan: 51_000_000))            // F20
            #expect(f.knowledgeValueLoansHalfYear.enterprises == 28 && f.knowledgeValueLoansHalfYear.amount == Money(yuan: 52_650_000)) // F21
            #expect(f.knowledgeValueLoans.enterpriseTimes == 482 && f.knowledgeValueLoans.amount == Money(yuan: 896_000_000))        // F22
            // F11–F13 from the quarterly reports, statistical basis only.
            let rd = try await DistrictStatistics(transactor: db).rdFigures(year: 2023)
            #expect(rd.shareWithRD == 589, "F11: \(rd.aboveScaleWithRD) of \(rd.aboveScaleIndustrial)")
            #expect(rd.totalRD == Money(yuan: 2_226_000_000))   // F12
            #expect(rd.intensity == 302)                         // F13
            #expect(f.whiteListed == 21)           // F23 "20+": the demo's rule over its books, published at seeding
            // The list is the rule's: every firm on it holds a valid 高企 and spent 30 million yuan on R&D in 2023.
            let list = try #require(try await WhiteListService(transactor: db).latest())
            let again = try await WhiteListService(transactor: db).compute(rule: list.rule, asOf: list.asOf)
            #expect(again.included.map(\.uscc) == list.entries.map(\.uscc) && again.considered == 2_400)
            #expect(list.entries.allSatisfy { $0.met.count == 2 })

            // The figures move with the dates, as real queries do.
            let later = try await DistrictStatistics(transactor: db).registryFigures(
                since: LocalDate("2023-01-01")!, asOf: LocalDate("2024-12-31")!, batch: "2024-2")
            #expect(later.techEnterprises > 1_358)
            #expect(later.techEnterprisesInBatch == 60)
            #expect(try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict()) == .alreadyPopulated(enterprises: 2_400))
        }
    }

    /// F9, F10 and F24: the demo's 2023 round runs through the service steps and the report
    /// reads the amounts from the published policies and the payments from the ledger.
    @Test(arguments: TestDatabases.engines)
    func theDemoRoundReproducesTheCashoutFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let district = DemoDistrict()
            let staff = try await Self.seededWithStaff(db, district)
            let paid = try await DemoCashout.seedIfEmpty(db, staff: staff)
            #expect(paid == 429)
            #expect(try await DemoCashout.seedIfEmpty(db, staff: staff) == 0, "seeded once")
            let report = try await DistrictStatistics(transactor: db).report(from: LocalDate("2023-01-01")!, to: DemoDistrict.letterDate, batch: "2024-1")
            let figure = { (id: String) in report.figures.first { $0.id == id }?.value }
            #expect(figure("F9") == "30 万元 / 20 万元")
            #expect(figure("F10") == "2,838 万元", "F10 \"2000余万元\": more than 20 million yuan paid in 2023")
            #expect(figure("F24") == "7")
            #expect(report.figures.map(\.id).starts(with: ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11"]))
            let line = try #require(try await CashoutService(transactor: db, clock: { Date() }).budgetLines().first)
            #expect(line.spent == Money(yuan: 28_380_000) && line.reserved == .zero && line.available == Money(yuan: 11_620_000))
            guard case .intact = try await AuditLog.verify(db) else { Issue.record("audit chain broken"); return }
        }
    }

    /// F14, F15, F17, F18, F25: the demo's call runs end to end, the chief-expert round is
    /// proposed and accepted, and the report counts them from the records.
    @Test(arguments: TestDatabases.engines)
    func theDemoProgrammesReproduceTheMatchingFigures(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let district = DemoDistrict()
            let staff = try await Self.seededWithStaff(db, district)
            #expect(try await DemoProgrammes.seedIfEmpty(db, staff: staff, district: district) == 15)
            #expect(try await DemoProgrammes.seedIfEmpty(db, staff: staff, district: district) == 0, "seeded once")
            let report = try await DistrictStatistics(transactor: db).report(from: LocalDate("2024-01-01")!, to: DemoDistrict.letterDate, batch: "2024-1")
            let figure = { (id: String) in report.figures.first { $0.id == id }?.value }
            #expect(figure("F14") == "8")
            #expect(figure("F15") == "15")
            #expect(figure("F17") == "40 / 15")
            #expect(figure("F18") == "40 / 10 / 29")
            let f25 = try #require(figure("F25"))
            #expect(f25.contains("海辰储能科技有限公司：9（") && f25.contains("爱玛车业有限公司：21（") && f25.contains("鹿享家科技有限公司：11（高企 5）"), "\(f25)")
            let ids = report.figures.map { Int($0.id.dropFirst())! }
            #expect(ids == ids.sorted(), "in the letter's order")

            // The call went through the whole chain: every recommended project has its steps,
            // five scores each, and no reviewer sits on a panel of their own institution's partner.
            let service = ProgrammeService(transactor: db, clock: { Date() })
            let callID = try #require(try await service.programmes().calls.first?.id)
            let ranking = try await service.ranking(callID: callID)
            let recommended = ranking.rows.filter { [.recommended, .contracted, .completed].contains($0.project.status) }
            #expect(recommended.count == 15 && recommended.allSatisfy { $0.row.rank <= 15 && $0.scores.count == 5 })
            // The top three are contracted with three milestones each; the first ran to acceptance.
            let contracted = recommended.filter { $0.project.status != .recommended }
            #expect(contracted.map(\.row.rank) == [1, 2, 3] && contracted.map(\.project.status) == [.completed, .contracted, .contracted])
            #expect(try await service.project(contracted[0].project.id)?.milestones.allSatisfy { $0.reportedOn != nil } == true)
            for c in contracted.dropFirst() { #expect(try await service.project(c.project.id)?.milestones.map(\.reportedOn) == [nil, nil, nil]) }
            // The top firm applied again under the energy-storage call with the same text: both
            // projects are flagged, and only that firm's.
            let storage = try #require(try await service.programmes().calls.first { $0.title == DemoProgrammes.storageCallTitle })
            let top = try #require(try await service.project(contracted[0].project.id))
            #expect(top.overlaps.count == 1 && top.overlaps[0].textSimilarity > 0.9 && top.overlaps[0].sameBudgetLine && top.overlaps[0].periodsOverlap)
            let counts = try await service.overlapCounts(callID: storage.id)
            #expect(counts == [top.overlaps[0].other.id: 1], "\(counts)")
            #expect(try await service.overlapCounts(callID: callID) == [top.project.id: 1])
            #expect(ranking.rows.contains { !$0.row.flags.outliers.isEmpty }, "the planted outlier is flagged")
            let experts = Dictionary(uniqueKeysWithValues: try await db.read { try await $0.programmes.fetchExperts() }.map { ($0.expert.id, $0.expert) })
            for r in ranking.rows { for e in r.scores.keys { #expect(!r.project.partners.contains(experts[e]?.institution ?? "")) } }
            let steps = try #require(try await service.project(recommended[3].project.id)).steps.map(\.action)
            #expect(steps == [.checkUnit, .checkDepartment, .accept, .assignReviewers, .recommend])
            let round = try await service.chiefRound(DemoProgrammes.round)
            #expect(round.count == 40 && round.allSatisfy { $0.match != nil })
            #expect(round.filter { $0.match?.termStarts != nil }.count == 24, "both sides accepted: a one-year term")
            #expect(round.filter(\.targetsMet).count == 8, "eight terms met every target, with evidence")
            let tally = try await db.read { try await $0.district.talentTally(on: DemoDistrict.letterDate) }
            #expect(tally.filter { $0.category == .introduced }.reduce(0) { $0 + $1.count } == 1357, "F19 unchanged by the profile")
            #expect(tally.allSatisfy { $0.field != nil && $0.level != nil } && Set(tally.compactMap(\.level)).count == 4)
            let funnels = try await service.events().map(\.funnel)
            #expect(funnels.map { [$0.registered, $0.attended, $0.intentions, $0.contracts] } == [[46, 40, 15, 5], [12, 0, 0, 0]])
            let evidence = try await service.chiefResults(needID: try #require(round.first { $0.targetsMet }?.need.id))
            #expect(evidence.count == 4 && evidence.allSatisfy { !$0.evidence.isEmpty })

            // The shared instruments: nine, each used in the quarter to the letter's date, and four
            // requests for July waiting for their hosts.
            let booked = try await DemoSharing.seedIfEmpty(db, staff: staff, district: district)
            #expect(booked > 100)
            #expect(try await DemoSharing.seedIfEmpty(db, staff: staff, district: district) == 0, "seeded once")
            let use = try await SharingService(transactor: db, clock: { Date() }).catalogue(days: DemoDistrict.letterDate.adding(days: -89)...DemoDistrict.letterDate)
            #expect(use.count == 9 && use.allSatisfy { ($0.utilisation ?? 0) > 0.05 && ($0.utilisation ?? 1) < 1 }, "\(use.map(\.utilisation))")
            #expect(use.reduce(0) { $0 + ($1.bookings[.declined] ?? 0) } > 0 && use.reduce(0) { $0 + ($1.bookings[.cancelled] ?? 0) } > 0)

            // Chain supply: six needs, the top three proposed for each met at the order meeting, one
            // order each; none proposed is a firm the leader brought in already (F25's).
            #expect(try await DemoSupply.seedIfEmpty(db, staff: staff, district: district) == 6)
            let supply = try await SupplyService(transactor: db, clock: { Date() }).overview(year: 2024)
            #expect(supply.needs.count == 6 && supply.needs.allSatisfy { (supply.proposals[$0.id]?.count ?? 0) >= 3 })
            #expect(supply.shares.map { $0.share.map { ($0 * 10_000).rounded() } } == [125, 150, 108].map { Optional(Double($0)) }, "\(supply.shares)")
            let present = Set(try await db.read { try await $0.programmes.fetchChainSuppliers() }.map { "\($0.leader.code) \($0.supplier.code)" })
            for n in supply.needs { for p in supply.proposals[n.id] ?? [] { #expect(!present.contains("\(n.leader.code) \(p.supplier.code)")) } }
            guard case .intact = try await AuditLog.verify(db) else { Issue.record("audit chain broken"); return }
        }
    }

    /// Outside demo mode the demo accounts with their published passwords are disabled, and
    /// demo mode brings them back (issue 19, item 7).
    @Test(arguments: TestDatabases.engines)
    func publishedDemoPasswordsStopOutsideDemoMode(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let district = DemoDistrict(seed: 7, enterprises: 20)
            _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(district)
            var settings = AuthService.Settings()
            settings.bcryptCost = 4
            let auth = AuthService(transactor: db, clock: { Date() }, settings: settings)
            #expect(try await DemoAccounts.ensure(auth, district: district).count == 8)
            let off = try await DemoAccounts.disablePublished(auth)
            #expect(off.count == 8 && off.contains("admin"))
            await #expect(throws: AuthError.invalidCredentials) { try await auth.login(username: "admin", password: "demo-admin-2024", kind: .web) }
            #expect(try await DemoAccounts.disablePublished(auth).isEmpty, "already disabled")
            let audit = try await db.read { try await $0.audit.fetchLatest(limit: 50) }.map(\.entry)
            #expect(audit.filter { $0.action == "account.disable" }.count == 8)
            _ = try await DemoAccounts.ensure(auth, district: district)
            #expect(try await auth.login(username: "admin", password: "demo-admin-2024", kind: .web).user.username == "admin", "demo mode brings them back")
        }
    }

    /// The default demo with its accounts; the staff who run its rounds.
    static func seededWithStaff(_ db: KechuangDatabase, _ district: DemoDistrict) async throws -> DemoCashout.Staff {
        _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(district)
        var settings = AuthService.Settings()
        settings.bcryptCost = 4
        _ = try await DemoAccounts.ensure(AuthService(transactor: db, clock: { Date() }, settings: settings), district: district)
        return try #require(try await DemoCashout.staff(db))
    }

    @Test func generationIsDeterministicAndValid() {
        let a = DemoDistrict(seed: 7, enterprises: 500)
        let b = DemoDistrict(seed: 7, enterprises: 500)
        var codes = Set<USCC>()
        for i in 0..<500 {
            let x = a.enterprise(at: i), y = b.enterprise(at: i)
            #expect(x.enterprise == y.enterprise && x.fiscalYears == y.fiscalYears && x.designations == y.designations)
            #expect(x.enterprise.problems().isEmpty)
            #expect(x.enterprise.uscc.organisationCodeCheckValid)
            for f in x.fiscalYears { #expect(f.problems(at: "", registeredOn: x.enterprise.registeredOn).isEmpty) }
            codes.insert(x.enterprise.uscc)
        }
        #expect(codes.count == 500, "codes are unique")
        #expect(DemoDistrict(seed: 8, enterprises: 500).enterprise(at: 0).enterprise != a.enterprise(at: 0).enterprise)
    }
}
