import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Services
import SQLKit
import Spreadsheet
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// Consent (授权): a bank reads only what a live consent covers; every read, allowed or denied,
/// is in the enterprise's log; revoked and expired consents deny.
@Suite struct ConsentTests {
    let a = Fixture.a.code

    @Test(arguments: TestDatabases.engines)
    func banksReadOnlyWhatIsConsentedAndEveryReadIsLogged(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let owner = try await client.token(Fixture.username(.enterprise))
            let bank = try await client.token(Fixture.username(.bank))
            let points = "/api/v1/bank/enterprises/\(a)/points"

            // No consent: denied, and the denial is in the enterprise's log.
            let denied = try await client.api(.get, points, token: bank)
            #expect(denied.status == .forbidden && String(buffer: denied.body).contains("no_consent"))
            #expect(String(buffer: try await client.api(.get, "/api/v1/bank/enterprises", token: bank).body) == "[]")

            // Points only, for a year.
            let grant = try await client.api(.post, "/api/v1/consents", token: owner,
                                             json: #"{"bank":"bank-a","scopes":["points"],"purpose":"创新积分贷","validTo":"2025-06-30"}"#)
            #expect(grant.status == .created)
            let read = try await client.api(.get, points, token: bank)
            #expect(read.status == .ok)
            let body = String(buffer: read.body)
            #expect(body.contains("\"points\":") && !body.contains("\"breakdown\""), "no breakdown without its consent")
            #expect(String(buffer: try await client.api(.get, "/api/v1/bank/enterprises", token: bank).body).contains(a))

            // Another bank sees nothing of it.
            let auth = AuthService(transactor: fixture.db, clock: { fixture.clock.now }, settings: WebHarness.settings)
            _ = try await auth.createUser(username: "u-bank-b", displayName: "另一银行", password: Fixture.password, role: .bank, bank: "bank-b", actor: "test")
            let other = try await client.token("u-bank-b")
            #expect(try await client.api(.get, points, token: other).status == .forbidden)

            // With the breakdown granted too, it is returned.
            let both = try await client.api(.post, "/api/v1/consents", token: owner,
                                            json: #"{"bank":"bank-a","scopes":["points","breakdown"],"purpose":"授信","validTo":"2025-06-30"}"#)
            #expect(both.status == .created)
            #expect(String(buffer: try await client.api(.get, points, token: bank).body).contains("\"indicator\":\"T1\""))

            // The enterprise sees every read: denied ones with the reason, allowed ones with the consent.
            let log = String(buffer: try await client.api(.get, "/api/v1/consents", token: owner).body)
            #expect(log.contains("\"allowed\":false") && log.contains("\"allowed\":true") && log.contains("user:u-bank-b"))

            // Revoking every consent denies again.
            let listed = try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any]
            let ids = (listed?["consents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(ids.count == 2)
            for id in ids { #expect(try await client.api(.delete, "/api/v1/consents/\(id)", token: owner).status == .noContent) }
            #expect(try await client.api(.get, points, token: bank).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func expiredConsentDeniesAndBadGrantsAreRefused(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let owner = try await client.token(Fixture.username(.enterprise))
            let bank = try await client.token(Fixture.username(.bank))
            // The clock reads 2024-07-01; a consent that ended the day before denies.
            #expect(try await client.api(.post, "/api/v1/consents", token: owner,
                                         json: #"{"bank":"bank-a","scopes":["points"],"purpose":"p","validFrom":"2024-01-01","validTo":"2024-06-30"}"#).status == .created)
            #expect(try await client.api(.get, "/api/v1/bank/enterprises/\(a)/points", token: bank).status == .forbidden)
            for (json, path) in [(#"{"bank":"bank-a","scopes":["everything"],"purpose":"p","validTo":"2025-01-01"}"#, "scopes"),
                                 (#"{"bank":"nope","scopes":["points"],"purpose":"p","validTo":"2025-01-01"}"#, "bank"),
                                 (#"{"bank":"bank-a","scopes":[],"purpose":"p","validTo":"2025-01-01"}"#, "scopes"),
                                 (#"{"bank":"bank-a","scopes":["points"],"purpose":"p","validTo":"2031-01-01"}"#, "validTo"),
                                 (#"{"bank":"bank-a","scopes":["points"],"purpose":"","validTo":"2025-01-01"}"#, "purpose")] {
                let r = try await client.api(.post, "/api/v1/consents", token: owner, json: json)
                #expect(r.status == .unprocessableContent && String(buffer: r.body).contains("\"path\":\"\(path)\""), "\(json)")
            }
            // Roles: only enterprises grant, only banks read.
            let reviewer = try await client.token(Fixture.username(.bureauReviewer))
            #expect(try await client.api(.post, "/api/v1/consents", token: reviewer, json: #"{"bank":"bank-a","scopes":["points"],"purpose":"p","validTo":"2025-01-01"}"#).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/bank/enterprises/\(a)/points", token: reviewer).status == .forbidden)
            #expect(try await client.api(.delete, "/api/v1/consents/999999", token: owner).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theEnterprisePageGrantsRevokesAndShowsWhoLooked(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let owner = try await Browser.signIn(client, Fixture.username(.enterprise))
            func post(_ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: owner.headers(form: true), body: ByteBuffer(string: "_csrf=\(owner.csrf)&" + body))
            }
            let granted = try await post("/enterprises/\(a)/consents", "bank=bank-a&scopes=points&scopes=breakdown&purpose=%E6%8E%88%E4%BF%A1&validTo=2025-06-30")
            #expect(granted.status == .seeOther)
            #expect(try await post("/enterprises/\(a)/consents", "bank=bank-a&purpose=x&validTo=2025-06-30").status == .unprocessableContent, "no data chosen")
            let bank = try await client.token(Fixture.username(.bank))
            #expect(try await client.api(.get, "/api/v1/bank/enterprises/\(a)/points", token: bank).status == .ok)
            var page = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: owner.headers()).body)
            #expect(page.contains("银行授权") && page.contains("测试银行") && page.contains("测试\(Role.bank.chineseName)") && page.contains("已提供"), "the officer by name")
            #expect(page.contains("/enterprises/\(a)/bank-reads"), "the panel links to the full list")
            // The full list: filtered by result, exported as the filter selects (issue 22, item 2).
            #expect(try await client.api(.get, "/api/v1/bank/enterprises/\(a)/fiscal", token: bank).status == .forbidden, "not granted: a denied read, logged")
            let reads = String(buffer: try await client.execute(uri: "/enterprises/\(a)/bank-reads", method: .get, headers: owner.headers()).body)
            let total = try await fixture.db.read { try await $0.consents.fetchAccess(uscc: Fixture.a, limit: 100) }.count
            #expect(reads.contains("共 \(total) 条") && reads.contains("测试\(Role.bank.chineseName)"))
            let denied = try await fixture.db.read { try await $0.consents.fetchAccess(uscc: Fixture.a, limit: 100) }.filter { !$0.allowed }.count
            let deniedPage = String(buffer: try await client.execute(uri: "/enterprises/\(a)/bank-reads?result=denied", method: .get, headers: owner.headers()).body)
            #expect(deniedPage.contains("共 \(denied) 条") && deniedPage.contains("导出 Excel") )
            let sheet = try XLSX.read(Data(try await client.execute(uri: "/enterprises/\(a)/bank-reads/export?result=allowed", method: .get, headers: owner.headers()).body.readableBytesView))
            #expect(sheet.rows.count == 1 + (total - denied) && sheet.rows.dropFirst().allSatisfy { $0.last == "已提供" })
            #expect(try await client.execute(uri: "/enterprises/\(a)/bank-reads?result=maybe", method: .get, headers: owner.headers()).status == .unprocessableContent)
            #expect(try await client.execute(uri: "/enterprises/\(Fixture.b.code)/bank-reads", method: .get, headers: owner.headers()).status == .forbidden, "another firm's reads")
            let id = try #require(try await fixture.db.read { try await $0.consents.fetchConsents(uscc: Fixture.a) }.first?.id)
            #expect(try await post("/enterprises/\(a)/consents/\(id)/revoke", "").status == .seeOther)
            page = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: owner.headers()).body)
            #expect(page.contains("已撤回"))
            // Bureau staff see the panel without its forms; a town officer does not see it.
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let seen = String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: reviewer.headers()).body)
            #expect(seen.contains("银行授权") && !seen.contains("/consents/\(id)/revoke") && !seen.contains("name=\"scopes\""))
            let town = try await Browser.signIn(client, Fixture.username(.townOfficer))
            #expect(!String(buffer: try await client.execute(uri: "/enterprises/\(a)", method: .get, headers: town.headers()).body).contains("银行授权"))
            #expect(try await client.execute(uri: "/enterprises/\(a)/bank-reads", method: .get, headers: town.headers()).status == .forbidden, "nor the list")
            #expect(try await client.execute(uri: "/enterprises/\(a)/bank-reads", method: .get, headers: reviewer.headers()).status == .ok)
            // Another enterprise's consents cannot be touched from the forms.
            #expect(try await post("/enterprises/\(Fixture.b.code)/consents", "bank=bank-a&scopes=points&purpose=x&validTo=2025-06-30").status == .forbidden)
        }
    }

    /// Concurrent requests are authenticated, authorised and logged in shared batches: each
    /// still gets its own identity and its own bank's answer, and every read is one log row.
    @Test(arguments: TestDatabases.engines)
    func concurrentReadsOfSeveralBanksAreEachDecidedAndLogged(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let owner = try await client.token(Fixture.username(.enterprise))
            let bank = try await client.token(Fixture.username(.bank))
            let auth = AuthService(transactor: fixture.db, clock: { fixture.clock.now }, settings: WebHarness.settings)
            _ = try await auth.createUser(username: "u-bank-b", displayName: "另一银行", password: Fixture.password, role: .bank, bank: "bank-b", actor: "test")
            let other = try await client.token("u-bank-b")
            #expect(try await client.api(.post, "/api/v1/consents", token: owner,
                                         json: #"{"bank":"bank-a","scopes":["points"],"purpose":"创新积分贷","validTo":"2025-06-30"}"#).status == .created)
            let logged = try await fixture.db.read { try await $0.consents.fetchAccess(uscc: Fixture.a, limit: 1_000) }.count
            let points = "/api/v1/bank/enterprises/\(a)/points"
            let outcomes = try await withThrowingTaskGroup(of: (String, Int, String).self) { group in
                for i in 0..<48 {
                    group.addTask {
                        switch i % 3 {
                        case 0: let r = try await client.api(.get, points, token: bank); return ("bank", Int(r.status.code), String(buffer: r.body))
                        case 1: let r = try await client.api(.get, points, token: other); return ("other", Int(r.status.code), String(buffer: r.body))
                        default: let r = try await client.api(.get, "/api/v1/me", token: owner); return ("owner", Int(r.status.code), String(buffer: r.body))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (who, status, body) in outcomes {
                switch who {
                case "bank": #expect(status == 200 && body.contains("\"points\":") && !body.contains("\"breakdown\""), "\(body)")
                case "other": #expect(status == 403, "\(body)")
                default: #expect(status == 200 && body.contains(Fixture.username(.enterprise)) && !body.contains("bank-"), "\(body)")
                }
            }
            let log = try await fixture.db.read { try await $0.consents.fetchAccess(uscc: Fixture.a, limit: 1_000) }
            #expect(log.count - logged == 32, "one row per bank read")
            let fresh = log.prefix(32)
            #expect(fresh.filter { $0.allowed && $0.bank == "bank-a" && $0.consentID != nil }.count == 16)
            #expect(fresh.filter { !$0.allowed && $0.bank == "bank-b" && $0.officer == "user:u-bank-b" }.count == 16)
            // A renamed firm's body is not served from before the rename.
            try await fixture.db.withSQL(transaction: true) { try await $0.raw("UPDATE enterprises SET name = '改名后的企业' WHERE uscc = \(bind: a)").run() }
            #expect(String(buffer: try await client.api(.get, points, token: bank).body).contains("改名后的企业"))
        }
    }

    /// The qualification and fiscal summaries are read only under a consent naming them.
    @Test(arguments: TestDatabases.engines)
    func summariesNeedTheirOwnScope(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let owner = try await client.token(Fixture.username(.enterprise))
            let bank = try await client.token(Fixture.username(.bank))
            let q = "/api/v1/bank/enterprises/\(a)/qualifications", f = "/api/v1/bank/enterprises/\(a)/fiscal"
            _ = try await client.api(.post, "/api/v1/consents", token: owner, json: #"{"bank":"bank-a","scopes":["points"],"purpose":"授信","validTo":"2025-06-30"}"#)
            #expect(try await client.api(.get, q, token: bank).status == .forbidden, "points do not grant the designations")
            #expect(try await client.api(.get, f, token: bank).status == .forbidden)
            _ = try await client.api(.post, "/api/v1/consents", token: owner, json: #"{"bank":"bank-a","scopes":["qualifications"],"purpose":"授信","validTo":"2025-06-30"}"#)
            let held = String(buffer: try await client.api(.get, q, token: bank).body)
            #expect(held.contains(#""kind":"highTech""#) && held.contains(#""valid":true"#))
            #expect(try await client.api(.get, f, token: bank).status == .forbidden, "nor the designations the books")
            _ = try await client.api(.post, "/api/v1/consents", token: owner, json: #"{"bank":"bank-a","scopes":["fiscal"],"purpose":"授信","validTo":"2025-06-30"}"#)
            let books = String(buffer: try await client.api(.get, f, token: bank).body)
            #expect(books.contains(#""year":2023"#) && books.contains(#""rdExpense":1200000"#))
            let log = String(buffer: try await client.api(.get, "/api/v1/consents", token: owner).body)
            #expect(log.contains(#""fields":["qualifications"]"#) && log.contains(#""fields":["fiscal"]"#) && log.contains("\"allowed\":false"))
            // Enterprises and the bureau do not use the bank's door.
            #expect(try await client.api(.get, q, token: owner).status == .forbidden)
        }
    }
}
