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
@testable import WebServer

/// The designation list import in the browser (issue 23): errors beside their fields, a preview
/// that writes nothing, the rows in review settled by a choice, and the confirmation only by the
/// uploader.
@Suite struct DesignationImportPageTests {
    static func upload(_ client: some TestClientProtocol, _ browser: Browser, _ fields: [String: String]) async throws -> TestResponse {
        try await browser.upload(client, "/import/designations", fields: fields.sorted { $0.key < $1.key })
    }

    @Test(arguments: TestDatabases.engines)
    func aListIsPreviewedSettledAndConfirmed(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let form = String(buffer: try await client.execute(uri: "/import/designations", method: .get, headers: browser.headers()).body)
            #expect(form.contains("value=\"铜梁区\"") && form.contains("导入认定名单"))
            let imports = String(buffer: try await client.execute(uri: "/import", method: .get, headers: browser.headers()).body)
            #expect(imports.contains("href=\"/import/designations\""), "the import page leads to it")

            // The common layouts as templates; a template's header reads back as a list's.
            let template = try await client.execute(uri: "/import/designations/template?designation=high-tech", method: .get, headers: browser.headers())
            let sheet = try XLSX.read(Data(template.body.readableBytesView))
            #expect(template.status == .ok && sheet.rows.first == ["序号", "企业名称", "统一社会信用代码", "证书编号"])
            #expect(try await client.execute(uri: "/import/designations/template?designation=high-tech-pool", method: .get, headers: browser.headers()).status == .unprocessableContent)

            let missing = try await Self.upload(client, browser, ["designation": "specialized-sme", "pasted": ""])
            let missingPage = String(buffer: missing.body)
            #expect(missing.status == .unprocessableContent && missingPage.contains("id=\"f-issuedOn-error\"") && missingPage.contains("id=\"f-file-error\""))

            let pasted = "序号\t企业名称\t所属区县\n1\t重庆示例储能科技有限责任公司\t铜梁区\n2\t东城精密机械制造有限公司\t铜梁区\n3\t璧山某某有限公司\t璧山区\n"
            let fields = ["designation": "specialized-sme", "batch": "2024-1", "issuedOn": "2024-03-01", "source": "渝经信发〔2024〕1号", "district": "铜梁区", "pasted": pasted]
            let preview = try await Self.upload(client, browser, fields)
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok && html.contains("新增 1 家") && html.contains("待确认（1 行）") && html.contains("其他区县 1"))
            #expect(html.contains("规范化名称") && html.contains("相近名称") && !html.contains("normalised"), "bases by name, in Chinese only")
            let written = { try await fixture.db.read { try await $0.registry.fetchDesignations(Fixture.b) }.filter { $0.kind == .specializedSME }.count }
            #expect(try await written() == 0, "a preview writes nothing")
            let token = try #require(Browser.hiddenValue(html, "upload"))

            let bad = try await client.execute(uri: "/import/designations/confirm", method: .post, headers: browser.headers(form: true),
                                               body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)&code.3=ABC"))
            #expect(bad.status == .unprocessableContent, "a typed code is checked")
            let other = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let stolen = try await client.execute(uri: "/import/designations/confirm", method: .post, headers: other.headers(form: true),
                                                  body: ByteBuffer(string: "_csrf=\(other.csrf)&upload=\(token)"))
            #expect(stolen.status == .notFound, "only the uploader confirms")

            let done = try await client.execute(uri: "/import/designations/confirm", method: .post, headers: browser.headers(form: true),
                                                body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)&choose.3=\(Fixture.b.code)"))
            let donePage = String(buffer: done.body)
            #expect(done.status == .ok && donePage.contains("导入完成") && donePage.contains("已写入 2 家"))
            #expect(try await written() == 1)
            let a = try await fixture.db.read { try await $0.registry.fetchDesignations(Fixture.a) }.first { $0.kind == .specializedSME }
            #expect(a?.source == "渝经信发〔2024〕1号" && a?.batch == "2024-1")
            let again = try await client.execute(uri: "/import/designations/confirm", method: .post, headers: browser.headers(form: true),
                                                 body: ByteBuffer(string: "_csrf=\(browser.csrf)&upload=\(token)"))
            #expect(again.status == .notFound, "a confirmed upload is spent")

            let town = try await Browser.signIn(client, Fixture.username(.townOfficer))
            #expect(try await client.execute(uri: "/import/designations", method: .get, headers: town.headers()).status == .forbidden)
        }
    }
}
