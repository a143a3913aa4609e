import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

@Suite struct SessionTests {
    @Test(arguments: TestDatabases.engines)
    func webSessionExpiresWhenIdleAndAtItsAbsoluteLimit(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await client.execute(uri: "/", method: .get, headers: browser.headers()).status == .ok)
            fixture.clock.advance(29 * 60)
            #expect(try await client.execute(uri: "/", method: .get, headers: browser.headers()).status == .ok, "still within 30 idle minutes")
            fixture.clock.advance(31 * 60)
            let idle = try await client.execute(uri: "/", method: .get, headers: browser.headers())
            #expect(idle.status == .found, "idle for 31 minutes: back to sign-in")

            let busy = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            for _ in 0..<25 {   // active every 29 minutes, for 12 h 5 min
                fixture.clock.advance(29 * 60)
                _ = try await client.execute(uri: "/", method: .get, headers: busy.headers())
            }
            #expect(try await client.execute(uri: "/", method: .get, headers: busy.headers()).status == .found, "12 hours is the absolute limit")
        }
    }

    /// API tokens idle out too (issue 19, item 2): used within two hours they live on, left unused
    /// longer they end; the twelve-hour lifetime holds either way.
    @Test(arguments: TestDatabases.engines)
    func apiTokensExpireWhenIdle(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauReviewer))
            fixture.clock.advance(2 * 3600 - 60)
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .ok, "used just within two hours")
            fixture.clock.advance(2 * 3600 - 60)
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .ok, "the use reset the idle clock")
            fixture.clock.advance(2 * 3600 + 60)
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .unauthorized, "idle for two hours and a minute")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func eachLoginIssuesANewSessionAndLogoutEndsIt(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let first = try await Browser.signIn(client, Fixture.username(.auditor))
            let second = try await Browser.signIn(client, Fixture.username(.auditor))
            #expect(first.cookie != second.cookie)
            let out = try await client.execute(uri: "/logout", method: .post, headers: second.headers(form: true), body: ByteBuffer(string: "_csrf=\(second.csrf)"))
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: second.headers()).status == .found)
            #expect(try await client.execute(uri: "/", method: .get, headers: first.headers()).status == .ok, "other sessions live on")
            let actions = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 20) }.map(\.entry.action)
            #expect(actions.contains("logout"), "sign-out is audited")

            let token = try await client.token(Fixture.username(.auditor))
            #expect(try await client.api(.delete, "/api/v1/sessions/current", token: token).status == .noContent)
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func formsWithoutTheSessionsCSRFTokenAreRefused(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            #expect(!browser.csrf.isEmpty)
            let body = "name=%E6%94%B9%E5%90%8D&townCode=500151001&status=active"
            for token in ["", "_csrf=wrong&", "_csrf=\(browser.csrf)x&"] {
                let r = try await client.execute(uri: "/enterprises/\(Fixture.a.code)", method: .post, headers: browser.headers(form: true),
                                                 body: ByteBuffer(string: token + body))
                #expect(r.status == .forbidden, "token «\(token)»")
            }
            let name = try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a)?.name }
            #expect(name == "重庆示例储能科技有限公司", "nothing changed")
            let ok = try await client.execute(uri: "/enterprises/\(Fixture.a.code)", method: .post, headers: browser.headers(form: true),
                                              body: ByteBuffer(string: "_csrf=\(browser.csrf)&" + body))
            #expect(ok.status == .seeOther)
            #expect(try await fixture.db.read { try await $0.registry.fetchEnterprise(Fixture.a)?.name } == "改名")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func loginFormNeedsItsOwnToken(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "username=\(Fixture.username(.bureauAdmin))&password=\(Fixture.password)"))
            #expect(r.status == .forbidden)
            #expect(Browser.setCookie(r, "kc_session") == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func repeatedFailuresDelayThenLockAndAreAudited(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let user = Fixture.username(.bureauApprover)
            func attempt(_ password: String) async throws -> HTTPResponse.Status {
                try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(user)","password":"\#(password)"}"#).status
            }
            for _ in 0..<3 { #expect(try await attempt("wrong-password") == .unauthorized) }
            #expect(try await attempt(Fixture.password) == .tooManyRequests, "a delay follows the third failure, even for the right password")
            for n in 4...7 {
                fixture.clock.advance(600)
                #expect(try await attempt("wrong-password") == .unauthorized, "failure \(n)")
            }
            fixture.clock.advance(600)
            #expect(try await attempt("wrong-password") == .tooManyRequests, "the eighth failure locks this name from this address")
            fixture.clock.advance(60)
            #expect(try await attempt(Fixture.password) == .tooManyRequests, "locked: even the right password waits")
            fixture.clock.advance(15 * 60)
            #expect(try await attempt(Fixture.password) == .created, "the lock lifts after 15 minutes")

            let actions = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 100) }.map(\.entry.action)
            #expect(actions.filter { $0 == "login.failed" }.count == 8)
            #expect(actions.contains("login.locked"))
            #expect(actions.contains("login.refused"))
            #expect(actions.contains("login"))
        }
    }

    /// A stranger guessing a staff member's name locks only their own attempts (issue 19, item 3).
    @Test(arguments: TestDatabases.engines)
    func aStrangerCannotLockTheOwnerOut(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let user = Fixture.username(.bureauAdmin)
            func attempt(_ name: String, _ password: String, from address: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/v1/sessions", method: .post,
                                         headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: address],
                                         body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)).status
            }
            for n in 1...8 {
                fixture.clock.advance(600)
                let s = try await attempt(user, "guess-\(n)", from: "203.0.113.5")
                #expect(s == (n < 8 ? .unauthorized : .tooManyRequests), "stranger's failure \(n)")
            }
            #expect(try await attempt(user, Fixture.password, from: "203.0.113.5") == .tooManyRequests, "the stranger's own door is locked")
            #expect(try await attempt(user, Fixture.password, from: "198.51.100.7") == .created, "the owner, elsewhere, signs in")

            // An unknown name walks the same path: the same answers at the same counts.
            var unknown: [HTTPResponse.Status] = [], known: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                unknown.append(try await attempt("nobody-here", "x-wrong-1", from: "192.0.2.1"))
                known.append(try await attempt(Fixture.username(.auditor), "x-wrong-1", from: "192.0.2.2"))
            }
            #expect(unknown == known && known.contains(.tooManyRequests), "\(unknown) vs \(known)")

            let rows = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 200) }.map(\.entry)
            #expect(rows.contains { $0.action == "login.locked" && $0.address == "203.0.113.5" })
            #expect(rows.contains { $0.action == "login" && $0.address == "198.51.100.7" }, "sign-ins record the client address")
            #expect(try await AuditLog.verify(fixture.db) == .intact(entries: try await fixture.db.read { try await $0.audit.fetchLatest(limit: 10_000) }.count,
                                                                     head: try #require(try await fixture.db.read { try await $0.audit.head() })))
        }
    }

    /// Failures older than a day no longer count: the delays start afresh.
    @Test(arguments: TestDatabases.engines)
    func oldFailuresAreForgotten(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            func attempt() async throws -> HTTPResponse.Status {
                try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(Fixture.username(.auditor))","password":"wrong-password"}"#).status
            }
            var first: [HTTPResponse.Status] = []
            for _ in 0..<4 { first.append(try await attempt()) }
            #expect(first == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests], "the fourth at once waits")
            fixture.clock.advance(24 * 3600 + 1)
            var later: [HTTPResponse.Status] = []
            for _ in 0..<4 { later.append(try await attempt()) }
            #expect(later == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests], "a fresh start: three free attempts again")
        }
    }

    /// One address trying many names is slowed too, whatever the names.
    @Test(arguments: TestDatabases.engines)
    func oneAddressTryingManyNamesIsSlowed(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<21 {
                statuses.append(try await client.execute(uri: "/api/v1/sessions", method: .post,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "203.0.113.77"],
                    body: ByteBuffer(string: #"{"username":"name-\#(n)","password":"wrong-password"}"#)).status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unauthorized } && statuses.last == .tooManyRequests, "\(statuses.map(\.code))")
            // Successes are no failures: an office signing in all day from one address is never slowed.
            for n in 0..<25 {
                let ok = try await client.execute(uri: "/api/v1/sessions", method: .post,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "198.51.100.50"],
                    body: ByteBuffer(string: #"{"username":"\#(Fixture.username(.auditor))","password":"\#(Fixture.password)"}"#))
                #expect(ok.status == .created, "sign-in \(n) from one address")
            }
        }
    }

    /// Every audit row a request writes carries the client's address.
    @Test(arguments: TestDatabases.engines)
    func auditRowsCarryTheClientAddress(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauAdmin))
            let r = try await client.execute(uri: "/api/v1/enterprises/\(Fixture.a.code)", method: .put,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "10.1.2.3, 198.51.100.20"],
                                             body: ByteBuffer(string: #"{"name":"改名企业","townCode":"500151001"}"#))
            #expect(r.status == .ok)
            let row = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 5) }.map(\.entry).first { $0.action == "enterprise.update" }
            #expect(row?.address == "198.51.100.20", "the last hop the trusted proxy did not add")
            let auditor = try await Browser.signIn(client, Fixture.username(.auditor))
            #expect(String(buffer: try await client.execute(uri: "/audit", method: .get, headers: auditor.headers()).body).contains("198.51.100.20"),
                    "the audit page shows where a change came from")
            #expect(IdentityMiddleware.clientAddress(remote: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: ["127.0.0.1"]) == "203.0.113.9",
                    "a peer that is not a trusted proxy cannot name another client")
            #expect(IdentityMiddleware.clientAddress(remote: "127.0.0.1", forwardedFor: "<script>", trusted: ["127.0.0.1"]) == "127.0.0.1")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func unknownUsersGetTheSameAnswerAsWrongPasswords(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let unknown = try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"nobody","password":"whatever-123"}"#)
            let wrong = try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(Fixture.username(.auditor))","password":"whatever-123"}"#)
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(String(buffer: unknown.body) == String(buffer: wrong.body))
        }
    }
}
