import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// A user's own account (issue 19, item 2): the password changes only with the current one, to
/// one that follows the rules, and ends every other session; a user sees and ends their own
/// sessions and no one else's.
@Suite struct AccountPageTests {
    static func post(_ client: some TestClientProtocol, _ b: Browser, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: b.headers(form: true), body: ByteBuffer(string: "_csrf=\(b.csrf)&" + body))
    }

    @Test(arguments: TestDatabases.engines)
    func thePasswordChangesWithTheCurrentOneAndEndsOtherSessions(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let user = Fixture.username(.bureauReviewer)
            let here = try await Browser.signIn(client, user), there = try await Browser.signIn(client, user)
            let token = try await client.token(user)
            let page = String(buffer: try await client.execute(uri: "/account", method: .get, headers: here.headers()).body)
            #expect(page.contains("修改密码") && page.contains("当前") && page.components(separatedBy: "/end\"").count - 1 == 2, "two other sessions to end")

            let wrong = String(buffer: try await Self.post(client, here, "/account/password", "current=nope&new=a-new-long-password&confirm=a-new-long-password").body)
            #expect(wrong.contains("id=\"f-current-error\"") && wrong.contains("当前密码不正确"))
            let short = String(buffer: try await Self.post(client, here, "/account/password", "current=\(Fixture.password)&new=short&confirm=short").body)
            #expect(short.contains("id=\"f-new-error\"") && short.contains("至少 12 个字符"))
            let long = String(repeating: "密", count: 25)   // 75 bytes
            #expect(String(buffer: try await Self.post(client, here, "/account/password", "current=\(Fixture.password)&new=\(long)&confirm=\(long)").body).contains("72 字节"),
                    "bytes bcrypt would drop are refused")
            let differ = String(buffer: try await Self.post(client, here, "/account/password", "current=\(Fixture.password)&new=a-new-long-password&confirm=another-long-one").body)
            #expect(differ.contains("id=\"f-confirm-error\""))
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .ok, "nothing changed yet")

            let done = try await Self.post(client, here, "/account/password", "current=\(Fixture.password)&new=a-new-long-password&confirm=a-new-long-password")
            #expect(done.status == .seeOther)
            #expect(try await client.execute(uri: "/account", method: .get, headers: here.headers()).status == .ok, "this session stays")
            #expect(try await client.execute(uri: "/account", method: .get, headers: there.headers()).status != .ok, "the other browser is signed out")
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .unauthorized, "and the API token")
            let old = try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(user)","password":"\#(Fixture.password)"}"#)
            #expect(old.status == .unauthorized, "the old password no longer signs in")
            _ = try await client.token(user, password: "a-new-long-password")
            let audit = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 50) }
            #expect(audit.contains { $0.entry.action == "account.password" && $0.entry.actor == "user:\(user)" })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aUserEndsTheirOwnSessionsOnly(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let user = Fixture.username(.bureauAdmin)
            let here = try await Browser.signIn(client, user), there = try await Browser.signIn(client, user)
            let page = String(buffer: try await client.execute(uri: "/account", method: .get, headers: here.headers()).body)
            let id = try #require(page.range(of: #"/account/sessions/([0-9a-f]{16})/end"#, options: .regularExpression).map { String(page[$0].dropFirst(18).prefix(16)) })
            let other = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            #expect(try await Self.post(client, other, "/account/sessions/\(id)/end", "").status == .notFound, "another user's session is not theirs to end")
            #expect(try await client.execute(uri: "/account", method: .get, headers: there.headers()).status == .ok)
            #expect(try await Self.post(client, here, "/account/sessions/\(id)/end", "").status == .seeOther)
            #expect(try await client.execute(uri: "/account", method: .get, headers: there.headers()).status != .ok, "the ended session is signed out")
            #expect(try await client.execute(uri: "/account", method: .get, headers: here.headers()).status == .ok)
        }
    }
}
