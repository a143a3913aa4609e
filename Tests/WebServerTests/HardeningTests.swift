import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Services
import SQLKit
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// Cases found in review: each was a 5xx, a bypass or a redirect before it was fixed.
@Suite struct HardeningTests {
    let a = Fixture.a.code

    @Test(arguments: TestDatabases.engines)
    func parallelGuessesCannotOutrunTheThrottle(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let user = Fixture.username(.bureauApprover)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(user)","password":"guess-\#(i)"}"#).status
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 3, "only the three free attempts were checked: \(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 17)
            // The count is on this name from this address (issue 19, item 3), not on the account.
            let failures = try await fixture.db.withSQL(transaction: false) { sql in
                try await sql.raw("SELECT failures FROM login_throttle WHERE key = \(bind: "u:\(user.lowercased())|a:")").first()?.decode(column: "failures", as: Int.self)
            }
            #expect(failures == 3)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func signInRedirectsOnlyToLocalPaths(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            for next in ["%2F%09%2Fevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example", "%2Fenterprises%3Fq%3Dx"] {
                let page = try await client.execute(uri: "/login", method: .get)
                let cookie = try #require(Browser.setCookie(page, "kc_form"))
                let token = try #require(Browser.hiddenValue(String(buffer: page.body), "_csrf"))
                let r = try await client.execute(uri: "/login", method: .post,
                    headers: [.cookie: "kc_form=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(token)&username=\(Fixture.username(.auditor))&password=\(Fixture.password)&next=\(next)"))
                let location = r.headers[.location] ?? ""
                #expect(location == "/" || location == "/enterprises?q=x", "next=\(next) → \(location)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func unknownReferencesAndDuplicatesAreClientErrors(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let token = try await client.token(Fixture.username(.bureauAdmin))
            let chain = try await client.api(.put, "/api/v1/enterprises/\(a)", token: token, json: #"{"name":"x","chainTags":["nope"]}"#)
            #expect(chain.status == .unprocessableContent)
            #expect(String(buffer: chain.body).contains("chainTags"))
            let town = try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"x","townCode":"999999999"}"#)
            #expect(town.status == .unprocessableContent)
            let designation = #"{"kind":"highTech","issuedOn":"2023-11-15","expiresOn":"2026-11-14"}"#
            #expect(try await client.api(.post, "/api/v1/enterprises/\(a)/designations", token: token, json: designation).status == .conflict)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func simultaneousCreatesOfOneCodeGiveOneEnterprise(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauReviewer))
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"并发企业"}"#).status
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7)
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 3)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func onlyBureauStaffMoveAnEnterprise(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            for role in [Role.townOfficer, .enterprise] {
                let token = try await client.token(Fixture.username(role))
                let r = try await client.api(.put, "/api/v1/enterprises/\(a)", token: token,
                                             json: #"{"name":"重庆示例储能科技有限公司","townCode":"500151002","status":"deregistered"}"#)
                #expect(r.status == .ok, "\(role)")
                let stored = try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a) }
                #expect(stored?.townCode == Fixture.townA && stored?.status == .active, "\(role) kept the town and status")
            }
        }
    }
}
