import Accounts
import Cashout
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Spreadsheet
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// The cash-out pages end to end (issue: 政策兑现): a firm applies, its form autosaves, it
/// uploads and submits; the reviewer, the approver and the administrator each act from their
/// pages; every other role is kept out of what is not theirs.
@Suite struct CashoutPageTests {
    static let equipment = Policy(id: "equipment", name: "科研设备购置补助", basis: "铜梁十二条 第八条", round: "2024",
                                  window: DateWindow(opens: LocalDate("2024-01-01")!, closes: LocalDate("2024-12-31")!), mode: .application,
                                  eligibility: .holds(.highTech), amount: .share(of: .declared("设备购置额"), basisPoints: 1_000, cap: Money(yuan: 1_000_000)),
                                  frequency: .perYear, budgetLine: "L2024", attachments: ["购置发票"])

    func post(_ client: any TestClientProtocol, _ browser: Browser, _ uri: String, _ body: String, autosave: Bool = false) async throws -> TestResponse {
        var headers = browser.headers(form: true)
        if autosave { headers[HTTPField.Name("X-Autosave")!] = "1" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(browser.csrf)&" + body))
    }

    func get(_ client: any TestClientProtocol, _ browser: Browser, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: browser.headers())
    }

    @Test(arguments: TestDatabases.engines)
    func anApplicationGoesFromFormToPaymentThroughThePages(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let staff = try await fixture.db.read { stores in
                try await [Role.bureauAdmin, .bureauReviewer, .bureauApprover].asyncMap { try #require(try await stores.accounts.fetchUser(username: Fixture.username($0))?.user) }
            }
            let service = CashoutService(transactor: fixture.db, clock: { fixture.clock.now })
            try await service.openBudgetLine(code: "L2024", name: "科技专项", year: 2024, by: staff[0])
            _ = try await service.appropriate(line: "L2024", amount: Money(yuan: 1_000_000), note: "", by: staff[0])
            try await service.publish(Self.equipment, by: staff[0])

            let firm = try await Browser.signIn(client, Fixture.username(.enterprise))
            let mine = try await get(client, firm, "/cashout/mine")
            #expect(mine.status == .ok && String(buffer: mine.body).contains("科研设备购置补助"))
            let applied = try await post(client, firm, "/cashout/apply", "policy=equipment&year=2024")
            #expect(applied.status == .seeOther)
            let path = try #require(applied.headers[.location])
            let page = try await get(client, firm, path)
            #expect(page.status == .ok && String(buffer: page.body).contains("data-autosave"))

            // Autosave answers 204 and keeps what was typed; a bad account is refused with 422.
            let saved = try await post(client, firm, path + "/save", "form.%E8%AE%BE%E5%A4%87=%E5%85%89%E8%B0%B1%E4%BB%AA&declaredBase=1200000&bankAccount=6222000011112222", autosave: true)
            #expect(saved.status == .noContent)
            #expect(try await post(client, firm, path + "/save", "bankAccount=abc", autosave: true).status == .unprocessableContent)
            let boundary = "kcboundary"
            let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(firm.csrf)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n购置发票\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 invoice\r\n--\(boundary)--\r\n"
            var headers = firm.headers()
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            #expect(try await client.execute(uri: path + "/attach", method: .post, headers: headers, body: ByteBuffer(string: multipart)).status == .seeOther)
            #expect(try await post(client, firm, path + "/step", "action=submit").status == .seeOther)
            // The attachment downloads from the page with the session (issue 22, item 1), never from the API.
            let withFile = String(buffer: try await get(client, firm, path).body)
            #expect(!withFile.contains("/api/v1"))
            let link = try #require(withFile.range(of: #"/cashout/attachments/[0-9]+"#, options: .regularExpression).map { String(withFile[$0]) })
            let download = try await get(client, firm, link)
            #expect(download.status == .ok && String(buffer: download.body) == "%PDF-1.4 invoice")
            #expect(download.headers[.contentDisposition]?.contains("filename*=UTF-8''invoice.pdf") == true)
            #expect(try await client.execute(uri: "/api/v1" + link.dropFirst("/cashout".count), method: .get, headers: firm.headers()).status == .unauthorized,
                    "the API takes bearer tokens, not the page's cookie")

            // Another firm's user, a bank officer: not found, not allowed.
            let bank = try await Browser.signIn(client, Fixture.username(.bank))
            #expect(try await get(client, bank, path).status == .notFound)
            #expect(try await get(client, bank, link).status == .notFound)
            #expect(try await get(client, bank, "/cashout").status == .forbidden)
            #expect(try await post(client, firm, path + "/step", "action=accept").status == .forbidden)

            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let queue = try await get(client, reviewer, "/cashout")
            #expect(queue.status == .ok && String(buffer: queue.body).contains(path))
            #expect(try await post(client, reviewer, path + "/step", "action=accept").status == .seeOther)
            #expect(try await post(client, reviewer, path + "/step", "action=reject").status == .unprocessableContent, "a rejection needs its reason")
            #expect(try await post(client, reviewer, path + "/step", "action=recommend&comment=ok").status == .seeOther)
            // During the publication the approver is told when approval opens, not offered a button that would be refused.
            let early = String(buffer: try await get(client, try await Browser.signIn(client, Fixture.username(.bureauApprover)), path).body)
            #expect(early.contains("结束后可批准") && !early.contains("value=\"approve\""))
            #expect(early.contains("申报 设备购置额") && early.contains("1,200,000.00 元"), "the declared figure behind the amount stays in view")
            fixture.clock.advance(10 * 86_400)
            let approver = try await Browser.signIn(client, Fixture.username(.bureauApprover))
            let review = try await get(client, approver, path)
            #expect(String(buffer: review.body).contains("value=\"approve\""))
            #expect(try await post(client, approver, path + "/step", "action=approve").status == .seeOther)

            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            #expect(try await get(client, admin, "/cashout/batches").status == .ok)
            let before = String(buffer: try await get(client, admin, "/cashout/batches").body)
            #expect(before.contains("我已核对：1 笔已批准申请，合计 120,000.00 元"), "moving money states the count and the amount")
            #expect(try await post(client, admin, "/cashout/batches", "").status == .unprocessableContent, "not without the tick")
            let created = try await post(client, admin, "/cashout/batches", "confirm=1")
            #expect(created.status == .seeOther)
            let cookie = try #require(Browser.setCookie(created, "kc_flash"))
            #expect(cookie.allSatisfy { $0.isASCII }, "a cookie value is ASCII: the Chinese message travels percent-encoded")
            var withFlash = admin.headers()
            withFlash[.cookie] = admin.cookie + "; kc_flash=" + cookie
            let landed = try await client.execute(uri: "/cashout/batches", method: .get, headers: withFlash)
            #expect(String(buffer: landed.body).contains("合计 120,000.00 元。请下载拨付文件报国库"), "the page says what the post did")
            #expect(landed.headers[values: .setCookie].contains { $0.hasPrefix("kc_flash=") && $0.contains("Max-Age=0") }, "shown once")
            let batch = try #require(try await service.batches().first)
            let batches = String(buffer: try await get(client, admin, "/cashout/batches").body)
            #expect(!batches.contains("/api/v1") && batches.contains("/cashout/batches/\(batch.id)/file?format=xlsx"))
            let treasury = try await get(client, admin, "/cashout/batches/\(batch.id)/file?format=csv")
            #expect(treasury.status == .ok && String(buffer: treasury.body).contains("120000"))
            #expect(try await get(client, admin, "/cashout/batches/\(batch.id)/file?format=pdf").status == .unprocessableContent)
            #expect(try await post(client, admin, "/cashout/batches/\(batch.id)/pay", "reference=TL-1").status == .unprocessableContent, "not without the tick")
            #expect(try await post(client, admin, "/cashout/batches/\(batch.id)/pay", "reference=TL-1&confirm=1").status == .seeOther)
            #expect(String(buffer: try await get(client, admin, "/cashout/batches").body).contains("已全部拨付"))
            // Sessions idle out over the ten days: sign in again.
            let (firmAgain, reviewerAgain) = (try await Browser.signIn(client, Fixture.username(.enterprise)), try await Browser.signIn(client, Fixture.username(.bureauReviewer)))
            let done = try await get(client, firmAgain, path)
            #expect(String(buffer: done.body).contains("TL-1/"))
            let ledger = String(buffer: try await get(client, admin, "/cashout/ledger/L2024").body)
            #expect(ledger.contains("共 3 条") && ledger.contains("拨付") && ledger.contains("120,000.00"), "appropriation, reserve, payment")
            let ledgerFile = try XLSX.read(Data(try await get(client, admin, "/cashout/ledger/L2024/export").body.readableBytesView))
            #expect(ledgerFile.rows.count == 4 && ledgerFile.rows[1][1] == "拨付", "newest first")
            #expect(try await get(client, reviewerAgain, "/cashout/batches/\(batch.id)/file?format=csv").status == .forbidden)
            #expect(try await get(client, reviewerAgain, "/cashout/policies/equipment?year=2024").status == .ok)
            #expect(try await get(client, reviewerAgain, "/cashout/applications?status=paid").status == .ok)
            let line = try #require(try await service.budgetLines().first)
            #expect(line.spent == Money(yuan: 120_000) && line.available == Money(yuan: 880_000))
            let downloads = try await EnterpriseDirectory(transactor: fixture.db).auditLog(limit: 200).filter { $0.entry.action == "file.download" }.map(\.entry)
            #expect(downloads.contains { $0.subject.hasPrefix("attachment:") && $0.actor == "user:\(Fixture.username(.enterprise))" && $0.detail == "invoice.pdf" })
            #expect(downloads.contains { $0.subject == "payment-batch:\(batch.id)" && $0.role == Role.bureauAdmin.rawValue })
        }
    }
}

