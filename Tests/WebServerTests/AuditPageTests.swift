import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Services
import Spreadsheet
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// The audit log as a list (issue 22, item 2): filters, pages, sorting and an export of exactly
/// the filtered rows.
@Suite struct AuditPageTests {
    /// 130 rows by two people over three Beijing days, on top of what the fixture wrote.
    static func seed(_ db: KechuangDatabase) async throws {
        var entries: [AuditEntry] = []
        for i in 0..<130 {
            // 2024-05-01 00:30 Beijing is 2024-04-30T16:30Z: the day boundary is Beijing's.
            let day = ["2024-04-30T16:30:00Z", "2024-05-01T16:30:00Z", "2024-05-02T16:30:00Z"][i % 3]
            entries.append(AuditEntry(at: day, actor: i % 2 == 0 ? "user:alice" : "user:bob", action: i % 5 == 0 ? "cashout.approve" : "enterprise.update",
                                      subject: "application:\(i)", detail: "row \(i)", role: i % 2 == 0 ? "bureauReviewer" : "bureauApprover"))
        }
        let rows = entries
        try await db.write { stores in for e in rows { try await stores.audit(e) } }
    }

    @Test(arguments: TestDatabases.engines)
    func findSortPageAndExport(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await Self.seed(fixture.db)
            let auditor = try await Browser.signIn(client, Fixture.username(.auditor))
            func page(_ uri: String) async throws -> String { String(buffer: try await client.execute(uri: uri, method: .get, headers: auditor.headers()).body) }

            let all = try await page("/audit")
            #expect(all.contains("链头与最新记录一致") && all.contains("/audit?verify=1"), "a view checks the head only")
            #expect(try await page("/audit?verify=1").contains("哈希链完整"), "the walk over every row on request")
            #expect(all.contains("第 1 / ") && all.contains("rel=\"next\""), "pages, not every row")
            #expect(all.components(separatedBy: "<tr>").count - 2 == 50, "50 rows a page")
            #expect(all.contains("政策兑现：批准") && !all.contains("cashout.approve") && all.contains("申请 125"), "actions and objects by name")

            // alice's approvals: i even and a multiple of 5 → 0, 10, …, 120: 13 rows.
            let approvals = try await page("/audit?actor=alice&action=cashout")
            #expect(approvals.contains("共 13 条") && !approvals.contains("rel=\"next\""))
            // Beijing 2024-05-01 holds rows with i % 3 == 0: 44 of them.
            let day = try await page("/audit?from=2024-05-01&to=2024-05-01&subject=application")
            #expect(day.contains("共 44 条"))
            let sorted = try await page("/audit?actor=bob&sort=subject")
            #expect(sorted.contains("aria-sort=\"ascending\"") && sorted.contains("共 65 条"))
            let second = try await page("/audit?actor=bob&sort=subject&page=2")
            #expect(second.contains("<strong aria-current=\"page\">2</strong>"))
            #expect(try await client.execute(uri: "/audit?from=2024-13-01", method: .get, headers: auditor.headers()).status == .unprocessableContent)
            // A page past the end (a stale link) is an empty page with the pager drawn at the last page, not a crash.
            let past = try await client.execute(uri: "/audit?actor=bob&page=99", method: .get, headers: auditor.headers())
            #expect(past.status == .ok && String(buffer: past.body).contains("第 2 / 2 页"))

            // The export holds exactly the filtered rows, all pages of them, and is audited.
            let file = try await client.execute(uri: "/audit/export?actor=bob", method: .get, headers: auditor.headers())
            #expect(file.status == .ok && file.headers[.contentType] == Download.xlsxType)
            let table = try XLSX.read(Data(file.body.readableBytesView))
            #expect(table.rows.count == 66 && table.rows[0][2] == "操作人" && table.rows.dropFirst().allSatisfy { $0[2] == "bob" })
            let log = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 1) }
            #expect(log.first?.entry.action == "file.download" && log.first?.entry.detail == "actor=bob")

            let firm = try await Browser.signIn(client, Fixture.username(.enterprise))
            #expect(try await client.execute(uri: "/audit/export", method: .get, headers: firm.headers()).status == .forbidden)
        }
    }
}
