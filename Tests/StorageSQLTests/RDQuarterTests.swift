import Foundation
import KechuangTestSupport
import Kernel
import RDMonitoring
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// R&D monitoring reads the right quarter (issue 22, item 6): "数据截至" is the last quarter that
/// has ended and fallen due on the view's date, never the latest any firm filed, so an early
/// filing moves neither the totals, the pace, the trend nor the towns' lists; a quarter not yet
/// ended is refused.
@Suite struct RDQuarterTests {
    static let a = try! USCC("91500151MA6012340R"), b = try! USCC("914403001922038216")

    static func service(_ db: KechuangDatabase, on day: String) -> RDMonitoringService {
        RDMonitoringService(transactor: db, now: { "\(day)T10:00:00Z" })
    }

    static func seed(_ db: KechuangDatabase) async throws {
        try await db.write { stores in
            try await stores.district.upsertTowns([Town(code: "500151001", name: "巴川街道")])
            try await stores.registry.insertEnterprises([
                Enterprise(uscc: a, name: "甲", townCode: "500151001", industryCode: "C3841"),
                Enterprise(uscc: b, name: "乙", townCode: "500151001", industryCode: "C3922"),
            ], updatedAt: "2024-01-01T00:00:00Z")
        }
        let q1 = try #require(Quarter("2024Q1"))
        try await service(db, on: "2024-04-20").submit([
            RDReport(uscc: a, quarter: q1, statisticalRD: Money(yuan: 100_000), operatingRevenue: Money(yuan: 6_000_000)),
            RDReport(uscc: b, quarter: q1, statisticalRD: Money(yuan: 200_000), operatingRevenue: Money(yuan: 6_000_000)),
        ], actor: "test")
    }

    @Test(arguments: TestDatabases.engines)
    func anEarlyFilingMovesNothingUntilItsQuarterIsDue(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await Self.seed(db)
            let july5 = try #require(LocalDate("2024-07-05"))
            let before = try await Self.service(db, on: "2024-07-05").overview(year: 2024, on: july5)
            #expect(before.through == Quarter("2024Q1") && before.district.statisticalRD == Money(yuan: 300_000))

            // A files its second quarter on 5 July: the quarter has ended, it falls due on the 15th.
            try await Self.service(db, on: "2024-07-05").submit([
                RDReport(uscc: Self.a, quarter: try #require(Quarter("2024Q2")), statisticalRD: Money(yuan: 500_000), operatingRevenue: Money(yuan: 6_000_000)),
            ], actor: "test")
            let early = try await Self.service(db, on: "2024-07-05").overview(year: 2024, on: july5)
            #expect(early.through == Quarter("2024Q1"), "one early filing does not move 数据截至")
            #expect(early.district == before.district, "nor the totals")
            #expect(early.standings.map(\.actual) == before.standings.map(\.actual))
            #expect(early.towns.map(\.totals) == before.towns.map(\.totals), "nor the towns")
            #expect(early.series.map(\.0) == before.series.map(\.0) && early.series.last?.1 == Money(yuan: 300_000), "nor the trend")
            let town = try #require(try await Self.service(db, on: "2024-07-05").town("500151001", year: 2024, on: july5))
            #expect(town.through == Quarter("2024Q1") && town.totals.statisticalRD == Money(yuan: 300_000))

            let july20 = try #require(LocalDate("2024-07-20"))
            let due = try await Self.service(db, on: "2024-07-20").overview(year: 2024, on: july20)
            #expect(due.through == Quarter("2024Q2") && due.district.statisticalRD == Money(yuan: 800_000), "counted once due")
            #expect(due.lateFirms == 1, "B has not filed the quarter now due")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aQuarterNotYetEndedIsRefused(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            try await Self.seed(db)
            let refused = await #expect(throws: RDError.self) {
                try await Self.service(db, on: "2024-07-05").submit([
                    RDReport(uscc: Self.a, quarter: try #require(Quarter("2024Q3")), statisticalRD: Money(yuan: 1), operatingRevenue: Money(yuan: 10)),
                ], actor: "test")
            }
            #expect(refused?.description.contains("尚未结束") == true)
            #expect(try await db.read { try await $0.rd.fetchReports(Self.a) }.count == 1)
        }
    }
}