extension CashoutPageTests {
    /// The administrator sets up a round from /cashout: a budget line, its appropriation, a policy.
    @Test(arguments: TestDatabases.engines)
    func theAdministratorPublishesFromThePage(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            #expect(try await post(client, reviewer, "/cashout/budget-lines", "code=L2024&name=x&year=2024").status == .forbidden)
            #expect(try await post(client, admin, "/cashout/budget-lines", "code=L2024&name=\(encode("科技专项"))&year=2024").status == .seeOther)
            #expect(try await post(client, admin, "/cashout/budget-lines", "code=L%202024&name=x&year=2024").status == .unprocessableContent)
            let badAmount = try await post(client, admin, "/cashout/appropriations", "line=L2024&amount=abc")
            #expect(badAmount.status == .unprocessableContent && String(buffer: badAmount.body).contains("id=\"f-amount-error\"")
                    && String(buffer: badAmount.body).contains("value=\"abc\""), "beside the amount, with what was typed")
            #expect(try await post(client, admin, "/cashout/appropriations", "line=L2024&amount=800000&note=\(encode("铜科局〔2024〕1号"))").status == .seeOther)
            let bad = try await post(client, admin, "/cashout/policies", "policy=\(encode("{\"id\": \"half"))")
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("{&quot;id&quot;: &quot;half"), "the draft is kept for correction")
            let json = String(decoding: try JSONEncoder().encode(Self.equipment), as: UTF8.self)
            #expect(try await post(client, admin, "/cashout/policies", "policy=\(encode(json))").status == .seeOther)
            let service = CashoutService(transactor: fixture.db, clock: { fixture.clock.now })
            #expect(try await service.policies().map(\.policy.id) == ["equipment"])
            #expect(try await service.budgetLines().first?.available == Money(yuan: 800_000))
            let page = String(buffer: try await get(client, admin, "/cashout").body)
            #expect(page.contains("科研设备购置补助") && page.contains("800,000.00"))
        }
    }
}

