import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import KechuangTestSupport
import Kernel
import Matching
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// The programme API: each step only for the one who carries it, scores once and in range,
/// two-way acceptance, bad input refused with nothing changed.
@Suite struct ProgrammeAPITests {
    @Test(arguments: TestDatabases.engines)
    func theReviewChainScoresAndAcceptancesThroughTheAPI(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let service = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now })
            let admin = User(id: 0, username: "admin", displayName: "", role: .bureauAdmin)
            let expertID = Fixture.username(.expert)
            try await fixture.db.write { stores in
                try await stores.programmes.upsertProgrammes([Programme(code: "energy-storage", name: "新型储能", fields: ["储能"])])
                try await stores.programmes.upsertExperts([
                    PoolExpert(expert: Expert(id: expertID, name: "专家甲", institution: "重庆大学", fields: ["储能"], capacity: 5), recommendedBy: nil, chief: false),
                    PoolExpert(expert: Expert(id: "other-expert", name: "专家乙", institution: "西南大学", fields: ["储能"], capacity: 5), recommendedBy: nil, chief: false),
                    PoolExpert(expert: Expert(id: "chief-1", name: "首席丙", institution: "重庆理工大学", fields: ["储能"], capacity: 2), recommendedBy: "重庆理工大学", chief: true),
                ])
                try await stores.programmes.insertNeeds([ChiefNeed(round: "2024", uscc: Fixture.a, field: "储能", problem: "电芯一致性", channel: .visit, createdAt: "2024-06-01T00:00:00Z")])
            }
            let callID = try await service.openCall(ProgrammeCall(programme: "energy-storage", title: "储能专项", opens: LocalDate("2024-06-01")!,
                                                                 closes: LocalDate("2024-07-31")!, budgetFen: 100_000_00, reviewers: 2, cityQuota: 1,
                                                                 createdAt: "", createdBy: ""), by: admin)
            let firm = User(id: 0, username: "f", displayName: "", role: .enterprise, enterprise: Fixture.a)
            let id = try await service.apply(ProjectRecord(callID: callID, uscc: Fixture.a, title: "储能电芯研发", summary: "", fields: ["储能"], keywords: [],
                                                           partners: [], requestedFen: 50_000_00, submittedAt: "", updatedAt: ""), by: firm)
            let other = User(id: 0, username: "g", displayName: "", role: .enterprise, enterprise: Fixture.b)
            await #expect(throws: ProgrammeError.self) {
                try await service.apply(ProjectRecord(callID: callID, uscc: Fixture.a, title: "冒名申报", summary: "", fields: ["储能"], keywords: [], partners: [],
                                                      requestedFen: 1, submittedAt: "", updatedAt: ""), by: other)
            }

            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            func step(_ role: Role, _ json: String, project: Int64? = nil) async throws -> TestResponse {
                try await client.api(.post, "/api/v1/projects/\(project ?? id)/steps", token: tokens[role], json: json)
            }
            #expect(try await step(.bureauReviewer, #"{"action":"checkDepartment"}"#).status == .conflict, "the unit checks first")
            #expect(try await step(.bureauApprover, #"{"action":"checkUnit"}"#).status == .forbidden, "not the approver's duty")
            #expect(try await step(.townOfficer, #"{"action":"nonsense"}"#).status == .unprocessableContent)
            #expect(try await step(.townOfficer, #"{"action":"assignReviewers"}"#).status == .unprocessableContent)
            #expect(try await step(.townOfficer, #"{"action":"sendBack"}"#).status == .unprocessableContent, "a reason is required")
            #expect(try await step(.townOfficer, #"{"action":"checkUnit"}"#, project: 999_999).status == .notFound)
            #expect(try await step(.townOfficer, #"{"action":"checkUnit"}"#).status == .ok, "the firm's own town")
            #expect(try await step(.bureauReviewer, #"{"action":"checkDepartment"}"#).status == .ok)
            #expect(try await step(.enterprise, #"{"action":"withdraw"}"#).status == .ok, "the firm may withdraw before acceptance")
            #expect(try await step(.enterprise, #"{"action":"resubmit"}"#).status == .conflict, "withdrawn is final")

            // The same chain from the pages: the call lists it, the project page offers only the
            // steps the reader carries, and a step without its reason is shown back, unchanged.
            let third = try await service.apply(ProjectRecord(callID: callID, uscc: Fixture.a, title: "储能安全监测", summary: "", fields: ["储能"], keywords: [],
                                                              partners: [], requestedFen: 10_000_00, submittedAt: "", updatedAt: ""), by: firm)
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let town = try await Browser.signIn(client, Fixture.username(.townOfficer))
            func page(_ b: Browser, _ uri: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.execute(uri: uri, method: .get, headers: b.headers())
                return (r.status, String(buffer: r.body))
            }
            func post(_ b: Browser, _ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: b.headers(form: true), body: ByteBuffer(string: "_csrf=\(b.csrf)&" + body))
            }
            let call = try await page(reviewer, "/programmes/calls/\(callID)")
            #expect(call.0 == .ok && call.1.contains("/programmes/projects/\(third)") && call.1.contains("评审前的项目"))
            var project = try await page(reviewer, "/programmes/projects/\(third)")
            #expect(project.0 == .ok && !project.1.contains("value=\"checkUnit\"") && project.1.contains("value=\"sendBack\""), "the unit's step is not the reviewer's")
            #expect(try await post(reviewer, "/programmes/projects/\(third)/step", "action=sendBack&note=").status == .unprocessableContent)
            #expect(try await service.project(third)?.project.status == .submitted)
            let browserTown = try await page(town, "/programmes/projects/\(third)")
            #expect(browserTown.0 == .forbidden, "town officers do not read the programme pages")
            #expect(try await step(.townOfficer, #"{"action":"checkUnit"}"#, project: third).status == .ok)
            #expect(try await post(reviewer, "/programmes/projects/\(third)/step", "action=checkDepartment").status == .seeOther)
            project = try await page(reviewer, "/programmes/projects/\(third)")
            #expect(project.1.contains("主管部门已审核") && project.1.contains("value=\"accept\""))
            #expect(try await post(reviewer, "/programmes/projects/\(third)/step", "action=sendBack&note=%E7%BC%BA%E5%B0%91%E9%A2%84%E7%AE%97").status == .seeOther)
            #expect(try await page(reviewer, "/programmes/projects/\(third)").1.contains("缺少预算"))
            #expect(try await page(reviewer, "/programmes/projects/999999").0 == .notFound)

            // Applying over the API: one's own firm only, inside the window, every bad field named.
            let apply = "/api/v1/calls/\(callID)/projects"
            let good = #"{"uscc":"\#(Fixture.a.code)","title":"储能热管理","fields":["储能"],"requested":300000.5}"#
            let created = try await client.api(.post, apply, token: tokens[.enterprise], json: good)
            #expect(created.status == .created && String(buffer: created.body).contains(#""requested":300000.5"#), "\(String(buffer: created.body))")
            #expect(try await client.api(.post, apply, token: tokens[.enterprise], json: good).status == .conflict, "the same title twice")
            #expect(try await client.api(.post, apply, token: tokens[.enterprise],
                                         json: #"{"uscc":"\#(Fixture.b.code)","title":"别家项目","fields":["储能"],"requested":1}"#).status == .forbidden)
            #expect(try await client.api(.post, apply, token: tokens[.bank], json: good).status == .forbidden)
            for (json, path) in [(#"{"uscc":"915001","title":"x","fields":["储能"],"requested":1}"#, "uscc"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"","fields":["储能"],"requested":1}"#, "title"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"x","fields":[],"requested":1}"#, "fields"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"x","fields":["储能"],"requested":-1}"#, "requested"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"x","fields":["储能"],"requested":1.001}"#, "requested"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"x","fields":["\u0000"],"requested":1}"#, "fields[0]"),
                                 (#"{"uscc":"\#(Fixture.a.code)","title":"x","fields":["储能"],"requested":1,"extra":1}"#, "extra")] {
                let r = try await client.api(.post, apply, token: tokens[.enterprise], json: json)
                #expect(r.status == .unprocessableContent && String(buffer: r.body).contains(#""path":"\#(path)""#), "\(json): \(String(buffer: r.body))")
            }
            #expect(try await client.api(.post, "/api/v1/calls/999999/projects", token: tokens[.enterprise], json: good).status == .notFound)

            // A second application runs to review, scoring and the ranking.
            let second = try await service.apply(ProjectRecord(callID: callID, uscc: Fixture.a, title: "储能系统集成", summary: "", fields: ["储能"], keywords: [],
                                                               partners: [], requestedFen: 80_000_00, submittedAt: "", updatedAt: ""), by: firm)
            for (role, action) in [(Role.townOfficer, "checkUnit"), (.bureauReviewer, "checkDepartment"), (.bureauReviewer, "accept")] {
                #expect(try await step(role, #"{"action":"\#(action)"}"#, project: second).status == .ok, "\(action)")
            }
            let assigned = try await service.assignReviewers(callID: callID, by: admin)
            #expect(assigned.assigned == 1 && assigned.unfilled.isEmpty, "a panel of the two reviewers; the chief expert is not a reviewer")
            let scores = "/api/v1/projects/\(second)/scores"
            #expect(try await client.api(.post, scores, token: tokens[.expert], json: #"{"expert":"other-expert","score":80}"#).status == .forbidden, "one's own sheet only")
            #expect(try await client.api(.post, scores, token: tokens[.expert], json: #"{"expert":"\#(expertID)","score":101}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, scores, token: tokens[.expert], json: #"{"expert":"\#(expertID)","score":"high"}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, scores, token: tokens[.expert], json: #"{"expert":"\#(expertID)","score":86.5}"#).status == .ok)
            #expect(try await client.api(.post, scores, token: tokens[.expert], json: #"{"expert":"\#(expertID)","score":90}"#).status == .conflict, "scored once")
            #expect(try await client.api(.post, scores, token: tokens[.bureauReviewer], json: #"{"expert":"other-expert","score":79.5}"#).status == .ok, "a paper sheet entered by staff")
            let ranking = String(buffer: try await client.api(.get, "/api/v1/calls/\(callID)/ranking", token: tokens[.auditor]).body)
            #expect(ranking.contains(#""rank":1"#) && ranking.contains(#""score":83"#), "\(ranking)")
            #expect(try await client.api(.get, "/api/v1/calls/\(callID)/ranking", token: tokens[.enterprise]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/calls/999999/ranking", token: tokens[.auditor]).status == .notFound)
            #expect(try await step(.bureauApprover, #"{"action":"recommend"}"#, project: second).status == .ok)
            let overview = String(buffer: try await client.api(.get, "/api/v1/programmes", token: tokens[.bureauReviewer]).body)
            #expect(overview.contains(#""recommended":1"#) && overview.contains(#""withdrawn":1"#), "\(overview)")

            // The chief-expert match: proposed, then accepted by each side once.
            #expect(try await service.proposeChiefExperts(round: "2024", by: admin).proposed == 1)
            let need = try #require(try await service.chiefRound("2024").first?.need.id)
            let accept = "/api/v1/chief-experts/\(need)/acceptances"
            #expect(try await client.api(.post, accept, token: tokens[.enterprise], json: #"{"side":"both"}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, accept, token: tokens[.expert], json: #"{"side":"expert"}"#).status == .forbidden, "not the proposed expert")
            #expect(try await client.api(.post, accept, token: tokens[.enterprise], json: #"{"side":"firm"}"#).status == .noContent)
            #expect(try await client.api(.post, accept, token: tokens[.enterprise], json: #"{"side":"firm"}"#).status == .conflict)
            #expect(try await client.api(.post, "/api/v1/chief-experts/999999/acceptances", token: tokens[.bureauReviewer], json: #"{"side":"firm"}"#).status == .notFound)
            #expect(try await service.chiefRound("2024").first?.match?.termStarts == nil, "one side only: no term yet")
            #expect(try await client.api(.post, accept, token: tokens[.bureauReviewer], json: #"{"side":"expert"}"#).status == .noContent)
            let term = try #require(try await service.chiefRound("2024").first?.match)
            #expect(term.termStarts == LocalDate("2024-07-01") && term.termEnds == LocalDate("2025-06-30"))
            let listed = String(buffer: try await client.api(.get, "/api/v1/chief-experts", token: tokens[.auditor]).body)
            #expect(listed.contains(#""termEnds":"2025-06-30""#) && listed.contains(#""expert":"chief-1""#))
            // A chief expert recorded with capacity 9 still serves at most three firms (E1).
            try await fixture.db.write { stores in
                try await stores.programmes.upsertExperts([PoolExpert(expert: Expert(id: "chief-1", name: "首席丙", institution: "重庆理工大学", fields: ["储能"],
                                                                                     capacity: 9), recommendedBy: "重庆理工大学", chief: true)])
                try await stores.programmes.insertNeeds((1...4).map { ChiefNeed(round: "2024", uscc: Fixture.b, field: "储能", problem: "需求 \($0)", channel: .platform,
                                                                                 createdAt: "2024-06-02T00:00:00Z") })
            }
            let more = try await service.proposeChiefExperts(round: "2024", by: admin)
            #expect(more.proposed == 2 && more.unmatched.count == 2, "one firm served already, two more up to three")
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }
}
