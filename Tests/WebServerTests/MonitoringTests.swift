import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import RDMonitoring
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// R&D monitoring through the browser and the API (issue: 研发投入动态监测): firms file their
/// own quarters, town officers see their town only, the bureau sees the district, the targets'
/// split must add up, and the statistics report counts what was filed.
@Suite struct MonitoringTests {
    let a = Fixture.a.code, b = Fixture.b.code

    func form(_ client: any TestClientProtocol, _ uri: String, _ br: Browser, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: br.headers(form: true), body: ByteBuffer(string: "_csrf=\(br.csrf)&" + body))
    }

    @Test(arguments: TestDatabases.engines)
    func firmsFileTownsWatchTheBureauCounts(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            // The firm files its own 2023Q4: no R&D, 6 million yuan of revenue (24 million a year).
            let owner = try await Browser.signIn(client, Fixture.username(.enterprise))
            let page = String(buffer: try await client.execute(uri: "/enterprises/\(a)/rd-reports", method: .get, headers: owner.headers()).body)
            #expect(page.contains("尚未填报") && page.contains("name=\"statisticalRD\""))
            let above = try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2023Q4&operatingRevenue=6000000&statisticalRD=6000001")
            let abovePage = String(buffer: above.body)
            #expect(above.status == .unprocessableContent && abovePage.contains("高于本季营业收入"), "R&D above revenue")
            #expect(abovePage.contains("id=\"f-statisticalRD-error\"") && abovePage.contains("aria-invalid=\"true\"") && !abovePage.contains("statisticalRD:"),
                    "the message sits beside its field, without the field's key")
            let typo = String(buffer: try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2023Q4&operatingRevenue=6%E4%B8%87x&statisticalRD=0").body)
            #expect(typo.contains("id=\"f-operatingRevenue-error\"") && typo.contains("不是金额"))
            #expect(try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2024Q4&operatingRevenue=1&statisticalRD=0").status == .unprocessableContent,
                    "a future quarter")
            #expect(try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2024Q3&operatingRevenue=1&statisticalRD=0").status == .unprocessableContent,
                    "the quarter under way (today is 2024-07-01) cannot be filed yet")
            #expect(try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2023Q9&operatingRevenue=1&statisticalRD=0").status == .unprocessableContent)
            #expect(try await form(client, "/enterprises/\(a)/rd-reports", owner, "quarter=2023Q4&operatingRevenue=6000000&statisticalRD=0&rdStaff=5&employees=40").status == .seeOther)
            #expect(try await fixture.db.read { try await $0.rd.fetchReports(Fixture.a) }.count == 1)
            // Not for another firm, by form or API; nothing is stored.
            #expect(try await form(client, "/enterprises/\(b)/rd-reports", owner, "quarter=2023Q4&operatingRevenue=1&statisticalRD=0").status == .forbidden)
            let ownerToken = try await client.token(Fixture.username(.enterprise))
            let foreign = #"{"reports":[{"uscc":"\#(b)","quarter":"2023Q4","operatingRevenue":100,"statisticalRD":1}]}"#
            #expect(try await client.api(.post, "/api/v1/rd-reports", token: ownerToken, json: foreign).status == .forbidden)
            #expect(try await fixture.db.read { try await $0.rd.fetchReports(Fixture.b) }.isEmpty)

            // The bureau imports the rest: all or nothing, every bad field named.
            let staff = try await client.token(Fixture.username(.bureauReviewer))
            let bad = try await client.api(.post, "/api/v1/rd-reports", token: staff, json: #"""
                {"reports":[{"uscc":"\#(a)","quarter":"2023Q3","operatingRevenue":6000000,"statisticalRD":0},
                            {"uscc":"\#(b)","quarter":"2023Q4","operatingRevenue":6000000,"statisticalRD":100000,"rdStaff":9,"employees":3}]}
                """#)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("reports[1].rdStaff"))
            #expect(try await fixture.db.read { try await $0.rd.fetchReports(Fixture.a) }.count == 1, "nothing of a refused import is stored")
            let good = try await client.api(.post, "/api/v1/rd-reports", token: staff, json: #"""
                {"reports":[{"uscc":"\#(a)","quarter":"2023Q3","operatingRevenue":6000000,"statisticalRD":0},
                            {"uscc":"\#(b)","quarter":"2023Q4","operatingRevenue":6000000,"statisticalRD":100000,"taxDeductionRD":90000}]}
                """#)
            #expect(good.status == .created)

            // The town officer of A's town: redirected to it, shown A idle for two quarters with a
            // next step (A holds a 高企, so: bookkeeping) and late with 2024Q1; not B's town.
            let officer = try await Browser.signIn(client, Fixture.username(.townOfficer))
            let redirect = try await client.execute(uri: "/monitoring", method: .get, headers: officer.headers())
            #expect(redirect.status == .seeOther && redirect.headers[.location] == "/monitoring/towns/\(Fixture.townA)")
            let town = String(buffer: try await client.execute(uri: "/monitoring/towns/\(Fixture.townA)?year=2023", method: .get, headers: officer.headers()).body)
            #expect(town.contains("重庆示例储能科技有限公司") && town.contains("研发费用归集") && town.contains("2024年第一季度季报逾期未报"))
            #expect(!town.contains("东城精密机械有限公司"))
            #expect(try await client.execute(uri: "/monitoring/towns/\(Fixture.townB)", method: .get, headers: officer.headers()).status == .forbidden)
            #expect(try await client.execute(uri: "/statistics", method: .get, headers: officer.headers()).status == .forbidden)

            // The bureau: the district dashboard and the statistics for 2023 — B has R&D, A has
            // none: 1 of 2 above-scale industrial firms, 50.0 %; R&D 100,000 yuan (statistical basis only).
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let dash = String(buffer: try await client.execute(uri: "/monitoring?year=2023", method: .get, headers: reviewer.headers()).body)
            #expect(dash.contains("50.0%") && dash.contains("<svg") && dash.contains("巴川街道"))
            let stats = String(buffer: try await client.api(.get, "/api/v1/statistics?from=2023-01-01&to=2023-12-31", token: staff).body)
            #expect(stats.contains(#""value":"50.0%""#) && stats.contains(#""value":"10 万元""#))
            #expect(stats.contains(#""value":"—""#), "no GDP entered: no intensity, not a guess")
            let xlsx = try await client.api(.get, "/api/v1/statistics?to=2023-12-31&format=xlsx", token: staff)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            #expect(try await client.api(.get, "/api/v1/statistics?from=2024-01-01&to=2023-01-01", token: staff).status == .unprocessableContent)
            #expect(try await client.api(.get, "/api/v1/statistics?to=0001-06-01", token: staff).status == .unprocessableContent, "a date outside the calendar kept")
            let statsPage = String(buffer: try await client.execute(uri: "/statistics?from=2023-01-01&to=2023-12-31", method: .get, headers: reviewer.headers()).body)
            #expect(statsPage.contains("F12") && !statsPage.contains("/api/v1"))
            let sheet = try await client.execute(uri: "/statistics/export?from=2023-01-01&to=2023-12-31", method: .get, headers: reviewer.headers())
            #expect(sheet.status == .ok && Array(sheet.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "the page's export is a workbook, with the session")
            #expect(try await client.execute(uri: "/statistics/export?to=2023-12-31", method: .get, headers: officer.headers()).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func targetsMustAddUp(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            // In 万元, as the page asks; "1.2亿" style is accepted too (issue 22, item 5).
            let split = "year=2024&totalRD=100&shareWithRD=60.5&intensity=3.2&gdp=5000&town.\(Fixture.townA)=60"
            let short = try await form(client, "/monitoring/targets", admin, split + "&town.\(Fixture.townB)=30")
            let shortPage = String(buffer: short.body)
            #expect(short.status == .unprocessableContent && shortPage.contains("合计") && !shortPage.contains("add up"), "in Chinese only")
            let typo = String(buffer: try await form(client, "/monitoring/targets", admin, split + "&town.\(Fixture.townB)=四十").body)
            #expect(typo.contains("“四十”不是金额") && typo.contains("id=\"f-town.\(Fixture.townB)-error\"") && typo.contains("aria-invalid"), "the message sits beside the town's field")
            #expect(typo.contains("value=\"四十\"") && typo.contains("value=\"60.5\""), "what was typed comes back, not the saved plan")
            #expect(try await form(client, "/monitoring/targets", admin, split.replacingOccurrences(of: "gdp=5000", with: "gdp=0.5%E4%BA%BF") + "&town.\(Fixture.townB)=40").status == .seeOther)
            let plan = try await RDMonitoringService(transactor: fixture.db, now: { "t" }).plan(year: 2024)
            #expect(plan.target(.shareWithRD, .district) == 605 && plan.target(.intensity, .district) == 320 && plan.target(.totalRD, .town(Fixture.townB)) == 40_000_000)
            #expect(try await fixture.db.read { try await $0.rd.fetchGDP(year: 2024) } == Money(yuan: 50_000_000))
            #expect(try await form(client, "/monitoring/targets", admin, "year=2024&shareWithRD=60.55").status == .unprocessableContent, "tenths of a percent")
            #expect(try await form(client, "/monitoring/targets", admin, "year=2024&intensity=99999999999999999999999").status == .unprocessableContent, "a huge number is refused, not wrapped")
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await client.execute(uri: "/monitoring/targets?year=2024", method: .get, headers: reviewer.headers()).status == .ok)
            #expect(try await form(client, "/monitoring/targets", reviewer, split).status == .forbidden)

            // Departments and key firms through the API; the department split must add up too.
            let token = try await client.token(Fixture.username(.bureauAdmin))
            let bad = try await client.api(.post, "/api/v1/rd-targets", token: token, json: #"""
                {"year":2024,"targets":[{"indicator":"totalRD","unit":"district","value":100},{"indicator":"totalRD","unit":"department","code":"经信委","value":99}]}
                """#)
            #expect(bad.status == .unprocessableContent)
            let ok = try await client.api(.post, "/api/v1/rd-targets", token: token, json: #"""
                {"year":2024,"targets":[{"indicator":"totalRD","unit":"district","value":100},{"indicator":"totalRD","unit":"firm","code":"\#(Fixture.a.code)","value":40}]}
                """#)
            #expect(ok.status == .created)
            #expect(try await client.api(.post, "/api/v1/rd-targets", token: token, json: #"{"year":2024,"targets":[{"indicator":"joy","unit":"district","value":1}]}"#).status == .unprocessableContent)
            #expect(String(buffer: try await client.api(.get, "/api/v1/rd-targets?year=2024", token: token).body).contains(Fixture.a.code))
        }
    }
}
