import Accounts
import Cashout
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

/// Policy cash-out through the API (issue: 政策兑现): a 免申即享 entitlement from publication to
/// payment by three different people, with idempotent replays, role checks on every step and
/// clear 4xx answers for bad input.
@Suite struct CashoutAPITests {
    static func policyJSON(_ p: Policy) -> String {
        String(decoding: try! JSONEncoder().encode(p), as: UTF8.self)
    }

    static let hteFirst = Policy(id: "hte-first", name: "高新技术企业首次认定补助", basis: "铜梁十二条 第三条", round: "2024",
                                 window: DateWindow(opens: LocalDate("2024-01-01")!, closes: LocalDate("2024-12-31")!), mode: .proactive,
                                 eligibility: .recognisedInYear(.highTech, .first), amount: .fixed(Money(yuan: 300_000)),
                                 frequency: .perCertificate(.highTech), budgetLine: "L2024")

    func json(_ r: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any], "\(String(buffer: r.body))")
    }

    func step(_ client: any TestClientProtocol, _ id: Int, _ action: String, token: String, extra: String = "") async throws -> TestResponse {
        try await client.api(.post, "/api/v1/applications/\(id)/steps", token: token, json: #"{"action":"\#(action)"\#(extra)}"#)
    }

    @Test(arguments: TestDatabases.engines)
    func anEntitlementIsPaidOnceByThreePeople(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            var admin = try await client.token(Fixture.username(.bureauAdmin))
            var reviewer = try await client.token(Fixture.username(.bureauReviewer))
            var approver = try await client.token(Fixture.username(.bureauApprover))
            var firm = try await client.token(Fixture.username(.enterprise))
            let bank = try await client.token(Fixture.username(.bank))

            #expect(try await client.api(.post, "/api/v1/budget-lines", token: admin, json: #"{"code":"L2024","name":"科技专项","year":2024}"#).status == .created)
            let credited = try await client.api(.post, "/api/v1/budget-lines/L2024/appropriations", token: admin, json: #"{"amount":500000,"note":"年初预算"}"#)
            #expect(credited.status == .created)
            #expect(try await client.api(.post, "/api/v1/policies", token: reviewer, json: Self.policyJSON(Self.hteFirst)).status == .forbidden)
            let published = try await client.api(.post, "/api/v1/policies", token: admin, json: Self.policyJSON(Self.hteFirst))
            #expect(published.status == .created, "\(String(buffer: published.body))")

            // 政策找企业: firm A's first recognition in 2023 is found, with its certificate's amount.
            let matches = try await client.api(.get, "/api/v1/policies/hte-first/matches?year=2023", token: reviewer)
            let found = try #require(try JSONSerialization.jsonObject(with: Data(matches.body.readableBytesView)) as? [[String: Any]])
            #expect(found.count == 1 && found[0]["uscc"] as? String == Fixture.a.code && found[0]["amount"] as? Double == 300_000)
            let entitled = try await client.api(.post, "/api/v1/policies/hte-first/entitlements", token: admin, json: #"{"year":2023}"#)
            #expect(try json(entitled)["created"] as? Int == 1)
            #expect(try json(try await client.api(.post, "/api/v1/policies/hte-first/entitlements", token: admin, json: #"{"year":2023}"#))["created"] as? Int == 0,
                    "a second run entitles nobody twice")

            // The firm confirms its account and submits.
            let mine = try await client.api(.get, "/api/v1/applications", token: firm)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(mine.body.readableBytesView)) as? [[String: Any]])
            let id = try #require(list.first?["id"] as? Int)
            #expect(list.count == 1 && list[0]["status"] as? String == "draft" && list[0]["proactive"] as? Bool == true)
            #expect(try await step(client, id, "submit", token: firm).status == .unprocessableContent, "no bank account yet")
            let saved = try await client.api(.put, "/api/v1/applications/\(id)/form", token: firm, json: #"{"bankAccount":"6222000011112222333"}"#)
            #expect(saved.status == .ok)
            #expect(try await step(client, id, "submit", token: firm).status == .ok)
            // Others cannot see it.
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: bank).status == .notFound)
            #expect(try await step(client, id, "approve", token: firm).status == .forbidden)

            #expect(try await step(client, id, "accept", token: reviewer).status == .ok)
            #expect(try await step(client, id, "recommend", token: reviewer, extra: #","comment":"符合条件""#).status == .ok)
            #expect(try await step(client, id, "approve", token: reviewer).status == .forbidden)
            let early = try await step(client, id, "approve", token: approver)
            #expect(early.status == .conflict && String(buffer: early.body).contains("publication_running"))
            // Ten days later (and signed in again): the five working days of publication are over.
            fixture.clock.advance(10 * 86_400)
            (admin, reviewer, approver, firm) = (try await client.token(Fixture.username(.bureauAdmin)), try await client.token(Fixture.username(.bureauReviewer)),
                                                 try await client.token(Fixture.username(.bureauApprover)), try await client.token(Fixture.username(.enterprise)))
            // Sixteen identical approvals at once under one Idempotency-Key: one takes effect.
            let approverToken = approver
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var h: HTTPFields = [.authorization: "Bearer \(approverToken)", .contentType: "application/json"]
                        h[IdempotencyMiddleware.header] = "approve-\(id)"
                        return try await client.execute(uri: "/api/v1/applications/\(id)/steps", method: .post, headers: h,
                                                        body: ByteBuffer(string: #"{"action":"approve"}"#)).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.contains(.ok) && statuses.allSatisfy { $0 == .ok || $0 == .conflict }, "\(statuses)")
            let reserves = try await fixture.db.read { try await $0.cashout.fetchEntries(line: "L2024") }.filter { $0.kind == .reserve }
            #expect(reserves.count == 1, "one reservation, not \(reserves.count)")
            #expect(try await step(client, id, "pay", token: approver, extra: #","bankReference":"X1""#).status == .forbidden)

            // The administrator batches and pays, with an idempotency key.
            let batch = try await client.api(.post, "/api/v1/payment-batches", token: admin)
            #expect(batch.status == .created)
            let batchID = try #require(try json(batch)["id"] as? Int)
            let csv = try await client.api(.get, "/api/v1/payment-batches/\(batchID)?format=csv", token: admin)
            let digest = try #require(try json(batch)["digest"] as? String)
            #expect(String(buffer: csv.body).contains(",300000,") && String(buffer: csv.body).contains(digest))
            var headers: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
            headers[IdempotencyMiddleware.header] = "pay-\(batchID)"
            let pay = try await client.execute(uri: "/api/v1/payment-batches/\(batchID)/payments", method: .post, headers: headers, body: ByteBuffer(string: #"{"reference":"TL20240712"}"#))
            #expect(try json(pay)["paid"] as? Int == 1)
            let replay = try await client.execute(uri: "/api/v1/payment-batches/\(batchID)/payments", method: .post, headers: headers, body: ByteBuffer(string: #"{"reference":"TL20240712"}"#))
            #expect(replay.headers[IdempotencyMiddleware.replayed] == "true" && String(buffer: replay.body) == String(buffer: pay.body))
            let reused = try await client.execute(uri: "/api/v1/payment-batches/\(batchID)/payments", method: .post, headers: headers, body: ByteBuffer(string: #"{"reference":"OTHER"}"#))
            #expect(reused.status == .unprocessableContent)
            let again = try await client.api(.post, "/api/v1/payment-batches/\(batchID)/payments", token: admin, json: #"{"reference":"TL20240712"}"#)
            let againBody = try json(again)
            #expect(againBody["paid"] as? Int == 0 && againBody["alreadyPaid"] as? Int == 1)

            let detail = try json(try await client.api(.get, "/api/v1/applications/\(id)", token: firm))
            #expect(detail["status"] as? String == "paid" && detail["bankReference"] as? String == "TL20240712/\(id)")
            let lines = try #require(try JSONSerialization.jsonObject(with: Data(try await client.api(.get, "/api/v1/budget-lines", token: reviewer).body.readableBytesView)) as? [[String: Any]])
            #expect(lines.first?["spent"] as? Double == 300_000 && lines.first?["available"] as? Double == 200_000 && lines.first?["reserved"] as? Double == 0)

            // Every step is in the chain, with the actor's role and the digests.
            let audit = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 50) }.filter { $0.entry.action.hasPrefix("cashout.") }
            #expect(Set(audit.map(\.entry.action)) == ["cashout.save", "cashout.submit", "cashout.accept", "cashout.recommend", "cashout.approve", "cashout.batch", "cashout.pay"])
            #expect(audit.first { $0.entry.action == "cashout.approve" }?.entry.role == "bureauApprover")
            #expect(audit.allSatisfy { !$0.entry.after.isEmpty })
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }

    @Test func badInputGetsAFourHundredAndChangesNothing() async throws {
        try await WebHarness.run(.sqlite) { client, fixture in
            let admin = try await client.token(Fixture.username(.bureauAdmin))
            let firm = try await client.token(Fixture.username(.enterprise))
            #expect(try await client.api(.post, "/api/v1/policies", token: admin, json: #"{"id":"x"}"#).status == .unprocessableContent)
            var bad = Self.hteFirst
            bad.budgetLine = "nope"
            #expect(try await client.api(.post, "/api/v1/policies", token: admin, json: Self.policyJSON(bad)).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/budget-lines", token: admin, json: #"{"code":"","name":"","year":1900}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/budget-lines", token: admin, json: #"{"code":"L\u0301\u0301","name":"x","year":2024}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/budget-lines", token: admin, json: #"{"code":"L1","name":"a\u0000b","year":2024}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/budget-lines", token: admin, json: #"{"code":"L2024","name":"科技专项","year":2024}"#).status == .created)
            #expect(try await client.api(.post, "/api/v1/budget-lines/L2024/appropriations", token: admin, json: #"{"amount":-5}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/budget-lines/L2024/appropriations", token: admin, json: #"{"amount":"lots"}"#).status.code / 100 == 4)
            #expect(try await client.api(.post, "/api/v1/budget-lines/NOPE/appropriations", token: admin, json: #"{"amount":5}"#).status == .notFound)
            #expect(try await client.api(.post, "/api/v1/applications/1/steps", token: admin, json: #"{"action":"teleport"}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/applications/999/steps", token: admin, json: #"{"action":"accept"}"#).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/policies/hte-first/matches?year=abc", token: admin).status == .unprocessableContent)

            // An application-mode policy: declared base, attachments with limits.
            var equipment = Self.hteFirst
            equipment.id = "equipment"; equipment.mode = .application; equipment.eligibility = .holds(.highTech)
            equipment.amount = .share(of: .declared("设备购置额"), basisPoints: 1_000, cap: Money(yuan: 1_000_000)); equipment.frequency = .perYear
            equipment.attachments = ["购置发票"]
            #expect(try await client.api(.post, "/api/v1/policies", token: admin, json: Self.policyJSON(equipment)).status == .created)
            #expect(try await client.api(.post, "/api/v1/applications", token: firm, json: #"{"policy":"equipment","year":2024}"#).status == .unprocessableContent,
                    "the policy pays 2023, the year before its window; a firm cannot pick another year")
            let started = try await client.api(.post, "/api/v1/applications", token: firm, json: #"{"policy":"equipment","year":2023}"#)
            #expect(started.status == .created, "\(String(buffer: started.body))")
            let id = try #require(try json(started)["id"] as? Int)
            #expect(try await client.api(.post, "/api/v1/applications", token: firm, json: #"{"policy":"equipment"}"#).status == .conflict, "one per year")
            #expect(try await client.api(.put, "/api/v1/applications/\(id)/form", token: firm, json: #"{"form":{"备注":"a\u0000b"}}"#).status == .unprocessableContent)
            #expect(try await client.api(.put, "/api/v1/applications/\(id)/form", token: firm, json: #"{"declaredBase":-1}"#).status == .unprocessableContent)
            #expect(try await client.api(.put, "/api/v1/applications/\(id)/form", token: firm, json: #"{"bankAccount":"abc"}"#).status == .unprocessableContent)
            let saved = try await client.api(.put, "/api/v1/applications/\(id)/form", token: firm, json: #"{"declaredBase":2500000.5,"bankAccount":"6222000011112222","form":{"设备名称":"光谱仪"}}"#)
            #expect(try json(saved)["amount"] as? Double == 250_000.05)
            let missing = try await step(client, id, "submit", token: firm)
            #expect(missing.status == .unprocessableContent && String(buffer: missing.body).contains("attachments."))
            func upload(_ bytes: [UInt8]) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/applications/\(id)/attachments?name=%E8%B4%AD%E7%BD%AE%E5%8F%91%E7%A5%A8&fileName=invoice.pdf", method: .post,
                                         headers: [.authorization: "Bearer \(firm)", .contentType: "application/pdf"], body: ByteBuffer(bytes: bytes))
            }
            #expect(try await upload(Array("MZ not a pdf".utf8)).status == .unprocessableContent)
            #expect(try await upload([UInt8](repeating: 0x25, count: CashoutService.maxAttachmentBytes + 1)).status == .contentTooLarge)
            let ok = try await upload(Array("%PDF-1.4 invoice".utf8))
            let sha = try json(ok)["sha256"] as? String
            #expect(ok.status == .created && sha?.count == 64)
            for _ in 1..<CashoutService.maxAttachments { #expect(try await upload(Array("%PDF-1.4 more".utf8)).status == .created) }
            let over = try await upload(Array("%PDF-1.4 one too many".utf8))
            #expect(over.status == .unprocessableContent && String(buffer: over.body).contains("at most 20 attachments"), "a bound per application")
            #expect(try await step(client, id, "submit", token: firm).status == .ok)
            #expect(try await step(client, id, "accept", token: admin, extra: #","comment":"a\u0000""#).status == .unprocessableContent)
            #expect(try await step(client, id, "withdraw", token: firm).status == .ok, "withdrawn before acceptance")
            #expect(try await step(client, id, "submit", token: firm).status == .conflict)
            let lines = try #require(try JSONSerialization.jsonObject(with: Data(try await client.api(.get, "/api/v1/budget-lines", token: admin).body.readableBytesView)) as? [[String: Any]])
            #expect(lines.first?["appropriated"] as? Double == 0, "nothing was credited by the refused requests")
            _ = fixture
        }
    }
}
