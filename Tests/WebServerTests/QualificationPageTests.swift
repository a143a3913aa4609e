import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Spreadsheet
import Testing
@testable import WebServer

/// The ladder and pool pages: who may see and change them, and what bad input gets.
@Suite struct QualificationPageTests {
    let a = Fixture.a.code

    func post(_ client: any TestClientProtocol, _ browser: Browser, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: browser.headers(form: true),
                                 body: ByteBuffer(string: "_csrf=\(browser.csrf)&" + body))
    }

    @Test(arguments: TestDatabases.engines, Role.allCases)
    func rolesFollowThePolicy(_ engine: SQLEngine, _ role: Role) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(role))
            let views = role.isBureau || role == .auditor
            let manages = role == .bureauAdmin || role == .bureauReviewer
            let ladder = try await client.execute(uri: "/ladder", method: .get, headers: browser.headers())
            let pool = try await client.execute(uri: "/pool", method: .get, headers: browser.headers())
            #expect(ladder.status == (views ? .ok : .forbidden), "\(role) ladder")
            #expect(pool.status == (views ? .ok : .forbidden), "\(role) pool")
            if views { #expect(String(buffer: ladder.body).contains("<svg class=\"funnel\"")) }

            let admit = try await post(client, browser, "/pool/admit", "uscc=\(a)&on=2024-01-10&reason=%E7%AC%A6%E5%90%88")
            #expect(admit.status == (manages ? .seeOther : .forbidden), "\(role) admit")
            let members = try await fixture.db.read { try await $0.qualification.holders(.highTechPool, on: LocalDate("2024-06-30")!, limit: 10) }
            #expect(members.count == (manages ? 1 : 0), "\(role): a denied admission changes nothing")

            let run = try await post(client, browser, "/ladder/run", "asOf=2024-06-30")
            #expect(run.status == (role == .bureauAdmin ? .seeOther : .forbidden), "\(role) run")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func badInputIsA4xxAndChangesNothing(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let noReason = try await post(client, browser, "/pool/admit", "uscc=\(a)&on=2024-01-10&reason=")
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("请填写原因") && String(buffer: noReason.body).contains("id=\"f-reason-error\""), "beside the reason")
            let badCode = try await post(client, browser, "/pool/admit", "uscc=91500151MA6012340Q&reason=x")
            #expect(badCode.status == .unprocessableContent)
            let badDate = try await post(client, browser, "/pool/admit", "uscc=\(a)&on=2024-13-01&reason=x")
            #expect(badDate.status == .unprocessableContent)
            let unknown = try await post(client, browser, "/pool/admit", "uscc=91110108551385082Q&reason=x")
            #expect(unknown.status == .notFound)
            let notMember = try await post(client, browser, "/pool/remove", "uscc=\(a)&reason=x")
            #expect(notMember.status == .conflict)
            let badFunding = try await post(client, browser, "/pool/projects", "uscc=\(a)&title=T&supportedOn=2024-01-01&funding=abc")
            let fundingPage = String(buffer: badFunding.body)
            #expect(badFunding.status == .unprocessableContent && fundingPage.contains("“abc”不是金额"), "not a member: no project form, the message in the panel")
            let noTitle = try await post(client, browser, "/pool/projects", "uscc=\(a)&title=&supportedOn=2024-01-01&funding=1")
            #expect(noTitle.status == .unprocessableContent && String(buffer: noTitle.body).contains("项目名称不能为空"))
            let forged = try await client.execute(uri: "/pool/admit", method: .post, headers: browser.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=forged&uscc=\(a)&reason=x"))
            #expect(forged.status == .forbidden)
            for uri in ["/ladder?kind=bogus&list=holders", "/ladder?asOf=2024-02-30", "/pool?asOf=yesterday"] {
                #expect(try await client.execute(uri: uri, method: .get, headers: browser.headers()).status == .unprocessableContent, "\(uri)")
            }
            let events = try await fixture.db.read { try await $0.pool.fetchEvents(nil, limit: 10) }
            #expect(events.isEmpty)
            let projects = try await fixture.db.read { try await $0.pool.fetchProjects([Fixture.a]) }
            #expect(projects.isEmpty)

            // And the happy path, with the history shown on the page.
            #expect(try await post(client, browser, "/pool/admit", "uscc=\(a)&on=2024-01-10&reason=meets").status == .seeOther)
            #expect(try await post(client, browser, "/pool/admit", "uscc=\(a)&on=2024-01-10&reason=again").status == .conflict)
            let page = String(buffer: try await client.execute(uri: "/pool?asOf=2024-06-30", method: .get, headers: browser.headers()).body)
            #expect(page.contains("重庆示例储能科技有限公司") && page.contains("在库企业（1）") && !page.contains("name=\"reason\""), "no form per row")
            let history = String(buffer: try await client.execute(uri: "/pool?view=history&asOf=2024-06-30", method: .get, headers: browser.headers()).body)
            #expect(history.contains("meets"))
            // One form, on the firm's own pool page: removal for a member.
            let firm = String(buffer: try await client.execute(uri: "/pool/firms/\(a)?asOf=2024-06-30", method: .get, headers: browser.headers()).body)
            #expect(firm.contains("action=\"/pool/remove\"") && !firm.contains("action=\"/pool/admit\"") && firm.contains("自 2024-01-10 起在库"))
            // A member's project form: each message beside its field, what was typed kept.
            let memberFunding = String(buffer: try await post(client, browser, "/pool/projects", "uscc=\(a)&title=T&supportedOn=2024-01-01&funding=abc").body)
            #expect(memberFunding.contains("id=\"f-funding-error\"") && memberFunding.contains("value=\"abc\"") && memberFunding.contains("value=\"T\""))
            let memberTitle = String(buffer: try await post(client, browser, "/pool/projects", "uscc=\(a)&title=&supportedOn=2024-01-01&funding=1").body)
            #expect(memberTitle.contains("id=\"f-title-error\"") && memberTitle.contains("请修改标出的 1 处"), "the service's problem beside the title")
            let sheet = try XLSX.read(Data(try await client.execute(uri: "/pool/export?asOf=2024-06-30", method: .get, headers: browser.headers()).body.readableBytesView))
            #expect(sheet.rows.count == 2 && sheet.rows[1][1] == a)
            let holders = String(buffer: try await client.execute(uri: "/ladder?asOf=2024-06-30&kind=highTech&list=holders", method: .get, headers: browser.headers()).body)
            #expect(holders.contains("共 1 家") && holders.contains("/ladder/export?"))
            let ladderSheet = try XLSX.read(Data(try await client.execute(uri: "/ladder/export?asOf=2024-06-30&kind=highTech&list=holders", method: .get, headers: browser.headers()).body.readableBytesView))
            #expect(ladderSheet.rows.count == 2 && ladderSheet.rows[1][1] == a && ladderSheet.rows[1][2] == "2023-11-15")
            #expect(try await client.execute(uri: "/ladder/export?kind=bogus&list=holders", method: .get, headers: browser.headers()).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theRecordPageExplainsEachQualification(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.enterprise))
            // Verified figures, entered by staff: a firm's own would wait for a reviewer (issue 19, item 1).
            let staff = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            for year in 2021...2023 {   // the 高企 window is three years (assessment-v1.md, revised 2026-12)
                _ = try await post(client, staff, "/enterprises/\(a)/fiscal-years", "year=\(year)&employees=120&stStaff=30&salesRevenue=80000000&rdExpense=2000000")
            }
            let html = String(buffer: try await client.execute(uri: "/enterprises/\(a)?asOf=2024-06-30", method: .get, headers: browser.headers()).body)
            #expect(html.contains("资质评估"))
            #expect(html.contains("国科发火〔2016〕32号 第十一条"), "each check names its rule")
            #expect(html.contains("科技人员占职工总数比例") && html.contains("25%"), "30 of 120 S&T staff")
            #expect(html.contains("待核实"), "compliance the registry does not hold is unknown, not failed")
            // R&D 3 × 2,000,000 of 3 × 80,000,000 sales is 2.5%; 4% is required at that size: 3,600,000 yuan short.
            #expect(html.contains("近三年研发费用占销售收入 2.5%，按销售收入规模需 4%；研发费用再增加约 360 万元可达要求"))
            _ = try await post(client, browser, "/language", "language=en&back=%2F")
            let en = String(buffer: try await client.execute(uri: "/enterprises/\(a)?asOf=2024-06-30", method: .get, headers: browser.headers()).body)
            #expect(en.contains("Qualifications") && en.contains("S&amp;T staff share"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theLadderAndThePoolHaveAnAPI(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let reviewer = try await client.token(Fixture.username(.bureauReviewer))
            let bank = try await client.token(Fixture.username(.bank))
            let admit = #"{"uscc":"\#(a)","on":"2024-01-10","reason":"符合入库条件"}"#
            #expect(try await client.api(.post, "/api/v1/pool/admissions", token: bank, json: admit).status == .forbidden)
            let created = try await client.api(.post, "/api/v1/pool/admissions", token: reviewer, json: admit)
            #expect(created.status == .created && String(buffer: created.body).contains("\"kind\":\"admit\""))
            #expect(try await client.api(.post, "/api/v1/pool/admissions", token: reviewer, json: admit).status == .conflict)
            let noReason = try await client.api(.post, "/api/v1/pool/admissions", token: reviewer, json: #"{"uscc":"\#(a)"}"#)
            #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains("\"path\":\"reason\""))
            let badCode = try await client.api(.post, "/api/v1/pool/removals", token: reviewer, json: #"{"uscc":"91500151MA6012340Q","reason":"x"}"#)
            #expect(badCode.status == .unprocessableContent)
            let pool = String(buffer: try await client.api(.get, "/api/v1/pool?asOf=2024-06-30", token: reviewer).body)
            #expect(pool.contains("\"admittedOn\":\"2024-01-10\""))
            let ladder = try await client.api(.get, "/api/v1/ladder?asOf=2024-06-30&since=2024-01-01", token: reviewer)
            #expect(ladder.status == .ok && String(buffer: ladder.body).contains("\"kind\":\"highTechPool\""))
            #expect(try await client.api(.get, "/api/v1/ladder/highTechPool/holders?asOf=2024-06-30", token: reviewer).status == .ok)
            #expect(try await client.api(.get, "/api/v1/ladder/bogus/holders", token: reviewer).status == .unprocessableContent)
            #expect(try await client.api(.get, "/api/v1/ladder", token: bank).status == .forbidden)
            #expect(try await client.api(.post, "/api/v1/pool/removals", token: reviewer, json: #"{"uscc":"\#(a)","on":"2024-06-01","reason":"调出"}"#).status == .created)
        }
    }

    /// The nightly run waits for the next 02:00 in China (UTC+8), never zero seconds.
    @Test func nightlyRunWaitsForTwoInTheMorningChinaTime() {
        let midnightUTC = Date(timeIntervalSince1970: 1_719_792_000)          // 2024-07-01T00:00Z = 08:00 in China
        #expect(NightlyAssessment.secondsUntil(2 * 3600, from: midnightUTC) == 18 * 3600)
        let twoInChina = midnightUTC.addingTimeInterval(-6 * 3600)            // 2024-06-30T18:00Z = 02:00 in China
        #expect(NightlyAssessment.secondsUntil(2 * 3600, from: twoInChina) == 24 * 3600, "a run that starts on the dot waits a day")
        #expect(NightlyAssessment.secondsUntil(2 * 3600, from: twoInChina.addingTimeInterval(-1)) == 1)
    }

    /// A recorded expiry reminder shows on the enterprise's page (A's 高企 expires 2026-11-14).
    @Test(arguments: TestDatabases.engines)
    func remindersShowOnTheEnterprisePage(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let recorded = try await ReminderService(transactor: fixture.db, now: { "2026-08-20T00:00:00Z" }).recordDue(on: LocalDate("2026-08-20")!)
            #expect(recorded.map(\.daysBefore) == [90])
            let owner = try await Browser.signIn(client, Fixture.username(.enterprise))
            let page = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: owner.headers()).body)
            #expect(page.contains("到期提醒") && page.contains("将于 2026-11-14 到期（提前 90 天提醒"))
        }
    }
}
