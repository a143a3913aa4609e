import KechuangTestSupport
import Kernel
import Registry
import Services
import StorageSQL
import Testing

let fixedNow: @Sendable () -> String = { "2024-07-01T08:00:00Z" }

@Suite struct RegistryServiceTests {
    let uscc = try! USCC("91500151MA6012340R")

    func sample() -> Enterprise {
        Enterprise(uscc: uscc, name: "重庆示例储能科技有限公司", registeredOn: LocalDate("2016-04-12"), industryCode: "C3841", sme: true)
    }

    @Test(arguments: TestDatabases.engines)
    func createReadUpdateWithHistory(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = RegistryService(transactor: db, now: fixedNow)
            try await service.create(sample(), actor: "staff:li")
            await #expect(throws: RegistryError.alreadyExists(uscc)) { try await service.create(sample(), actor: "staff:li") }

            var renamed = sample()
            renamed.name = "重庆示例新能源科技有限公司"
            #expect(try await service.update(renamed, actor: "staff:wang"))
            #expect(try await !service.update(renamed, actor: "staff:wang"), "an identical update changes nothing")

            let record = try await service.record(uscc)
            #expect(record.enterprise == renamed)
            #expect(record.history.count == 2)
            #expect(record.history[0].actor == "staff:wang")
            #expect(record.history[0].before?.contains("重庆示例储能科技有限公司") == true)
            #expect(record.history[0].after?.contains("重庆示例新能源科技有限公司") == true)
            #expect(record.history[1].before == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func fiscalYearsAreStampedAndChecked(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = RegistryService(transactor: db, now: fixedNow)
            try await service.create(sample(), actor: "t")
            let facts = FiscalYearFacts(year: 2023, employees: 120, stStaff: 30, salesRevenue: Money(yuan: 80_000_000),
                                        rdExpense: Money(yuan: 4_200_000), netProfit: Money(yuan: -12))
            #expect(try await service.putFiscalYear(uscc, facts, source: .staff, actor: "staff:li"))
            #expect(try await !service.putFiscalYear(uscc, facts, source: .staff, actor: "staff:li"))
            await #expect(throws: RegistryError.notPermitted, "a firm's figures go through declareFiscalYear") {
                try await service.putFiscalYear(self.uscc, FiscalYearFacts(year: 2022, employees: 1), source: .declared, actor: "enterprise")
            }
            await #expect(throws: RegistryError.self) {
                try await service.putFiscalYear(self.uscc, FiscalYearFacts(year: 2015), source: .staff, actor: "t")
            }
            let record = try await service.record(uscc)
            #expect(record.fiscalYears.map(\.facts) == [facts])
            #expect(record.fiscalYears[0].source == .staff)
            #expect(record.fiscalYears[0].recordedAt == fixedNow())
            #expect(record.history.first?.subject == "fiscalYear:2023")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func designationsAndEvidenceRoundTrip(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let service = RegistryService(transactor: db, now: fixedNow)
            try await service.create(sample(), actor: "t")
            let d = Designation(kind: .highTech, number: "GR202150000123", issuedOn: LocalDate("2021-11-15")!,
                                expiresOn: LocalDate("2024-11-14")!, batch: "2021-1")
            try await service.addDesignation(uscc, d, actor: "t")
            await #expect(throws: RegistryError.notFound(try USCC("914403001922038216"))) {
                try await service.addDesignation(try USCC("914403001922038216"), d, actor: "t")
            }
            let record = try await service.record(uscc)
            #expect(record.designations == [d])
            #expect(record.designations[0].level == .national)
        }
    }
}
