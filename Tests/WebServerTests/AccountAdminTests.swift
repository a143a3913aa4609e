import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// The administrator manages accounts from a page (issue 19, item 2).
@Suite struct AccountAdminTests {

    @Test(arguments: TestDatabases.engines)
    func theAdministratorDisablesUnlocksAndResets(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            var admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let list = String(buffer: try await client.execute(uri: "/accounts", method: .get, headers: admin.headers()).body)
            #expect(list.contains("测试科技局审核员") && list.contains("/accounts/\(Fixture.username(.bureauReviewer))/disable"))
            #expect(list.contains("本人"), "one's own row points to the account page")
            let reviewerName = Fixture.username(.bureauReviewer)

            // Disabling ends the reviewer's session and stops sign-in; enabling brings it back.
            let reviewer = try await Browser.signIn(client, reviewerName)
            #expect(try await admin.post(client, "/accounts/\(reviewerName)/disable").status == .seeOther)
            #expect(try await client.execute(uri: "/verifications", method: .get, headers: reviewer.headers()).status == .found, "the session ended")
            let refused = try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(reviewerName)","password":"\#(Fixture.password)"}"#)
            #expect(refused.status == .unauthorized)
            #expect(try await admin.post(client, "/accounts/\(reviewerName)/enable").status == .seeOther)
            #expect(try await client.token(reviewerName).isEmpty == false)

            // A stranger's lock on a name is lifted by staff.
            let approver = Fixture.username(.bureauApprover)
            for _ in 0..<8 {
                fixture.clock.advance(600)
                _ = try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(approver)","password":"wrong-password"}"#)
            }
            fixture.clock.advance(60)
            #expect(try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(approver)","password":"\#(Fixture.password)"}"#).status == .tooManyRequests)
            admin = try await Browser.signIn(client, Fixture.username(.bureauAdmin))   // the first session idled out meanwhile
            #expect(try await admin.post(client, "/accounts/\(approver)/unlock").status == .seeOther)
            #expect(try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(approver)","password":"\#(Fixture.password)"}"#).status == .created)

            // A weak new password is refused beside the row; a good one replaces the old.
            let town = Fixture.username(.townOfficer)
            let weak = try await admin.post(client, "/accounts/\(town)/reset-password", "password=123456789012")
            #expect(weak.status == .unprocessableContent && String(buffer: weak.body).contains("过于常见"))
            #expect(try await admin.post(client, "/accounts/\(town)/reset-password", "password=Tl-kj-9f3c-2x7q").status == .seeOther)
            #expect(try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(town)","password":"\#(Fixture.password)"}"#).status == .unauthorized)
            #expect(try await client.api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(town)","password":"Tl-kj-9f3c-2x7q"}"#).status == .created)

            // Not on one's own account, not for an unknown one, not by anyone else.
            #expect(try await admin.post(client, "/accounts/\(Fixture.username(.bureauAdmin))/disable").status == .unprocessableContent)
            #expect(try await admin.post(client, "/accounts/nobody-here/disable").status == .notFound)
            let auditor = try await Browser.signIn(client, Fixture.username(.auditor))
            #expect(try await client.execute(uri: "/accounts", method: .get, headers: auditor.headers()).status == .forbidden)
            #expect(try await auditor.post(client, "/accounts/\(town)/disable").status == .forbidden)

            let actions = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 200) }.map(\.entry).filter { $0.action.hasPrefix("account.") }
            #expect(Set(actions.map(\.action)).isSuperset(of: ["account.disable", "account.enable", "account.unlock", "account.reset-password"]))
            #expect(actions.allSatisfy { $0.action == "account.create" || $0.actor == "user:\(Fixture.username(.bureauAdmin))" })
        }
    }
}
