import Testing
import Accounts
import Kernel
import Qualification
import RDMonitoring
@testable import Services
@testable import WebPages

/// Pages write instants as Beijing time to the minute (issue 22, item 3).
@Suite struct FormatTests {
    @Test(arguments: [
        ("2023-11-24T02:00:00Z", "2023-11-24 10:00"),
        ("2023-12-31T16:00:00Z", "2024-01-01 00:00"),   // the day turns in Beijing
        ("2023-12-31T15:59:59Z", "2023-12-31 23:59"),
        ("2024-02-28T16:30:00Z", "2024-02-29 00:30"),    // a leap day
        ("2024-06-30", "2024-06-30"),                    // a date alone stays as it is
        ("not a time", "not a time"),
    ])
    func beijingTime(_ iso: String, _ shown: String) {
        #expect(Format.time(iso) == shown)
    }
}

/// Money as official documents write it, and quarters by name (issue 22, item 3).
@Suite struct MoneyFormatTests {
    @Test(arguments: [
        (Int64(2_838_000_000), "28,380,000.00"), (123_456_789, "1,234,567.89"), (100, "1.00"), (5, "0.05"), (0, "0.00"),
        (-123_456_700, "-1,234,567.00"), (99_999_999_999, "999,999,999.99"),
    ])
    func tableYuan(_ fen: Int64, _ shown: String) {
        #expect(Format.yuan(Money(fen: fen)) == shown)
    }

    /// Each unit's edge on both sides: 9,999.99 元 / 1 万元, 9,999.99 万元 / 1 亿元.
    @Test(arguments: [
        (Int64(999_999), "9,999.99 元", "9,999.99 yuan"), (1_000_000, "1 万元", "10,000.00 yuan"),
        (2_838_000_000, "2,838 万元", "28.38 million yuan"), (2_838_500_000, "2,838.5 万元", "28.39 million yuan"),
        (9_999_990_000, "9,999.99 万元", "100 million yuan"),
        (10_000_000_000, "1 亿元", "100 million yuan"), (125_000_000_000, "12.5 亿元", "1.25 billion yuan"),
        (-3_000_000_000, "-3,000 万元", "-30 million yuan"),
    ])
    func summaryAmount(_ fen: Int64, _ zh: String, _ en: String) {
        #expect(Format.amount(Money(fen: fen), Lang(.zh)) == zh)
        #expect(Format.amount(Money(fen: fen), Lang(.en)) == en)
    }

    @Test func wanColumnsRoundHalfUp() {
        #expect(Format.wan(1_234_565_000) == "1,234.57")
        #expect(Format.wan(1_234_564_999) == "1,234.56")
        #expect(Format.wan(0) == "0.00")
    }

    @Test func quartersByName() {
        #expect(Format.quarter(Quarter(year: 2024, quarter: 1)!, Lang(.zh)) == "2024年第一季度")
        #expect(Format.quarter(Quarter(year: 2023, quarter: 4)!, Lang(.zh)) == "2023年第四季度")
        #expect(Format.quarter(Quarter(year: 2024, quarter: 1)!, Lang(.en)) == "2024 Q1")
    }

    @Test func actorsByName() {
        #expect(Format.actor("user:admin", Lang(.zh)) == "admin")
        #expect(Format.actor("user:admin", Lang(.zh), names: ["user:admin": "区科技局管理员"]) == "区科技局管理员")
        #expect(Format.actor("system:demo", Lang(.zh)) == "系统")
        #expect(Format.actor("cli:import", Lang(.en)) == "command line")
    }
}

/// Chart axes tick at round values from zero past the largest (issue 22, item 6).
@Suite struct ChartTickTests {
    @Test(arguments: [
        (64_554.0, [0.0, 20_000, 40_000, 60_000, 80_000]), (14_214, [0, 5_000, 10_000, 15_000]), (100, [0, 25, 50, 75, 100]),
        (1, [0, 0.25, 0.5, 0.75, 1]), (0, [0, 1]),
    ] as [(Double, [Double])])
    func roundTicks(_ max: Double, _ ticks: [Double]) {
        #expect(SVGCharts.niceTicks(max: max) == ticks)
    }

    /// The R&D trend draws the year's target per quarter over that year's quarters only, named
    /// in the legend, and the axis reaches it even when every quarter is below it.
    @Test func trendCarriesTheTargetLevel() throws {
        let series: [(Quarter, Money)] = try [("2023Q4", 2_000_000), ("2024Q1", 3_000_000), ("2024Q2", 4_000_000)].map { (try #require(Quarter($0.0)), Money(yuan: $0.1)) }
        let standing = RDStanding(indicator: .totalRD, actual: 7_000_000_00, target: 40_000_000_00, progress: nil)
        let svg = MonitoringPage.trend(series, year: 2024, standings: [standing], Lang(.zh)).text
        #expect(svg.contains("class=\"level\"") && svg.contains("2024 年目标的季度均值") && svg.contains("1,000 万元"), "4,000万 ÷ 4 = 1,000万 a quarter")
        let none = MonitoringPage.trend(series, year: 2024, standings: [], Lang(.zh)).text
        #expect(!none.contains("class=\"level\"") && none.contains("当季研发经费"), "no target, no level; the line is still named")
    }
}

/// Every qualification route has a name in both languages: none shows as its code.
@Suite struct RouteNameTests {
    @Test func everyRouteIsNamed() {
        let raw = TechSMEResult.Route.allCases.map(\.rawValue) + InnovativeSMEResult.Route.allCases.map(\.rawValue) + SpecializedSMEResult.Route.allCases.map(\.rawValue)
        for r in Set(raw) {
            let zh = CheckLabels.routeName(r, Lang(.zh)), en = CheckLabels.routeName(r, Lang(.en))
            #expect(zh != r && !en.isEmpty && !zh.contains(where: { $0.isASCII && $0.isLetter }), "\(r): \(zh) / \(en)")
        }
    }
}


/// Sign-in throttling counts an IPv6 client by its /64 (issue 19, item 3).
@Suite struct ThrottleNetworkTests {
    @Test func ipv6AddressesCountByTheirSlash64() {
        #expect(AuthService.ThrottleKeys.network("203.0.113.5") == "203.0.113.5")
        #expect(AuthService.ThrottleKeys.network("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64")
        #expect(AuthService.ThrottleKeys.network("2001:db8:1:2::ffff") == AuthService.ThrottleKeys.network("2001:db8:1:2:aaaa::1"))
        #expect(AuthService.ThrottleKeys.network("2001:db8::1") == "2001:db8:0:0::/64")
        #expect(AuthService.ThrottleKeys.network("") == "")
        let a = AuthService.ThrottleKeys(username: "Admin", address: "2001:db8:1:2::9")
        #expect(a.pair == "u:admin|a:2001:db8:1:2::/64" && a.address == "a:2001:db8:1:2::/64")
    }
}
