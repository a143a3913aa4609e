import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import InnovationPoints
import KechuangTestSupport
import Kernel
import Lending
import Registry
import Services
import Storage
import StorageSQL
import Spreadsheet
import Testing
@testable import WebServer

/// The white list, the loan register, the bank workspace and the model drafts as pages.
@Suite struct LendingPageTests {
    func form(_ client: any TestClientProtocol, _ uri: String, _ b: Browser, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: b.headers(form: true), body: ByteBuffer(string: "_csrf=\(b.csrf)&" + body))
    }

    @Test(arguments: TestDatabases.engines)
    func whiteListIsPublishedAndExported(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()   // A: valid 高企, 2023 R&D 1.2 million yuan
            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let empty = String(buffer: try await client.execute(uri: "/whitelist", method: .get, headers: admin.headers()).body)
            #expect(empty.contains("尚未推荐名单"))
            #expect(try await client.api(.get, "/api/v1/whitelist", token: try await client.token(Fixture.username(.bureauAdmin))).status == .notFound)

            #expect(try await form(client, "/whitelist/publish", admin, "asOf=2024-06-30&rdExpenseAtLeast=abc").status == .unprocessableContent)
            #expect(try await form(client, "/whitelist/publish", admin, "asOf=2024-06-30&rdExpenseAtLeast=1000000&bestList=0").status == .unprocessableContent)
            let published = try await form(client, "/whitelist/publish", admin, "asOf=2024-06-30&rdExpenseAtLeast=1000000")
            #expect(published.status == .seeOther)
            let page = String(buffer: try await client.execute(uri: "/whitelist", method: .get, headers: admin.headers()).body)
            #expect(page.contains("重庆示例储能科技有限公司") && !page.contains("东城精密机械有限公司") && page.contains("2023 年研发费用 1,200,000.00 元"))

            // The page offers its files from page routes, with the session (issue 22, item 1).
            #expect(!page.contains("/api/v1") && page.contains("/whitelist/export?format=xlsx"))
            let exported = try await client.execute(uri: "/whitelist/export?format=csv", method: .get, headers: admin.headers())
            #expect(exported.status == .ok && String(buffer: exported.body).contains(Fixture.a.code))
            #expect(try await client.execute(uri: "/whitelist/export?format=pdf", method: .get, headers: admin.headers()).status == .unprocessableContent)
            #expect(try await client.execute(uri: "/api/v1/whitelist?format=csv", method: .get, headers: admin.headers()).status == .unauthorized)
            let token = try await client.token(Fixture.username(.auditor))
            let json = String(buffer: try await client.api(.get, "/api/v1/whitelist", token: token).body)
            #expect(json.contains(Fixture.a.code) && !json.contains(Fixture.b.code))
            let csv = try await client.api(.get, "/api/v1/whitelist?format=csv", token: token)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && String(buffer: csv.body).contains(Fixture.a.code))
            let xlsx = try await client.api(.get, "/api/v1/whitelist?format=xlsx", token: token)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "a ZIP package")
            #expect(try await client.api(.get, "/api/v1/whitelist?format=pdf", token: token).status == .unprocessableContent)

            // A threshold above A's spending empties the list; the page says so.
            #expect(try await form(client, "/whitelist/publish", admin, "asOf=2024-06-30&rdExpenseAtLeast=1200000.01").status == .seeOther)
            #expect(String(buffer: try await client.execute(uri: "/whitelist", method: .get, headers: admin.headers()).body).contains("没有企业符合规则"))

            // Reviewers read it but do not publish; banks and enterprises see neither.
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await client.execute(uri: "/whitelist", method: .get, headers: reviewer.headers()).status == .ok)
            #expect(try await form(client, "/whitelist/publish", reviewer, "asOf=2024-06-30&rdExpenseAtLeast=1").status == .forbidden)
            for role in [Role.bank, .enterprise] {
                let b = try await Browser.signIn(client, Fixture.username(role))
                #expect(try await client.execute(uri: "/whitelist", method: .get, headers: b.headers()).status == .forbidden)
                #expect(try await client.execute(uri: "/loans", method: .get, headers: b.headers()).status == .forbidden)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func bankWorkspaceAndRegisterPages(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let bank = try await Browser.signIn(client, Fixture.username(.bank))
            let empty = String(buffer: try await client.execute(uri: "/bank", method: .get, headers: bank.headers()).body)
            #expect(empty.contains("暂无企业向本行授权"))
            let owner = try await client.token(Fixture.username(.enterprise))
            _ = try await client.api(.post, "/api/v1/consents", token: owner, json: #"{"bank":"bank-a","scopes":["points"],"purpose":"贷款","validTo":"2025-06-30"}"#)
            let reads = { try await fixture.db.read { try await $0.consents.fetchAccess(uscc: Fixture.a, limit: 100) }.count }
            let page = String(buffer: try await client.execute(uri: "/bank", method: .get, headers: bank.headers()).body)
            #expect(page.contains("重庆示例储能科技有限公司") && page.contains("/bank/firms/\(Fixture.a.code)"))
            #expect(try await reads() == 0, "listing the consenting firms reads nothing of theirs (issue 20)")
            #expect(String(buffer: try await client.execute(uri: "/bank?q=%E4%B8%9C%E5%9F%8E", method: .get, headers: bank.headers()).body).contains("没有符合条件的企业"))
            let firm = String(buffer: try await client.execute(uri: "/bank/firms/\(Fixture.a.code)", method: .get, headers: bank.headers()).body)
            #expect(firm.contains("创新积分") && firm.contains("企业未授权积分明细") && !firm.contains("财务摘要") && firm.contains("登记授信决定"), "exactly what was granted")
            #expect(try await reads() == 1, "opening one firm is one logged read")
            #expect(try await client.execute(uri: "/bank/firms/\(Fixture.b.code)", method: .get, headers: bank.headers()).status == .forbidden, "no consent, no page")
            let log = String(buffer: try await client.api(.get, "/api/v1/consents", token: owner).body)
            #expect(log.contains("\"allowed\":true"), "the workspace's look is in the enterprise's log")

            let bad = try await form(client, "/bank/loans", bank, "uscc=\(Fixture.a.code)&product=knowledgeValue&amount=x&drawnOn=2024-07-01&maturesOn=2025-06-30&status=drawn")
            let badPage = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && badPage.contains("“x”不是金额") && badPage.contains("id=\"f-amount-error\""), "the message sits beside the amount")
            #expect(badPage.contains("value=\"2024-07-01\"") && badPage.contains("value=\"x\""), "what was typed comes back")
            let early = String(buffer: try await form(client, "/bank/loans", bank, "uscc=\(Fixture.a.code)&product=knowledgeValue&amount=100万&drawnOn=2024-07-01&maturesOn=2024-06-30&status=drawn").body)
            #expect(early.contains("早于放款日") && early.contains("id=\"f-maturesOn-error\""), "a service problem lands beside its field too")
            let made = try await form(client, "/bank/loans", bank, "uscc=\(Fixture.a.code)&product=knowledgeValue&amount=2000000&drawnOn=2024-07-01&maturesOn=2025-06-30&status=drawn")
            #expect(made.status == .seeOther)
            let id = try #require(try await fixture.db.read { try await $0.loans.fetchLoans(LoanFilter()) }.first?.id)
            #expect(try await form(client, "/bank/loans/\(id)/update", bank, "status=overdue&overduePrincipal=3000000").status == .unprocessableContent,
                    "overdue principal above the amount")
            #expect(try await form(client, "/bank/loans/\(id)/update", bank, "status=overdue&overduePrincipal=150000").status == .seeOther)
            let mine = String(buffer: try await client.execute(uri: "/bank/loans?status=overdue", method: .get, headers: bank.headers()).body)
            #expect(mine.contains("共 1 笔") && mine.contains("/bank/firms/\(Fixture.a.code)"))
            let repaid = try XLSX.read(Data(try await client.execute(uri: "/bank/loans/export?status=repaid", method: .get, headers: bank.headers()).body.readableBytesView))
            #expect(repaid.rows.count == 1, "the export holds the filtered rows: none repaid")

            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let register = String(buffer: try await client.execute(uri: "/loans?from=2024-01-01&to=2024-12-31", method: .get, headers: admin.headers()).body)
            #expect(register.contains("重庆示例储能科技有限公司") && register.contains("已熔断") && register.contains("120,000"))
            #expect(try await client.execute(uri: "/loans?from=nope", method: .get, headers: admin.headers()).status == .unprocessableContent)
            #expect(register.contains("<td>测试银行</td>") && !register.contains("<td>bank-a</td>"), "the bank by its name")
            let sheet = try await client.execute(uri: "/loans/export?from=2024-01-01&to=2024-12-31&product=knowledgeValue", method: .get, headers: admin.headers())
            let table = try XLSX.read(Data(sheet.body.readableBytesView))
            #expect(table.rows.count == 2 && table.rows[1][2] == Fixture.a.code && table.rows[1][3] == "测试银行" && table.rows[1][5] == "2,000,000.00")
            #expect(try await client.execute(uri: "/bank", method: .get, headers: admin.headers()).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func modelDraftsAreComparedAndPublished(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let page = String(buffer: try await client.execute(uri: "/points/models", method: .get, headers: admin.headers()).body)
            #expect(page.contains("cn-points-2024.1") && page.contains("暂无草稿") && page.contains("name=\"w.T1.0\""))

            // Weights that no longer sum to 100 % are refused with the stage named.
            let unbalanced = try await form(client, "/points/models", admin, "version=v2&normaliser=linear&w.T1.1=50")
            #expect(unbalanced.status == .unprocessableContent && String(buffer: unbalanced.body).contains("应为 100%"))
            #expect(try await form(client, "/points/models", admin, "version=v2&w.T1.1=1.234").status == .unprocessableContent)
            let cutOff = try await form(client, "/points/models", admin, "version=v2&list.0=0.05")
            #expect(cutOff.status == .unprocessableContent && String(buffer: cutOff.body).contains("须为 0.1–100 的百分比"), "list cut-offs are entered in percent, one decimal")
            // Moving weight between two indicators keeps the sum: saved as a draft.
            let m = PointsModel.national2024
            let t1 = m.weights["T1"]![1], g1 = m.weights["G1"]![1]
            let moved = "w.T1.1=\(String(format: "%.2f", Double(t1 + g1) / 100))&w.G1.1=0"
            let saved = try await form(client, "/points/models", admin, "version=v2&normaliser=linear&\(moved)")
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(400))")
            let location = try #require(saved.headers[.location])
            let draft = String(buffer: try await client.execute(uri: location, method: .get, headers: admin.headers()).body)
            #expect(draft.contains("v2") && draft.contains("发布为新版本"))
            // The same version twice is refused.
            #expect(try await form(client, "/points/models", admin, "version=v2&\(moved)").status == .unprocessableContent)
            #expect(try await form(client, "/points/models", admin, "version=cn-points-2024.1&\(moved)").status == .unprocessableContent)

            // A pasted model must keep the published lists: the draft page names them from it.
            var fewer = PointsModel.national2024
            fewer.id = "v3"; fewer.lists.removeLast()
            let json = String(decoding: try JSONEncoder().encode(fewer), as: UTF8.self).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let pasted = try await form(client, "/points/models", admin, "version=v3&json=\(json)")
            #expect(pasted.status == .unprocessableContent && String(buffer: pasted.body).contains("榜单数量"))

            // Reviewers see drafts but cannot publish.
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await client.execute(uri: location, method: .get, headers: reviewer.headers()).status == .ok)
            #expect(try await form(client, location + "/publish", reviewer, "period=2023").status == .forbidden)

            #expect(try await form(client, location + "/publish", admin, "period=2023").status == .seeOther)
            let ranking = String(buffer: try await client.execute(uri: "/points?stage=1", method: .get, headers: admin.headers()).body)
            #expect(ranking.contains("模型 v2"))
            #expect(try await form(client, location + "/publish", admin, "period=2023").status == .conflict, "a draft publishes once")
            #expect(try await client.execute(uri: "/points/models/999", method: .get, headers: admin.headers()).status == .notFound)
        }
    }
}
