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
import Testing
@testable import WebServer

/// A firm's figures wait for a reviewer, on the page and over the API (issue 19, item 1).
@Suite struct DeclarationPageTests {
    let a = Fixture.a.code


    @Test(arguments: TestDatabases.engines)
    func aFirmDeclaresAndAReviewerConfirms(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let firm = try await Browser.signIn(client, Fixture.username(.enterprise))
            let figures = "year=2023&employees=120&stStaff=30&salesRevenue=87%2C654%2C321"
            let noEvidence = try await firm.post(client, "/enterprises/\(a)/fiscal-years", figures)
            #expect(noEvidence.status == .unprocessableContent)
            let form = String(buffer: noEvidence.body)
            #expect(form.contains("id=\"f-evidence-error\"") && form.contains("value=\"87,654,321\""), "the message beside the field, the figures kept")

            let sent = try await firm.post(client, "/enterprises/\(a)/fiscal-years", figures + "&evidence=2023%E5%B9%B4%E5%BA%A6%E5%AE%A1%E8%AE%A1%E6%8A%A5%E5%91%8A")
            #expect(sent.status == .seeOther)
            let own = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: firm.headers()).body)
            #expect(own.contains("企业申报的年度数据") && own.contains("待科技局核实") && own.contains("2023年度审计报告"))
            #expect(!own.contains("87,654,321"), "the declared sales are not among the verified figures")
            #expect(try await fixture.db.read { try await $0.registry.fetchFiscalYears(Fixture.a) }.allSatisfy { $0.facts.salesRevenue != Money(yuan: 87_654_321) })
            #expect(try await client.execute(uri: "/verifications", method: .get, headers: firm.headers()).status == .forbidden)

            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let queue = String(buffer: try await client.execute(uri: "/verifications", method: .get, headers: reviewer.headers()).body)
            let id = try #require(try await fixture.db.read { try await $0.declarations.fetchDeclarations(Fixture.a) }.first?.id)
            #expect(queue.contains("/verifications/\(id)") && queue.contains("2023年度审计报告"))
            let detail = String(buffer: try await client.execute(uri: "/verifications/\(id)", method: .get, headers: reviewer.headers()).body)
            #expect(detail.contains("<strong>87,654,321.00</strong>"), "the declared value that differs is marked")
            let noNote = try await reviewer.post(client, "/verifications/\(id)/confirm", "note=")
            #expect(noNote.status == .unprocessableContent)
            #expect(String(buffer: noNote.body).contains("id=\"f-note-error\""))
            let confirmed = try await reviewer.post(client, "/verifications/\(id)/confirm", "note=%E4%B8%8E%E5%AE%A1%E8%AE%A1%E6%8A%A5%E5%91%8A%E4%B8%80%E8%87%B4")
            #expect(confirmed.status == .seeOther)
            let year = try await fixture.db.read { try await $0.registry.fetchFiscalYears(Fixture.a) }.first { $0.facts.year == 2023 }
            #expect(year?.facts.salesRevenue == Money(yuan: 87_654_321) && year?.source == .declared)
            #expect(try await reviewer.post(client, "/verifications/\(id)/reject", "reason=x").status == .conflict, "decided once")
            let seen = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: firm.headers()).body)
            #expect(seen.contains("测试科技局审核员") && !seen.contains(Fixture.username(.bureauReviewer)), "the firm sees who confirmed by name, not by user name")
            let empty = String(buffer: try await client.execute(uri: "/verifications", method: .get, headers: reviewer.headers()).body)
            #expect(empty.contains("没有待核实的企业申报"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theFirmsPutIsADeclarationOverTheAPI(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let before = try await fixture.db.read { try await $0.registry.fetchFiscalYears(Fixture.a) }
            let token = try await client.token(Fixture.username(.enterprise))
            let r = try await client.api(.put, "/api/v1/enterprises/\(a)/fiscal-years/2023", token: token,
                                         json: #"{"employees":999,"salesRevenue":123456789,"evidence":"审计报告"}"#)
            #expect(r.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]
            #expect(body?["verification"] as? String == "pending")
            #expect(body?["declarationId"] as? Int != nil)
            #expect(try await fixture.db.read { try await $0.registry.fetchFiscalYears(Fixture.a) } == before, "nothing verified changed")

            let missing = try await client.api(.put, "/api/v1/enterprises/\(a)/fiscal-years/2023", token: token, json: #"{"employees":999}"#)
            #expect(missing.status == .unprocessableContent && String(buffer: missing.body).contains("evidence"))

            // Staff figures are verified at once.
            let staff = try await client.token(Fixture.username(.bureauReviewer))
            let s = try await client.api(.put, "/api/v1/enterprises/\(a)/fiscal-years/2022", token: staff, json: #"{"employees":50}"#)
            #expect(s.status == .ok && String(buffer: s.body).contains("\"verification\":\"verified\""))
        }
    }
}
