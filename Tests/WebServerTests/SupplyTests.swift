import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import KechuangTestSupport
import Kernel
import Matching
import Registry
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// Chain supply through the API: a leader's need, a firm's own profile, the bureau's matching,
/// the leader's stages with orders, declared purchases, and the local supply share from them.
@Suite struct SupplyTests {
    @Test(arguments: TestDatabases.engines)
    func aLeadersNeedToALocalOrder(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            func post(_ role: Role, _ path: String, _ json: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.api(.post, path, token: tokens[role], json: json)
                return (r.status, String(buffer: r.body))
            }
            let needB = #"{"leader":"\#(Fixture.b.code)","chain":"energy-storage","title":"电芯结构件","capabilities":["冲压","铝壳"],"annual":1000000}"#
            #expect(try await post(.enterprise, "/api/v1/purchase-needs", needB).0 == .forbidden, "firm A does not speak for B")
            #expect(try await post(.bureauReviewer, "/api/v1/purchase-needs", needB).0 == .conflict, "B leads no chain yet")
            try await fixture.db.write { try await $0.district.upsertChains([IndustryChain(code: "energy-storage", name: "新型储能", leader: Fixture.b)]) }
            for (json, status) in [(needB.replacingOccurrences(of: #"["冲压","铝壳"]"#, with: "[]"), HTTPResponse.Status.unprocessableContent),
                                   (needB.replacingOccurrences(of: "1000000", with: "-1"), .unprocessableContent),
                                   (needB.replacingOccurrences(of: "energy-storage", with: "nope"), .notFound),
                                   (needB.replacingOccurrences(of: "}", with: #","extra":1}"#), .unprocessableContent)] {
                #expect(try await post(.bureauReviewer, "/api/v1/purchase-needs", json).0 == status, "\(json)")
            }
            let posted = try await post(.bureauReviewer, "/api/v1/purchase-needs", needB)
            #expect(posted.0 == .created, "\(posted.1)")
            let need = try #require(try await fixture.db.read { try await $0.supply.fetchNeeds() }.first?.id)

            let profile = #"{"uscc":"\#(Fixture.a.code)","capabilities":["冲压","精密加工"],"summary":"精密冲压"}"#
            #expect(try await post(.enterprise, "/api/v1/supplier-profiles", profile).0 == .noContent, "firm A keeps its own profile")
            #expect(try await post(.enterprise, "/api/v1/supplier-profiles", profile.replacingOccurrences(of: Fixture.a.code, with: Fixture.b.code)).0 == .forbidden)
            #expect(try await post(.enterprise, "/api/v1/purchase-needs/\(need)/proposals", "{}").0 == .forbidden, "the bureau runs the matching")
            let proposed = try await post(.bureauReviewer, "/api/v1/purchase-needs/\(need)/proposals", "{}")
            #expect(proposed.0 == .ok && proposed.1.contains(#""proposed":1"#), "\(proposed.1)")
            #expect(try await post(.bureauReviewer, "/api/v1/purchase-needs/\(need)/proposals", "{}").1.contains(#""proposed":0"#), "not proposed twice")
            #expect(try await post(.bureauReviewer, "/api/v1/purchase-needs/999999/proposals", "{}").0 == .notFound)

            let stage = "/api/v1/purchase-needs/\(need)/suppliers/\(Fixture.a.code)/stages"
            let year = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970).year
            #expect(try await post(.enterprise, stage, #"{"stage":"met"}"#).0 == .forbidden, "the supplier does not record the leader's meetings")
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"ordered","order":50000,"year":\#(year)}"#).0 == .conflict, "met first")
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"proposed"}"#).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"met","order":1}"#).0 == .unprocessableContent, "only an order has a value")
            #expect(try await post(.bureauReviewer, "/api/v1/purchase-needs/\(need)/suppliers/\(Fixture.b.code)/stages", #"{"stage":"met"}"#).0 == .notFound)
            // Two meetings recorded at once: one moves the proposal, the other finds it moved.
            let service = SupplyService(transactor: fixture.db, clock: { fixture.clock.now })
            let staff = User(id: 0, username: "r", displayName: "", role: .bureauReviewer)
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { (try? await service.recordStage(needID: need, supplier: Fixture.a, to: .met, by: staff)) != nil } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1, "\(results)")
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"ordered"}"#).0 == .unprocessableContent, "an order has a value")
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"ordered","order":50000,"year":\#(year)}"#).0 == .noContent)
            #expect(try await post(.bureauReviewer, stage, #"{"stage":"declined"}"#).0 == .conflict, "ordered is final")

            let purchases = #"{"chain":"energy-storage","year":\#(year),"total":1000000}"#
            #expect(try await post(.enterprise, "/api/v1/chain-purchases", purchases).0 == .forbidden, "firm A does not lead the chain")
            #expect(try await post(.bureauReviewer, "/api/v1/chain-purchases", purchases.replacingOccurrences(of: "energy-storage", with: "nope")).0 == .notFound)
            #expect(try await post(.bureauReviewer, "/api/v1/chain-purchases", purchases.replacingOccurrences(of: "1000000", with: "0")).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/chain-purchases", purchases).0 == .noContent)
            let overview = try await service.overview(year: year)
            #expect(overview.shares.first?.share == 0.05 && overview.shares.first?.localOrdersFen == 50_000_00)
            let api = try await client.api(.get, "/api/v1/chains/supply", token: tokens[.auditor])
            #expect(api.status == .ok && String(buffer: api.body).contains(#""share":0.05"#), "\(String(buffer: api.body))")
            #expect(try await client.api(.get, "/api/v1/chains/supply", token: tokens[.enterprise]).status == .forbidden)
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let page = String(buffer: try await client.execute(uri: "/chains", method: .get, headers: reviewer.headers()).body)
            #expect(page.contains("5.0%") && page.contains("电芯结构件") && page.contains("已下单"))
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }
}
