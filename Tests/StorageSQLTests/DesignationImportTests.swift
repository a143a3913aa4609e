import Accounts
import Cashout
import Foundation
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// Published lists imported into the demo district (issue 23): the letter's figures move by
/// exactly the rows matched; a preview writes nothing; a second import of the same list adds
/// nothing; a 高企 list graduates pool members and entitles the new holders under a 免申即享
/// policy — on SQLite and PostgreSQL.
@Suite struct DesignationImportTests {
    static let clock: @Sendable () -> Date = { ISOTime.parse("2024-07-01T08:00:00Z")! }
    static let since = LocalDate("2023-01-01")!

    /// Demo firms holding none of `kinds`, in code order.
    static func firms(without kinds: Set<DesignationKind>, _ db: KechuangDatabase, count: Int, skipping: Set<USCC> = []) async throws -> [(USCC, String)] {
        try await db.read { stores in
            // The demo repeats a few names; a firm whose name another bears would (rightly) go to review.
            let all = try await stores.registry.fetchNames()
            let counts = Dictionary(all.map { (EnterpriseName.normalised($0.1), 1) }, uniquingKeysWith: +)
            let names = all.sorted { $0.0.code < $1.0.code }.filter { !skipping.contains($0.0) && counts[EnterpriseName.normalised($0.1)] == 1 }
            let held = try await stores.registry.fetchDesignations(codes: names.map(\.0.code))
            return Array(names.filter { u, _ in !(held[u.code] ?? []).contains { kinds.contains($0.kind) } }.prefix(count))
        }
    }

    static func csv(_ rows: [(String, String)]) -> Data {
        Data((["2024年重庆市专精特新中小企业名单（第一批）", "序号,企业名称,所属区县"] + rows.enumerated().map { "\($0.offset + 1),\($0.element.0),\($0.element.1)" }).joined(separator: "\r\n").utf8)
    }

    @Test(arguments: TestDatabases.engines)
    func publishedListsMoveTheLettersFiguresByTheRowsMatched(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict())
            let stats = DistrictStatistics(transactor: db)
            func figures() async throws -> RegistryFigures {
                try await stats.registryFigures(since: Self.since, asOf: DemoDistrict.letterDate, batch: "2024-1")
            }
            let importer = DesignationImporter(transactor: db, clock: Self.clock)
            let registry = RegistryService(transactor: db, now: fixedNow)
            let before = try await figures()

            // 专精特新: five firms, written as a notice writes them — a former name, full-width brackets,
            // the long legal form — with a row of another district and a name nobody holds.
            let five = try await Self.firms(without: [.specializedSME], db, count: 5)
            var renamed = try #require(try await db.read { try await $0.registry.fetchEnterprise(five[1].0) })
            renamed.name = "重庆新名称科技有限公司"
            try await registry.update(renamed, actor: "test")
            var bracketed = try #require(try await db.read { try await $0.registry.fetchEnterprise(five[2].0) })
            bracketed.name = "重庆括号(铜梁)实业有限公司"
            try await registry.update(bracketed, actor: "test")
            let other = try await Self.firms(without: [.specializedSME], db, count: 1, skipping: Set(five.map(\.0)))[0]
            let list = Self.csv([(five[0].1, "铜梁区"), (five[1].1, "铜梁区"), ("重庆括号（铜梁）实业有限责任公司", "重庆市铜梁区"),
                                 (five[3].1.replacingOccurrences(of: "有限公司", with: "有限责任公司"), "铜梁区"), (five[4].1, ""),
                                 (other.1, "璧山区"), ("重庆查无此企业有限公司", "铜梁区")])
            let options = DesignationImportOptions(kind: .specializedSME, batch: "2024-1", issuedOn: LocalDate("2024-03-01")!, source: "渝经信发〔2024〕1号", district: "铜梁区")
            let preview = try await importer.preview(list, options)
            #expect(preview.toAdd == 5 && preview.otherDistrict == 1 && preview.unmatched == 1 && preview.inReview == 0)
            let bases = preview.rows.compactMap { r -> DesignationMatcher.Basis? in if case .matched(let c) = r.outcome { return c.basis }; return nil }
            #expect(bases == [.name, .formerName, .normalisedName, .normalisedName, .name])
            #expect(try await figures().newSpecialised == before.newSpecialised, "a preview writes nothing")
            let done = try await importer.confirm(list, options, chosen: [:], actor: "test")
            #expect(done.written == 5)
            var after = try await figures()
            #expect(after.newSpecialised == before.newSpecialised + 5 && after.specialisedValid == before.specialisedValid + 5)   // F3, F4
            let stored = try #require(try await db.read { try await $0.registry.fetchDesignations(five[1].0) }.first { $0.kind == .specializedSME })
            #expect(stored.source == "渝经信发〔2024〕1号" && stored.batch == "2024-1" && stored.expiresOn == LocalDate("2027-02-28"))
            let again = try await importer.confirm(list, options, chosen: [:], actor: "test")
            #expect(again.written == 0 && again.recorded == 5, "the same list twice adds nothing")

