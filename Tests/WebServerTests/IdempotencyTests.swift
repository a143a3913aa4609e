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

@Suite struct IdempotencyTests {
    static let create = #"{"uscc":"91110108551385082Q","name":"新设企业","townCode":"500151001"}"#

    func post(_ client: any TestClientProtocol, token: String, key: String?, json: String = create) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let key { headers[IdempotencyMiddleware.header] = key }
        return try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func creations(_ db: KechuangDatabase) async throws -> Int {
        try await db.read { try await $0.audit.fetchLatest(limit: 200) }.filter { $0.entry.action == "enterprise.create" && $0.entry.subject.contains("91110108551385082Q") }.count
    }

    @Test(arguments: TestDatabases.engines)
    func aRetryGetsTheFirstAnswerAndChangesNothing(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauReviewer))
            let first = try await post(client, token: token, key: "k-1")
            #expect(first.status == .created)
            let again = try await post(client, token: token, key: "k-1")
            #expect(again.status == .created)
            #expect(again.headers[IdempotencyMiddleware.replayed] == "true")
            #expect(String(buffer: again.body) == String(buffer: first.body))
            #expect(try await creations(fixture.db) == 1)
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 3)

            let reused = try await post(client, token: token, key: "k-1", json: #"{"uscc":"91110000710925462X","name":"另一家"}"#)
            #expect(reused.status == .unprocessableContent)
            #expect(String(buffer: reused.body).contains("idempotency_key_reused"))

            let withoutKey = try await post(client, token: token, key: nil)
            #expect(withoutKey.status == .conflict, "without a key a second create is an ordinary conflict")

            let other = try await client.token(Fixture.username(.bureauAdmin))
            let otherUser = try await post(client, token: other, key: "k-1", json: #"{"uscc":"91110000710925462X","name":"另一家"}"#)
            #expect(otherUser.status == .created, "keys belong to their user")

            let bad = try await post(client, token: token, key: "k-2", json: #"{"uscc":"123","name":"x"}"#)
            let badAgain = try await post(client, token: token, key: "k-2", json: #"{"uscc":"123","name":"x"}"#)
            #expect(bad.status == .unprocessableContent && badAgain.status == .unprocessableContent)
            #expect(badAgain.headers[IdempotencyMiddleware.replayed] == "true")
            #expect(try await post(client, token: token, key: String(repeating: "x", count: 300)).status == .badRequest)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func concurrentRetriesCreateOnce(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let token = try await client.token(Fixture.username(.bureauReviewer))
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 { group.addTask { try await post(client, token: token, key: "burst").status } }
                var all: [HTTPResponse.Status] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            #expect(try await creations(fixture.db) == 1, "eight concurrent retries made one enterprise")
            #expect(try await fixture.db.read { try await $0.registry.countEnterprises() } == 3)
        }
    }
}
