import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Lending
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// The loan register through the bank API (issue: innovation points and the bank side, items 5
/// and 6): a bank records loans only of consenting firms, reports status moves the register
/// allows, is stopped by its circuit breaker, and never touches another bank's loans.
@Suite struct LoanTests {
    let a = Fixture.a.code

    func loanJSON(_ product: String, _ yuan: Int, status: String = "drawn") -> String {
        #"{"uscc":"\#(a)","product":"\#(product)","amount":\#(yuan),"drawnOn":"2024-07-01","maturesOn":"2025-06-30","status":"\#(status)"}"#
    }

    static func id(_ r: TestResponse) throws -> Int {
        let o = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]
        return try #require(o?["id"] as? Int)
    }

    @Test(arguments: TestDatabases.engines)
    func banksRecordLoansOfConsentingFirmsAndReportTheirStatus(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let bank = try await client.token(Fixture.username(.bank))
            let owner = try await client.token(Fixture.username(.enterprise))
            let admin = try await client.token(Fixture.username(.bureauAdmin))

            // Without a consent the bank may not register the firm's loan; nothing is stored.
            let refused = try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("knowledgeValue", 1_000_000))
            #expect(refused.status == .forbidden)
            #expect(try await fixture.db.read { try await $0.loans.fetchLoans(LoanFilter()) }.isEmpty)
            // Only banks record loans.
            #expect(try await client.api(.post, "/api/v1/bank/loans", token: owner, json: loanJSON("knowledgeValue", 1_000_000)).status == .forbidden)
            #expect(try await client.api(.post, "/api/v1/bank/loans", token: admin, json: loanJSON("knowledgeValue", 1_000_000)).status == .forbidden)

            let grant = try await client.api(.post, "/api/v1/consents", token: owner,
                                             json: #"{"bank":"bank-a","scopes":["points"],"purpose":"知识价值信用贷款","validTo":"2025-06-30"}"#)
            #expect(grant.status == .created)
            let first = try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("knowledgeValue", 1_000_000))
            #expect(first.status == .created, "\(String(buffer: first.body))")
            let id = try Self.id(first)

            // Bad input names each field and stores nothing.
            let bad = try await client.api(.post, "/api/v1/bank/loans", token: bank,
                                           json: #"{"uscc":"\#(a)","product":"gift","amount":-1,"drawnOn":"2024-13-01","maturesOn":"x"}"#)
            #expect(bad.status == .unprocessableContent || bad.status == .badRequest)
            let unknown = try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("knowledgeValue", 1).replacingOccurrences(of: "\"status\"", with: "\"colour\""))
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableContent)

            // Another bank sees no such loan.
            let auth = AuthService(transactor: fixture.db, clock: { fixture.clock.now }, settings: WebHarness.settings)
            _ = try await auth.createUser(username: "u-bank-b", displayName: "另一银行", password: Fixture.password, role: .bank, bank: "bank-b", actor: "test")
            let other = try await client.token("u-bank-b")
            #expect(try await client.api(.post, "/api/v1/bank/loans/\(id)/updates", token: other, json: #"{"status":"repaid"}"#).status == .notFound)
            #expect(String(buffer: try await client.api(.get, "/api/v1/bank/loans", token: other).body) == "[]")

            // Overdue with its principal; the district sees the compensation due.
            let overdue = try await client.api(.post, "/api/v1/bank/loans/\(id)/updates", token: bank, json: #"{"status":"overdue","overduePrincipal":100000}"#)
            #expect(overdue.status == .created)
            let summary = String(buffer: try await client.api(.get, "/api/v1/loans/summary?to=2024-12-31", token: admin).body)
            #expect(summary.contains(#""total":80000"#) && summary.contains(#""city":32000"#) && summary.contains(#""district":48000"#))
            // 10 % overdue: the breaker stops new knowledge-value loans, not other products.
            let stopped = try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("knowledgeValue", 500_000))
            #expect(stopped.status == .conflict && String(buffer: stopped.body).contains("circuit_breaker"))
            #expect(try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("innovationPoints", 500_000)).status == .created)

            // Repaid is final; the history keeps every report.
            #expect(try await client.api(.post, "/api/v1/bank/loans/\(id)/updates", token: bank, json: #"{"status":"repaid"}"#).status == .created)
            #expect(try await client.api(.post, "/api/v1/bank/loans/\(id)/updates", token: bank, json: #"{"status":"overdue","overduePrincipal":1}"#).status == .conflict)
            let history = try await LoanService(transactor: fixture.db, clock: { fixture.clock.now }).history(Int64(id))
            #expect(history.map(\.status) == [.drawn, .overdue, .repaid])
            // Repaid again, the breaker clears.
            #expect(try await client.api(.post, "/api/v1/bank/loans", token: bank, json: loanJSON("knowledgeValue", 500_000)).status == .created)

            // The register: the district reads it with filters; the bank reads its own.
            let register = String(buffer: try await client.api(.get, "/api/v1/loans?product=knowledgeValue", token: admin).body)
            #expect(register.components(separatedBy: "\"id\"").count - 1 == 2)
            #expect(try await client.api(.get, "/api/v1/loans?status=lost", token: admin).status == .unprocessableContent)
            #expect(try await client.api(.get, "/api/v1/loans", token: bank).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/loans", token: owner).status == .forbidden)
            let audit = try await fixture.db.read { try await $0.audit.fetchLatest(limit: 50) }.map(\.entry.action)
            #expect(audit.filter { $0 == "loan.record" }.count == 3 && audit.contains("loan.update"))
        }
    }

    /// Concurrent entries by one bank: every one stored once, none lost.
    @Test(arguments: TestDatabases.engines)
    func concurrentLoanEntries(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let owner = try await client.token(Fixture.username(.enterprise))
            _ = try await client.api(.post, "/api/v1/consents", token: owner, json: #"{"bank":"bank-a","scopes":["points"],"purpose":"贷款","validTo":"2025-06-30"}"#)
            let bank = try await client.token(Fixture.username(.bank))
            let json = loanJSON("knowledgeValue", 200_000)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 { group.addTask { try await client.api(.post, "/api/v1/bank/loans", token: bank, json: json).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created })
            let stored = try await fixture.db.read { try await $0.loans.fetchLoans(LoanFilter(bank: "bank-a")) }
            #expect(stored.count == 8 && Set(stored.map(\.id)).count == 8)
        }
    }
}
