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

@Suite struct PageTests {
    let a = Fixture.a.code, b = Fixture.b.code

    @Test(arguments: TestDatabases.engines, Role.allCases)
    func eachRoleSeesItsPages(_ engine: SQLEngine, _ role: Role) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(role))
            let home = try await client.execute(uri: "/", method: .get, headers: browser.headers())
            if role == .enterprise {
                #expect(home.status == .seeOther && home.headers[.location] == "/enterprises/\(a)")
            } else {
                #expect(home.status == .ok)
            }
            let list = try await client.execute(uri: "/enterprises", method: .get, headers: browser.headers())
            let recordA = try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: browser.headers())
            let recordB = try await client.execute(uri: "/enterprises/\(b)", method: .get, headers: browser.headers())
            let audit = try await client.execute(uri: "/audit", method: .get, headers: browser.headers())
            let seesAll = role.isBureau || role == .auditor
            #expect(list.status == (seesAll || role == .townOfficer ? .ok : .forbidden), "\(role) list")
            #expect(recordA.status == (role == .bank || role == .expert ? .forbidden : .ok), "\(role) record A")
            #expect(recordB.status == (seesAll ? .ok : .forbidden), "\(role) record B")
            #expect(audit.status == (role == .auditor || role == .bureauAdmin ? .ok : .forbidden), "\(role) audit")
            if recordB.status == .forbidden {
                #expect(!String(buffer: recordB.body).contains("东城精密机械"), "a denial shows nothing of the record")
            }
            if list.status == .ok {
                let html = String(buffer: list.body)
                #expect(html.contains("重庆示例储能科技有限公司"))
                #expect(html.contains("东城精密机械有限公司") == seesAll, "\(role) sees B in the list only with a district-wide scope")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pagesRenderInChineseAndEnglish(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            #expect(String(buffer: try await client.execute(uri: "/login", method: .get).body).contains("登录科创服务平台"))
            let english = try await client.execute(uri: "/login?lang=en", method: .get)
            #expect(String(buffer: english.body).contains("Sign in to Kechuang"))
            #expect(Browser.setCookie(english, "kc_lang") == "en", "the choice is remembered")

            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let pages = ["/", "/enterprises", "/enterprises/\(a)", "/enterprises/\(a)/edit", "/enterprises/new", "/import"]
            let zh = ["全区概览", "企业名录", "基本信息", "编辑企业信息", "新增企业", "导入企业数据"]
            let en = ["District overview", "Enterprises", "Profile", "Edit enterprise", "Add enterprise", "Import enterprise data"]
            for (page, text) in zip(pages, zh) {
                let html = String(buffer: try await client.execute(uri: page, method: .get, headers: browser.headers()).body)
                #expect(html.contains(text), "\(page) in Chinese")
                #expect(html.contains("lang=\"zh-CN\""))
            }
            let switched = try await client.execute(uri: "/language", method: .post, headers: browser.headers(form: true),
                                                    body: ByteBuffer(string: "_csrf=\(browser.csrf)&language=en&back=%2Fenterprises"))
            #expect(switched.status == .seeOther && switched.headers[.location] == "/enterprises")
            for (page, text) in zip(pages, en) {
                let html = String(buffer: try await client.execute(uri: page, method: .get, headers: browser.headers()).body)
                #expect(html.contains(text), "\(page) in English")
                #expect(html.contains("lang=\"en\""))
            }
            let again = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(String(buffer: try await client.execute(uri: "/", method: .get, headers: again.headers()).body).contains("District overview"),
                    "the language is remembered per user")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func dashboardCountsAsOfAChosenDate(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            // A's high-tech certificate runs 2023-11-15 … 2026-11-14.
            func highTechCard(_ date: String) async throws -> Bool {
                let html = String(buffer: try await client.execute(uri: "/?asOf=\(date)", method: .get, headers: browser.headers()).body)
                return html.contains("designation=highTech\"><div class=\"n\">1</div>")
            }
            #expect(try await highTechCard("2024-06-30"))
            #expect(try await !highTechCard("2023-11-14"))
            #expect(try await !highTechCard("2026-11-15"))
            #expect(try await client.execute(uri: "/?asOf=2024-13-01", method: .get, headers: browser.headers()).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func searchFiltersAndPaginates(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            func list(_ query: String) async throws -> String {
                String(buffer: try await client.execute(uri: "/enterprises?" + query, method: .get, headers: browser.headers()).body)
            }
            #expect(try await list("q=储能").contains(a))
            #expect(try await !list("q=储能").contains(b))
            #expect(try await list("q=914403").contains(b), "USCC prefix")
            #expect(try await !list("q=914403").contains(a))
            #expect(try await list("town=500151002").contains(b))
            #expect(try await !list("industry=C38").contains(b))
            #expect(try await list("industry=C38").contains(a))
            #expect(try await list("industry=c3841").contains(a), "codes are matched in capitals")
            #expect(try await list("chain=energy-storage").contains("没有符合条件的企业"))
            #expect(try await list("designation=highTech").contains(a))
            #expect(try await !list("designation=highTech").contains(b))
            #expect(try await list("q=%25").contains("没有符合条件的企业"), "a % is a literal, not a wildcard")
            let first = try await list("offset=0&pageSize=1")
            #expect(first.contains("rel=\"next\""))
            // Industries by their GB/T 4754 names; sorting by name or by code; the export holds the filtered firms.
            let all = try await list("")
            #expect(all.contains("电气机械和器材制造业") && all.contains("通用设备制造业") && all.contains("共 2 家"))
            #expect(all.range(of: "东城精密")!.lowerBound < all.range(of: "重庆示例储能")!.lowerBound, "by name (Unicode order) first")
            let byCode = try await list("sort=code")
            #expect(byCode.range(of: a)!.lowerBound > byCode.range(of: b)!.lowerBound && byCode.contains("aria-sort=\"ascending\""), "by code: 914403… before 915001…")
            let file = try await client.execute(uri: "/enterprises/export?industry=C38", method: .get, headers: browser.headers())
            let table = try XLSX.read(Data(file.body.readableBytesView))
            #expect(file.status == .ok && table.rows.count == 2 && table.rows[1][1] == a && table.rows[1][4] == "电气机械和器材制造业")
            let town = try await Browser.signIn(client, Fixture.username(.townOfficer))
            let own = try XLSX.read(Data(try await client.execute(uri: "/enterprises/export", method: .get, headers: town.headers()).body.readableBytesView))
            #expect(own.rows.dropFirst().map { $0[1] } == [a], "a town officer exports the own town's firms only")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func editFormsShowMessagesNextToTheFields(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let bad = try await client.execute(uri: "/enterprises", method: .post, headers: browser.headers(form: true),
                                               body: ByteBuffer(string: "_csrf=\(browser.csrf)&uscc=91500151MA6012340Q&name=&industryCode=38"))
            #expect(bad.status == .unprocessableContent)
            let html = String(buffer: bad.body)
            #expect(html.contains("id=\"f-uscc-error\""))
            #expect(html.contains("check digit"))
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 2)

            let fiscal = try await client.execute(uri: "/enterprises/\(a)/fiscal-years", method: .post, headers: browser.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=\(browser.csrf)&year=2023&employees=10&stStaff=12&salesRevenue=-5"))
            #expect(fiscal.status == .unprocessableContent)
            let fhtml = String(buffer: fiscal.body)
            #expect(fhtml.contains("id=\"f-salesRevenue-error\""))
            let good = try await client.execute(uri: "/enterprises/\(a)/fiscal-years", method: .post, headers: browser.headers(form: true),
                                                body: ByteBuffer(string: "_csrf=\(browser.csrf)&year=2023&employees=120&stStaff=30&salesRevenue=80%2C000%2C000"))
            #expect(good.status == .seeOther)
            let record = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: browser.headers()).body)
            #expect(record.contains("80,000,000"))
            #expect(record.contains("<td>测试科技局管理员</td>") && !record.contains("user:") && !record.contains(Fixture.username(.bureauAdmin) + "<"),
                    "the history names who changed it by display name, never by user name or internal prefix")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func importPreviewsThenConfirms(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            func upload(_ csv: String) async throws -> TestResponse {
                let boundary = "----kechuang-test"
                let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nenterprises\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"企业.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
                var headers = browser.headers()
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await client.execute(uri: "/import", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let preview = try await upload("统一社会信用代码,企业名称,镇街代码\n91110108551385082Q,新导入企业,500151001\n91500151MA6012340Q,坏代码,\n")
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok)
            #expect(html.contains("校验码错误") && !html.contains("check digit"), "the zh page gives the Chinese half of the reason only")
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 2, "a preview writes nothing")
            let token = try #require(Browser.hiddenValue(html, "upload"))
            let strict = try await client.execute(uri: "/import/confirm", method: .post, headers: browser.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)"))
            #expect(strict.status == .unprocessableContent)
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 2)
            let lenient = try await client.execute(uri: "/import/confirm", method: .post, headers: browser.headers(form: true),
                                                   body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)&skipInvalid=1"))
            #expect(lenient.status == .ok)
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 3)

            let other = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let stolen = try await client.execute(uri: "/import/confirm", method: .post, headers: other.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=\(other.csrf)&upload=\(token)"))
            #expect(stolen.status == .notFound, "an upload is confirmed only by its uploader")
            let notCSV = try await upload("\u{0}\u{1}PNG garbage")
            #expect(notCSV.status == .unprocessableContent)
        }
    }
}
