import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import SQLKit
import Storage
import StorageSQL
import Testing

/// No input crashes the platform (issue 17, item 5): control characters are refused at every door
/// with a 422 naming the field, and a broken audit chain refuses writes and says so, while the
/// server keeps serving.
@Suite struct InputDoorTests {
    @Test(arguments: TestDatabases.engines)
    func controlCharactersAreRefusedNamingTheField(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauAdmin))
            let before = try await fixture.db.read { try await $0.registry.countEnterprises() }
            let nul = try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"甲\u0000乙"}"#)
            #expect(nul.status == .unprocessableContent)
            let body = String(buffer: nul.body)
            #expect(body.contains("\"path\":\"name\"") && body.contains("U+0000"), "\(body)")
            let bell = try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"甲乙","townCode":"\u0007"}"#)
            #expect(bell.status == .unprocessableContent && String(buffer: bell.body).contains("townCode"))
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == before, "nothing was written")

            let browser = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let form = try await client.execute(uri: "/enterprises", method: .post, headers: browser.headers(form: true),
                                                body: ByteBuffer(string: "_csrf=\(browser.csrf)&uscc=91110108551385082Q&name=%E7%94%B2%00%E4%B9%99"))
            #expect(form.status == .unprocessableContent)
            #expect(String(buffer: form.body).contains("U+0000"))
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == before)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMissingAuditHeadRefusesWritesAndTheServerStaysUp(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauAdmin))
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok && String(buffer: ready.body).contains("\"auditChain\":\"intact\""))
            try await fixture.db.withSQL(transaction: true) { try await $0.raw("DELETE FROM audit_head").run() }

            let write = try await client.api(.post, "/api/v1/enterprises", token: token, json: #"{"uscc":"91110108551385082Q","name":"新企业"}"#)
            #expect(write.status == .serviceUnavailable)
            #expect(String(buffer: write.body).contains("audit_chain_broken"))
            #expect(try await fixture.db.read { try await $0.registry.fetchEnterprise(try USCC("91110108551385082Q")) } == nil,
                    "the refused write left nothing behind")
            let degraded = try await client.execute(uri: "/readyz", method: .get)
            #expect(degraded.status == .ok, "reads still work, so the instance stays in the balancer")
            #expect(String(buffer: degraded.body).contains("head row missing"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.api(.get, "/api/v1/enterprises?limit=1", token: token).status == .ok)
        }
    }
}