extension Array {
    func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}

/// The application list (issue 22, item 2): found by firm, status, policy, town and days; the
/// export holds exactly the filtered applications.
@Suite struct ApplicationListTests {
    @Test(arguments: TestDatabases.engines)
    func filtersAndExport(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let admin = try #require(try await fixture.db.read { try await $0.accounts.fetchUser(username: Fixture.username(.bureauAdmin))?.user })
            let firmUser = try #require(try await fixture.db.read { try await $0.accounts.fetchUser(username: Fixture.username(.enterprise))?.user })
            let service = CashoutService(transactor: fixture.db, clock: { fixture.clock.now })
            try await service.openBudgetLine(code: "L2024", name: "科技专项", year: 2024, by: admin)
            for (id, name) in [("p1", "研发投入补助"), ("p2", "科研设备购置补助"), ("p3", "知识产权资助")] {
                var p = CashoutPageTests.equipment
                p.id = id; p.name = name
                try await service.publish(p, by: admin)
                _ = try await service.start(policyID: id, by: firmUser)
            }
            let staff = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            func page(_ uri: String) async throws -> String { String(buffer: try await client.execute(uri: uri, method: .get, headers: staff.headers()).body) }

            #expect(try await page("/cashout/applications").contains("共 3 件"))
            #expect(try await page("/cashout/applications?q=%E7%A4%BA%E4%BE%8B%E5%82%A8%E8%83%BD").contains("共 3 件"), "by part of the name (示例储能)")
            #expect(try await page("/cashout/applications?q=91500151").contains("共 3 件"), "by the start of the code")
            #expect(try await page("/cashout/applications?q=%E4%B8%9C%E5%9F%8E").contains("没有符合条件的申请"), "another firm's name (东城)")
            #expect(try await page("/cashout/applications?policy=p2").contains("共 1 件"))
            #expect(try await page("/cashout/applications?town=\(Fixture.townB)").contains("没有符合条件的申请"))
            #expect(try await page("/cashout/applications?status=draft&town=\(Fixture.townA)&from=2024-07-01&to=2024-07-01").contains("共 3 件"))
            #expect(try await page("/cashout/applications?from=2024-07-02").contains("没有符合条件的申请"), "started on 2024-07-01 Beijing time")
            #expect(try await client.execute(uri: "/cashout/applications?to=July", method: .get, headers: staff.headers()).status == .unprocessableContent)
            let sorted = try await page("/cashout/applications?sort=firm")
            #expect(sorted.contains("aria-sort=\"ascending\""))

            let file = try await client.execute(uri: "/cashout/applications/export?policy=p2", method: .get, headers: staff.headers())
            #expect(file.status == .ok)
            let table = try XLSX.read(Data(file.body.readableBytesView))
            #expect(table.rows.count == 2 && table.rows[1][1] == "重庆示例储能科技有限公司" && table.rows[1][3] == "巴川街道" && table.rows[1][4] == "科研设备购置补助")
            #expect(table.rows[1][2] == Fixture.a.code, "the code stays text")
        }
    }
}

