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

/// Every API route × every role × own / other record: allowed or denied, never leaked.
@Suite struct AccessMatrixTests {
    let a = Fixture.a.code, b = Fixture.b.code

    /// What each role may do with enterprise A (its own, or in its town) and B (elsewhere).
    func expected(_ role: Role) -> [String: HTTPResponse.Status] {
        let reads: Bool = role != .bank && role != .expert
        let seesAll = role.isBureau || role == .auditor
        let lists = seesAll || role == .townOfficer
        let editsOwn = role == .bureauAdmin || role == .bureauReviewer || role == .townOfficer || role == .enterprise
        let editsAll = role == .bureauAdmin || role == .bureauReviewer
        let creates = role == .bureauAdmin || role == .bureauReviewer
        return [
            "list": lists ? .ok : .forbidden,
            "readA": reads ? .ok : .forbidden,
            "readB": seesAll ? .ok : .forbidden,
            "designationsB": seesAll ? .ok : .forbidden,
            "updateA": editsOwn ? .ok : .forbidden,
            "updateB": editsAll ? .ok : .forbidden,
            "fiscalA": editsOwn ? .ok : .forbidden,
            "fiscalB": editsAll ? .ok : .forbidden,
            "designateA": creates ? .created : .forbidden,
            "create": creates ? .created : .forbidden,
        ]
    }

    @Test(arguments: TestDatabases.engines, Role.allCases)
    func apiRoutesFollowThePolicy(_ engine: SQLEngine, _ role: Role) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(role))
            let want = expected(role)
            var got: [String: HTTPResponse.Status] = [:]
            got["list"] = try await client.api(.get, "/api/v1/enterprises", token: token).status
            got["readA"] = try await client.api(.get, "/api/v1/enterprises/\(a)", token: token).status
            got["readB"] = try await client.api(.get, "/api/v1/enterprises/\(b)", token: token).status
            got["designationsB"] = try await client.api(.get, "/api/v1/enterprises/\(b)/designations", token: token).status
            got["updateA"] = try await client.api(.put, "/api/v1/enterprises/\(a)", token: token, json: #"{"name":"重庆示例储能科技有限公司","townCode":"500151001","industryCode":"C3841","registeredOn":"2016-04-12"}"#).status
            got["updateB"] = try await client.api(.put, "/api/v1/enterprises/\(b)", token: token, json: #"{"name":"东城精密机械股份有限公司","townCode":"500151002"}"#).status
            got["fiscalA"] = try await client.api(.put, "/api/v1/enterprises/\(a)/fiscal-years/2023", token: token, json: #"{"employees":120,"stStaff":30,"salesRevenue":80000000,"rdExpense":4200000.50,"evidence":"2023年度审计报告"}"#).status
            got["fiscalB"] = try await client.api(.put, "/api/v1/enterprises/\(b)/fiscal-years/2023", token: token, json: #"{"employees":10}"#).status
            got["designateA"] = try await client.api(.post, "/api/v1/enterprises/\(a)/designations", token: token, json: #"{"kind":"techSME","issuedOn":"2024-05-20","expiresOn":"2024-12-31"}"#).status
            got["create"] = try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"新设企业","townCode":"500151001"}"#).status
            for (key, status) in want {
                #expect(got[key] == status, "\(role) \(key): got \(got[key].map { "\($0.code)" } ?? "nil"), want \(status.code)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func listsAreNarrowedToTheScope(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            for (role, expected) in [(Role.bureauReviewer, [a, b]), (.townOfficer, [a]), (.auditor, [a, b])] {
                let token = try await client.token(Fixture.username(role))
                let r = try await client.api(.get, "/api/v1/enterprises?pageSize=10", token: token)
                let body = String(buffer: r.body)
                for code in [a, b] { #expect(body.contains(code) == expected.contains(code), "\(role) sees \(code)?") }
                // A filter cannot widen the scope.
                let widened = try await client.api(.get, "/api/v1/enterprises?town=\(Fixture.townB)", token: token)
                #expect(String(buffer: widened.body).contains(b) == expected.contains(b))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anonymousGetsOnlyTheLoginPageAndHealth(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            for page in ["/", "/enterprises", "/enterprises/\(a)", "/enterprises/new", "/import", "/audit"] {
                let r = try await client.execute(uri: page, method: .get)
                #expect(r.status == .found, "\(page)")
                #expect(r.headers[.location]?.hasPrefix("/login?next=") == true, "\(page)")
            }
            for route in ["/api/v1/enterprises", "/api/v1/enterprises/\(a)", "/api/v1/me", "/api/v1/enterprises/\(a)/designations"] {
                let r = try await client.api(.get, route, token: nil)
                #expect(r.status == .unauthorized, "\(route)")
                #expect(String(buffer: r.body).contains("\"code\":\"unauthenticated\""))
            }
            #expect(try await client.api(.get, "/api/v1/enterprises", token: "forged-token").status == .unauthorized)
            let post = try await client.api(.post, "/api/v1/enterprises", token: nil, json: #"{"uscc":"91110108551385082Q","name":"x"}"#)
            #expect(post.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func denialsAreAudited(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.enterprise))
            #expect(try await client.api(.get, "/api/v1/enterprises/\(b)", token: token).status == .forbidden)
            let entries = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 5) }
            #expect(entries.contains { $0.entry.action == "access.denied" && $0.entry.subject.contains(b) })
            let verdict = try await Services.AuditLog.verify(fixture.db)
            guard case .intact = verdict else { Issue.record("audit chain broken: \(verdict)"); return }
        }
    }
}