            // 科技型企业, batch 2024-1: F5, F6 and F7 move by three.
            let tech = try await Self.firms(without: [.cqTechEnterprise], db, count: 3)
            _ = try await importer.confirm(Self.csv(tech.map { ($0.1, "铜梁区") }), DesignationImportOptions(
                kind: .cqTechEnterprise, batch: "2024-1", issuedOn: LocalDate("2024-04-01")!, source: "重庆市科技型企业名单", district: "铜梁区"), chosen: [:], actor: "test")
            // 高企 and 小巨人: F8 by two, F2 by one; a review row settled by a person counts too.
            let high = try await Self.firms(without: [.highTech], db, count: 2)
            let highList = Data("企业名称,证书编号\n\(high[0].1),GR202450000001\n\(high[1].1)（分公司）,GR202450000002\n".utf8)
            let highOptions = DesignationImportOptions(kind: .highTech, batch: "2024-1", issuedOn: LocalDate("2024-05-01")!, source: "国科火字〔2024〕1号", district: nil)
            let highPreview = try await importer.preview(highList, highOptions)
            #expect(highPreview.toAdd == 1 && highPreview.inReview + highPreview.unmatched == 1, "a name with an extra word is only similar: a person decides")
            let highDone = try await importer.confirm(highList, highOptions, chosen: [3: high[1].0], actor: "test")
            #expect(highDone.written == 2)
            let giant = try await Self.firms(without: [.littleGiant], db, count: 1)
            _ = try await importer.confirm(Self.csv(giant.map { ($0.1, "铜梁区") }), DesignationImportOptions(
                kind: .littleGiant, batch: nil, issuedOn: LocalDate("2024-02-01")!, source: "工信部企业函〔2024〕1号", district: "铜梁区"), chosen: [:], actor: "test")
            after = try await figures()
            #expect(after.newLittleGiants == before.newLittleGiants + 1)            // F2
            #expect(after.newTechEnterprises == before.newTechEnterprises + 3)      // F5
            #expect(after.techEnterprises == before.techEnterprises + 3)            // F6
            #expect(after.techEnterprisesInBatch == before.techEnterprisesInBatch + 3) // F7
            #expect(after.highTechValid == before.highTechValid + 2)                // F8

            // A number held by another firm is refused and shown.
            let third = try await Self.firms(without: [.highTech], db, count: 1)
            let clash = try await importer.confirm(Data("企业名称,证书编号\n\(third[0].1),GR202450000001\n".utf8), highOptions, chosen: [:], actor: "test")
            #expect(clash.written == 0 && clash.held == 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aHighTechListGraduatesPoolMembersAndEntitlesTheNewHolders(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict(seed: 5, enterprises: 300))
            let pool = PoolService(transactor: db, now: fixedNow)
            let admin = User(id: 0, username: "admin", displayName: "管理员", role: .bureauAdmin)
            let firms = try await Self.firms(without: [.highTech, .highTechPool], db, count: 2)
            try await pool.admit(firms[0].0, on: LocalDate("2024-01-10")!, reason: "培育", actor: "test")
            // A 免申即享 policy for first recognitions in 2024 (its window opens in 2025).
            let cashout = CashoutService(transactor: db, clock: Self.clock)
            try await cashout.openBudgetLine(code: "L2024", name: "科技专项", year: 2024, by: admin)
            _ = try await cashout.appropriate(line: "L2024", amount: Money(yuan: 5_000_000), note: "预算", by: admin)
            var policy = try #require(DemoDistrict.cashoutPolicies().first { $0.id == "tl-hte-first" })
            policy.round = "2024"; policy.budgetLine = "L2024"
            policy.window = DateWindow(opens: LocalDate("2025-03-01")!, closes: LocalDate("2025-11-30")!)
            try await cashout.publish(policy, by: admin)

            let list = Data("企业名称\n\(firms[0].1)\n\(firms[1].1)\n".utf8)
            let options = DesignationImportOptions(kind: .highTech, batch: "2024-1", issuedOn: LocalDate("2024-05-01")!, source: "国科火字〔2024〕1号", district: nil)
            let done = try await DesignationImporter(transactor: db, clock: Self.clock).confirm(list, options, chosen: [:], actor: "user:reviewer")
            #expect(done.written == 2 && done.graduated == 1 && done.entitlements == 2)
            #expect(try await pool.members(on: LocalDate("2024-06-30")!).contains { $0.uscc == firms[0].0 } == false, "the member left the pool")
            let drafts = try await db.read { try await $0.cashout.fetchApplications(ApplicationFilter(statuses: [.draft])) }.filter { $0.policyID == "tl-hte-first" }
            #expect(Set(drafts.map(\.uscc)) == Set(firms.map(\.0)) && drafts.allSatisfy { $0.amount == Money(yuan: 300_000) && $0.proactive })
            // Importing it again creates nothing more.
            let again = try await DesignationImporter(transactor: db, clock: Self.clock).confirm(list, options, chosen: [:], actor: "user:reviewer")
            #expect(again.written == 0 && again.entitlements == 0)
        }
    }
}