/// Publishing a policy from the form (issue 22, item 5): errors beside their fields, a preview of
/// the firms it would pay that publishes nothing, then the policy as data.
@Suite struct PolicyFormTests {
    @Test(arguments: TestDatabases.engines)
    func previewThenPublish(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let staff = try #require(try await fixture.db.read { try await $0.accounts.fetchUser(username: Fixture.username(.bureauAdmin))?.user })
            let service = CashoutService(transactor: fixture.db, clock: { fixture.clock.now })
            try await service.openBudgetLine(code: "L2024", name: "科技专项", year: 2024, by: staff)
            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/cashout/policies/form", method: .post, headers: admin.headers(form: true),
                                         body: ByteBuffer(string: "_csrf=\(admin.csrf)&" + body))
            }
            func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            #expect(try await client.execute(uri: "/cashout/policies/new", method: .get, headers: admin.headers()).status == .ok)
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await client.execute(uri: "/cashout/policies/new", method: .get, headers: reviewer.headers()).status == .forbidden)

            let base = "id=hte-2024&name=\(enc("高企认定奖励"))&basis=\(enc("铜梁十二条 第三条"))&opens=2024-07-01&closes=2024-09-30&mode=application"
                + "&budgetLine=L2024&cond0.kind=holds&cond0.designation=highTech&amountKind=fixed&frequency=perYear"
            let bad = try await post(base.replacingOccurrences(of: "name=\(enc("高企认定奖励"))", with: "name=") + "&fixed=abc")
            let badPage = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && badPage.contains("aria-invalid=\"true\"") && badPage.contains("定额：“abc”不是金额"))
            #expect(badPage.contains("value=\"\(enc("铜梁十二条 第三条").removingPercentEncoding!)\""), "the form comes back as typed")

            let noTiers = try await post(base.replacingOccurrences(of: "amountKind=fixed", with: "amountKind=tiered") + "&base=rdExpense&tiers=")
            #expect(noTiers.status == .unprocessableContent && String(buffer: noTiers.body).contains("至少填一档"), "an empty tier table is named, not a silent 422")
            let preview = try await post(base + "&fixed=30%E4%B8%87&intent=preview")
            let previewPage = String(buffer: preview.body)
            #expect(preview.status == .ok && previewPage.contains("符合 1 家，合计 30 万元") && previewPage.contains("重庆示例储能科技有限公司"))
            #expect(try await service.policies().isEmpty, "a preview publishes nothing")

            let published = try await post(base + "&fixed=30%E4%B8%87&intent=publish")
            #expect(published.status == .seeOther && published.headers[.location] == "/cashout/policies/hte-2024")
            let policy = try #require(try await service.policies().first?.policy)
            #expect(policy.amount == .fixed(Money(yuan: 300_000)) && policy.eligibility == .holds(.highTech) && policy.budgetLine == "L2024")

            // The matches are kept between views, and follow the data as soon as it changes (issue 22, item 8).
            func matches() async throws -> String { String(buffer: try await client.execute(uri: "/cashout/policies/hte-2024", method: .get, headers: admin.headers()).body) }
            let before = try await matches()
            #expect(before.contains("重庆示例储能科技有限公司") && !before.contains("东城精密机械有限公司"))
            #expect(try await matches() == before)
            try await RegistryService(transactor: fixture.db, now: { "2024-07-01T00:00:00Z" })
                .addDesignation(Fixture.b, Designation(kind: .highTech, issuedOn: LocalDate("2023-12-01")!, expiresOn: LocalDate("2026-11-30")!), actor: "test")
            #expect(try await matches().contains("东城精密机械有限公司"), "a new designation shows at once")
        }
    }
}
