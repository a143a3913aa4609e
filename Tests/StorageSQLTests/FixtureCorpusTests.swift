import Foundation
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// Files made by other programs (openpyxl, LibreOffice, Excel's Chinese CSV, …) under
/// `Tests/Fixtures/import/`, each imported into the same base registry and every stored field of
/// every record it names compared with `expected.json` (issue 17, item 6). A refused file must
/// leave the base exactly as it was.
@Suite struct FixtureCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import")

    struct Corpus: Decodable {
        struct Records: Decodable { var enterprises: [String: [String: String]]; var fiscalYears: [String: [String: String]] }
        struct Case: Decodable {
            var file: String; var kind: String; var outcome: String; var note: String
            var counts: [String: Int]?; var problems: [String]?; var confirmStatusChanges: Bool?
            var records: Records
        }
        var base: Records
        var cases: [Case]
    }

    static let corpus: Corpus = {
        do { return try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json"))) } catch {
            Issue.record("expected.json: \(error)")
            return Corpus(base: .init(enterprises: [:], fiscalYears: [:]), cases: [])
        }
    }()

    static let base = Enterprise(uscc: try! USCC("91500151MA6012340R"), name: "重庆示例储能科技有限公司", registeredOn: LocalDate("2016-04-12"),
                                 townCode: "500151001", industryCode: "C3841", chainTags: ["CH-EV"], status: .deregistered, sme: true)
    static let base2023 = FiscalYearFacts(year: 2023, employees: 120, stStaff: 30, rdStaff: 25, salesRevenue: Money(yuan: 80_000_000),
        operatingRevenue: Money(yuan: 81_000_000), mainBusinessRevenue: Money(yuan: 79_000_000), totalIncome: Money(yuan: 82_000_000),
        highTechRevenue: Money(yuan: 60_000_000), totalCostAndExpense: Money(yuan: 70_000_000), rdExpense: Money(yuan: 4_200_000),
        rdExpenseDomestic: Money(yuan: 4_000_000), totalAssets: Money(yuan: 150_000_000), totalLiabilities: Money(yuan: 50_000_000),
        netProfit: Money(fen: -1_550), conversions: 3)

    /// Every stored field of an enterprise, as the expectations write it.
    static func fields(_ e: Enterprise) -> [String: String] {
        ["name": e.name, "registeredOn": e.registeredOn?.description ?? "", "townCode": e.townCode ?? "", "industryCode": e.industryCode ?? "",
         "chainTags": e.chainTags.joined(separator: ";"), "status": e.status.rawValue, "sme": e.sme.map { "\($0)" } ?? ""]
    }

    static func fields(_ f: FiscalYearFacts) -> [String: String] {
        let n = { (v: Int?) in v.map(String.init) ?? "" }, m = { (v: Money?) in v?.yuanText ?? "" }
        return ["employees": n(f.employees), "stStaff": n(f.stStaff), "rdStaff": n(f.rdStaff), "salesRevenue": m(f.salesRevenue),
                "operatingRevenue": m(f.operatingRevenue), "mainBusinessRevenue": m(f.mainBusinessRevenue), "totalIncome": m(f.totalIncome),
                "highTechRevenue": m(f.highTechRevenue), "totalCostAndExpense": m(f.totalCostAndExpense), "rdExpense": m(f.rdExpense),
                "rdExpenseDomestic": m(f.rdExpenseDomestic), "totalAssets": m(f.totalAssets), "totalLiabilities": m(f.totalLiabilities),
                "netProfit": m(f.netProfit), "conversions": n(f.conversions)]
    }

    static func seed(_ db: KechuangDatabase) async throws {
        try await db.write { stores in
            try await stores.district.upsertTowns([Town(code: "500151001", name: "巴川街道"), Town(code: "500151002", name: "东城街道")])
            try await stores.district.upsertChains([IndustryChain(code: "CH-EV", name: "新能源汽车"), IndustryChain(code: "CH-MAT", name: "新材料")])
            try await stores.registry.insertEnterprises([base], updatedAt: "2024-01-01T00:00:00Z")
            try await stores.registry.upsertFiscalYears([(base.uscc, StampedFiscalYear(facts: base2023, source: .staff, recordedAt: "2024-01-01T00:00:00Z"))])
        }
    }

    @Test func theBaseMatchesItsExpectation() {
        #expect(Self.corpus.base.enterprises[Self.base.uscc.code] == Self.fields(Self.base))
        #expect(Self.corpus.base.fiscalYears["\(Self.base.uscc.code) 2023"] == Self.fields(Self.base2023))
        #expect(Self.corpus.cases.count >= 20)
    }

    @Test(arguments: TestDatabases.engines, corpus.cases.indices)
    func eachFileGivesWhatItMust(_ engine: SQLEngine, _ index: Int) async throws {
        let c = Self.corpus.cases[index]
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(c.file))
        try await TestDatabases.with(engine) { db in
            try await Self.seed(db)
            let kind = try #require(ImportKind(rawValue: c.kind))
            let report = try await RegistryImporter(transactor: db, now: fixedNow)
                .run(data, kind: kind, options: .init(actor: "test", confirmStatusChanges: c.confirmStatusChanges ?? false))
            let text = report.problems.map(\.description).joined(separator: "\n")
            switch c.outcome {
            case "applied": #expect(report.applied && report.problems.isEmpty, "\(c.file): \(text)")
            case "awaiting": #expect(!report.applied && report.awaitingConfirmation && report.statusChanges == 1, "\(c.file)")
            default: #expect(!report.applied && !report.problems.isEmpty, "\(c.file) was not refused")
            }
            for needle in c.problems ?? [] { #expect(text.contains(needle), "\(c.file): the report lacks “\(needle)”:\n\(text)") }
            let actual: [String: Int] = ["inserted": report.inserted, "updated": report.updated, "fieldsChanged": report.fieldsChanged]
            for (key, value) in c.counts ?? [:] { #expect(actual[key] == value, "\(c.file): \(key)") }

            let usccs = try c.records.enterprises.keys.map { try USCC($0) }
            let stored = try await db.read { try await $0.registry.fetchEnterprises(usccs) }
            for (code, expected) in c.records.enterprises {
                let e = try #require(stored[try USCC(code)], "\(c.file): \(code) is not stored")
                #expect(Self.fields(e) == expected, "\(c.file): \(code)")
            }
            let expectedCount = Set(c.records.enterprises.keys).count
            #expect(try await db.read { try await $0.registry.countEnterprises() } == expectedCount, "\(c.file): no other enterprise")
            for (key, expected) in c.records.fiscalYears {
                let parts = key.split(separator: " ")
                let fy = FiscalYearKey(uscc: try USCC(String(parts[0])), year: try #require(Int(parts[1])))
                let facts = try #require(try await db.read { try await $0.registry.fetchFiscalYears([fy]) }[fy], "\(c.file): \(key)")
                #expect(Self.fields(facts.facts) == expected, "\(c.file): \(key)")
            }
        }
    }

    /// Towns and chains may be given by name, as the template's drop-downs offer them (issue 22,
    /// item 5); an unknown one is refused naming both forms.
    @Test(arguments: TestDatabases.engines)
    func townsAndChainsByName(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await Self.seed(db)
            let csv = "统一社会信用代码,企业名称,镇街代码,产业链\n91500151MA601235XL,重庆乙科技有限公司,东城街道,新能源汽车;CH-MAT\n"
            let report = try await RegistryImporter(transactor: db, now: fixedNow).run(Data(csv.utf8), kind: .enterprises)
            #expect(report.applied, "\(report.problems)")
            let stored = try #require(try await db.read { try await $0.registry.fetchEnterprise(try USCC("91500151MA601235XL")) })
            #expect(stored.townCode == "500151002" && stored.chainTags == ["CH-EV", "CH-MAT"])
            let unknown = "统一社会信用代码,企业名称,镇街代码\n91500151MA601236XM,丙,南城街道\n"
            let refused = try await RegistryImporter(transactor: db, now: fixedNow).run(Data(unknown.utf8), kind: .enterprises)
            #expect(!refused.applied && refused.problems.first?.reason.contains("既不是已登记镇街的代码") == true)
        }
    }
}
