import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Spreadsheet
import Storage
import StorageSQL
import Testing

/// The web import's preview and confirmation (issue 17, items 1 and 4): each changed field before
/// and after, status changes called out and applied only when ticked, hostile files refused fast.
@Suite struct ImportPreviewTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import")

    static func upload(_ client: any TestClientProtocol, _ browser: Browser, _ data: Data, name: String) async throws -> TestResponse {
        try await browser.upload(client, "/import", fields: [("kind", "enterprises")], file: (name, data))
    }

    @Test(arguments: TestDatabases.engines)
    func aStatusChangeIsShownAndAppliedOnlyWhenTicked(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let before = try #require(try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a) })
            let csv = "统一社会信用代码,企业名称,经营状态\n\(Fixture.a.code),\(before.name),注销\n"
            let preview = try await Self.upload(client, browser, Data(csv.utf8), name: "状态.csv")
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok)
            #expect(html.contains("经营状态变更 1 家") && html.contains("存续 → 注销"), "the change is called out")
            #expect(html.contains("更新 1 家，改动 1 个字段"))
            #expect(html.contains("name=\"confirmStatus\""))
            let token = try #require(Browser.hiddenValue(html, "upload"))

            let unticked = try await client.execute(uri: "/import/confirm", method: .post, headers: browser.headers(form: true),
                                                    body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)"))
            #expect(unticked.status == .unprocessableContent)
            #expect(try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a) }?.status == before.status)
            let ticked = try await client.execute(uri: "/import/confirm", method: .post, headers: browser.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)&confirmStatus=1"))
            #expect(ticked.status == .ok)
            let after = try #require(try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a) })
            #expect(after.status == .deregistered)
            var expected = before
            expected.status = .deregistered
            #expect(after == expected, "nothing but the status changed")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aZipBombUploadIsRefusedQuickly(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let before = try await fixture.db.read { try await $0.registry.countEnterprises() }
            let start = Date()
            let r = try await Self.upload(client, browser, try Data(contentsOf: Self.fixtures.appendingPathComponent("bomb-lying-size.xlsx")), name: "炸弹.xlsx")
            #expect(r.status == .unprocessableContent)
            #expect(String(buffer: r.body).contains("超出处理上限"))
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == before)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theTemplateComesWithItsNotesAndTextCodeColumns(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let r = try await client.execute(uri: "/import/template?kind=enterprises", method: .get, headers: browser.headers())
            #expect(r.status == .ok)
            #expect(r.headers[.contentDisposition]?.contains("template-enterprises.xlsx") == true)
            // The data sheet reads first (the notes and the hidden lists follow it).
            let workbook = Data(r.body.readableBytesView)
            let table = try XLSX.read(workbook)
            #expect(table.rows.first?.first == "统一社会信用代码" && table.rows.count == 1)
            let csv = try await client.execute(uri: "/import/template?kind=fiscal-years&format=csv", method: .get, headers: browser.headers())
            #expect(csv.status == .ok && String(buffer: csv.body).contains("年度"))
            let bad = try await client.execute(uri: "/import/template?kind=nope", method: .get, headers: browser.headers())
            #expect(bad.status == .unprocessableContent)
            let bank = try await Browser.signIn(client, Fixture.username(.bank))
            #expect(try await client.execute(uri: "/import/template?kind=enterprises", method: .get, headers: bank.headers()).status == .forbidden)
        }
    }

    /// Confirming is offered only when it would write something: a file whose every row is
    /// refused says so and has no confirm button.
    @Test(arguments: TestDatabases.engines)
    func noConfirmButtonWhenNothingWouldBeWritten(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let bad = try await Self.upload(client, browser, try Data(contentsOf: Self.fixtures.appendingPathComponent("numeric-uscc.xlsx")), name: "数字代码.xlsx")
            let html = String(buffer: bad.body)
            #expect(html.contains("须为文本") && html.contains("没有可以导入的行"))
            #expect(!html.contains("/import/confirm"), "no button that would then be refused")
            let good = try await Self.upload(client, browser, Data("统一社会信用代码,企业名称\n91110108551385082Q,新企业\n".utf8), name: "新.csv")
            #expect(String(buffer: good.body).contains("/import/confirm"))
        }
    }
}
