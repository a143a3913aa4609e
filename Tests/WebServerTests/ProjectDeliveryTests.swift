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

/// A project after the decision: milestones planned by the administrator, reported by the firm,
/// acceptance only once all are in; and the duplicate check shown to reviewers (items 2–3).
@Suite struct ProjectDeliveryTests {
    @Test(arguments: TestDatabases.engines)
    func milestonesLeadToAcceptanceAndDuplicatesAreFlagged(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let service = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now })
            let admin = User(id: 0, username: "admin", displayName: "", role: .bureauAdmin)
            let approver = User(id: 0, username: "approver", displayName: "", role: .bureauApprover)
            let firm = User(id: 0, username: "f", displayName: "", role: .enterprise, enterprise: Fixture.a)
            try await fixture.db.write { stores in
                try await stores.programmes.upsertProgrammes([Programme(code: "energy-storage", name: "新型储能", fields: ["储能"])])
                try await stores.programmes.upsertExperts([PoolExpert(expert: Expert(id: "e-1", name: "专家甲", institution: "重庆大学", fields: ["储能"], capacity: 9),
                                                                      recommendedBy: nil, chief: false)])
            }
            let call = try await service.openCall(ProgrammeCall(programme: "energy-storage", title: "储能专项", opens: LocalDate("2024-06-01")!,
                                                             closes: LocalDate("2024-07-31")!, budgetFen: 100_000_00, reviewers: 1, cityQuota: 1,
                                                             createdAt: "", createdBy: "", budgetLine: "TL-ZX-2024"), by: admin)
            func apply(_ title: String, _ summary: String, _ from: String, _ to: String) async throws -> Int64 {
                try await service.apply(ProjectRecord(callID: call, uscc: Fixture.a, title: title, summary: summary, fields: ["储能"], keywords: [], partners: [],
                                                      requestedFen: 50_000_00, submittedAt: "", updatedAt: "", startsOn: LocalDate(from), endsOn: LocalDate(to)), by: firm)
            }
            let p1 = try await apply("储能电芯一致性关键技术研发", "面向储能电芯的一致性控制与梯次利用", "2024-07-01", "2025-06-30")
            let p2 = try await apply("储能电芯一致性关键技术研发（二期）", "面向储能电芯的一致性控制与梯次利用", "2025-07-01", "2026-06-30")
            let p3 = try await apply("热管理平台建设", "液冷系统", "2024-09-01", "2025-03-31")
            let p4 = try await apply("消防监测示范", "火灾预警", "2025-07-01", "2026-06-30")
            await #expect(throws: ProgrammeError.self, "a period that ends before it starts") { _ = try await apply("倒置", "", "2025-01-01", "2024-01-01") }

            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            func detail(_ id: Int64, _ role: Role) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.api(.get, "/api/v1/projects/\(id)", token: tokens[role])
                return (r.status, String(buffer: r.body))
            }
            // p1 reads like p2 (text) and shares the line and period with p3; p4 shares the line
            // but starts the day after p1 ends, and its text is its own.
            let one = try await detail(p1, .auditor)
            #expect(one.0 == .ok && one.1.contains(#""id":\#(p2)"#) && one.1.contains(#""id":\#(p3)"#), "\(one.1)")
            #expect(one.1.contains(#""starts":"2024-07-01""#))
            let overlaps = try await service.project(p1)!.overlaps
            #expect(overlaps.map(\.other.id) == [p2, p3] && overlaps[1].sameBudgetLine && overlaps[1].periodsOverlap && !overlaps[0].periodsOverlap)
            let own = try await detail(p1, .enterprise)
            #expect(own.0 == .ok && own.1.contains(#""overlaps":[]"#), "the firm reads its own project, without the reviewers' flags")
            #expect(try await detail(p1, .bank).0 == .notFound, "another party is told it does not exist")
            #expect(try await detail(999_999, .auditor).0 == .notFound)
            #expect(try await service.overlapCounts(callID: call) == [p1: 2, p2: 2, p3: 1, p4: 1], "p2 and p4 share the line and their period")

            // The reviewers see the flags on the call's list and on the project page.
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let callPage = String(buffer: try await client.execute(uri: "/programmes/calls/\(call)", method: .get, headers: reviewer.headers()).body)
            #expect(callPage.contains("疑似重复申报 2 项"))
            let page = String(buffer: try await client.execute(uri: "/programmes/projects/\(p1)", method: .get, headers: reviewer.headers()).body)
            #expect(page.contains("疑似重复申报") && page.contains("/programmes/projects/\(p2)") && page.contains("同一预算科目"))

            // Through the chain to the decision.
            for action in [ProjectAction.checkUnit, .checkDepartment, .accept] { _ = try await service.step(p1, action, by: admin) }
            _ = try await service.assignReviewers(callID: call, by: admin)
            let plan = "/api/v1/projects/\(p1)/milestones"
            let good = #"{"milestones":[{"title":"方案设计","due":"2024-12-31"},{"title":"样机","due":"2025-06-30"}]}"#
            #expect(try await client.api(.post, plan, token: tokens[.bureauAdmin], json: good).status == .conflict, "not before the decision")
            _ = try await service.step(p1, .recommend, by: approver)
            #expect(try await client.api(.post, plan, token: tokens[.bureauReviewer], json: good).status == .forbidden, "the administrator plans")
            for bad in [#"{"milestones":[]}"#, #"{"milestones":[{"title":"x","due":"2024-13-01"}]}"#, #"{"milestones":[{"title":"","due":"2024-12-31"}]}"#,
                        #"{"milestones":[{"title":"x","due":"2024-12-31","extra":1}]}"#, #"{"milestones":[{"title":"x"}]}"#] {
                let r = try await client.api(.post, plan, token: tokens[.bureauAdmin], json: bad)
                #expect(r.status == .unprocessableContent, "\(bad): \(String(buffer: r.body))")
            }
            let extra = try await client.api(.post, plan, token: tokens[.bureauAdmin], json: #"{"milestones":[{"title":"x","due":"2024-12-31","extra":1}]}"#)
            #expect(String(buffer: extra.body).contains("milestones[0].extra"), "the nested unknown field is named")
            #expect(try await service.project(p1)!.milestones.isEmpty, "nothing kept from refused plans")
            let planned = try await client.api(.post, plan, token: tokens[.bureauAdmin], json: good)
            #expect(planned.status == .ok && String(buffer: planned.body).contains(#""title":"样机""#))
            let report = { (seq: Int) in "/api/v1/projects/\(p1)/milestones/\(seq)/reports" }
            #expect(try await client.api(.post, report(1), token: tokens[.enterprise], json: #"{"report":"完成"}"#).status == .conflict, "reported after the contract")
            _ = try await service.step(p1, .contract, by: admin)
            #expect(try await client.api(.post, report(1), token: tokens[.bank], json: #"{"report":"完成"}"#).status == .forbidden)
            #expect(try await client.api(.post, report(1), token: tokens[.enterprise], json: #"{"report":""}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, report(9), token: tokens[.enterprise], json: #"{"report":"完成"}"#).status == .notFound)
            #expect(try await client.api(.post, report(1), token: tokens[.enterprise], json: #"{"report":"方案已通过专家论证"}"#).status == .ok)
            #expect(try await client.api(.post, report(1), token: tokens[.enterprise], json: #"{"report":"again"}"#).status == .conflict, "once")
            #expect(try await client.api(.post, plan, token: tokens[.bureauAdmin], json: good).status == .conflict, "the plan is fixed once reported")
            let complete = #"{"action":"complete"}"#
            let early = try await client.api(.post, "/api/v1/projects/\(p1)/steps", token: tokens[.bureauAdmin], json: complete)
            #expect(early.status == .conflict && String(buffer: early.body).contains("2"), "milestone 2 is open")

            // Staff enter the firm's paper report on the page; then the project is accepted.
            let admin2 = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            let form = try await client.execute(uri: "/programmes/projects/\(p1)/milestones/2/report", method: .post, headers: admin2.headers(form: true),
                                                body: ByteBuffer(string: "_csrf=\(admin2.csrf)&report=%E6%A0%B7%E6%9C%BA%E8%AF%95%E5%88%B6%E5%AE%8C%E6%88%90"))
            #expect(form.status == .seeOther)
            #expect(try await client.api(.post, "/api/v1/projects/\(p1)/steps", token: tokens[.bureauAdmin], json: complete).status == .ok)
            let done = try await service.project(p1)!
            #expect(done.project.status == .completed && done.milestones.allSatisfy { $0.reportedOn != nil } && done.milestones[1].report == "样机试制完成")
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }

    @Test func aMilestonePlanIsTypedOnePerLine() throws {
        let plan = try MilestonePlanText.parse("2024-12-31 方案设计\n\n2025-06-30\u{3000}样机 试制\n")
        #expect(plan.map(\.title) == ["方案设计", "样机 试制"] && plan.map(\.dueOn) == [LocalDate("2024-12-31")!, LocalDate("2025-06-30")!])
        #expect(throws: ProgrammeError.self) { try MilestonePlanText.parse("明年 样机") }
        #expect(throws: ProgrammeError.self) { try MilestonePlanText.parse("2024-12-31") }
    }
}
