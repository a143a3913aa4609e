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

/// The "my services" page: a firm applies, posts a need, accepts its chief expert and withdraws;
/// an expert scores their sheet and accepts the firm; a refused form shows why and changes nothing.
@Suite struct MyServicesTests {
    @Test func aFirmAndAnExpertOnTheirOwnPage() async throws {
        try await WebHarness.run(.sqlite) { client, fixture in
            let service = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now })
            let admin = User(id: 0, username: "admin", displayName: "", role: .bureauAdmin)
            let expertID = Fixture.username(.expert)
            try await fixture.db.write { stores in
                try await stores.programmes.upsertProgrammes([Programme(code: "energy-storage", name: "新型储能", fields: ["储能"])])
                try await stores.programmes.upsertExperts([PoolExpert(expert: Expert(id: expertID, name: "专家甲", institution: "重庆大学", fields: ["储能"], capacity: 3),
                                                                      recommendedBy: "重庆大学", chief: true),
                                                           PoolExpert(expert: Expert(id: "r-2", name: "专家乙", institution: "西南大学", fields: ["储能"], capacity: 3),
                                                                      recommendedBy: nil, chief: false)])
            }
            let today = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970)
            let call = try await service.openCall(ProgrammeCall(programme: "energy-storage", title: "储能专项（开放中）", opens: today.adding(days: -1), closes: today.adding(days: 30),
                                                             budgetFen: 100_000_00, reviewers: 1, cityQuota: 0, createdAt: "", createdBy: ""), by: admin)
            let firm = try await Browser.signIn(client, Fixture.username(.enterprise))
            let expert = try await Browser.signIn(client, Fixture.username(.expert))
            func get(_ b: Browser) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.execute(uri: "/my/services", method: .get, headers: b.headers())
                return (r.status, String(buffer: r.body))
            }
            func post(_ b: Browser, _ uri: String, _ body: String = "") async throws -> (HTTPResponse.Status, String) {
                let r = try await client.execute(uri: uri, method: .post, headers: b.headers(form: true), body: ByteBuffer(string: "_csrf=\(b.csrf)&" + body))
                return (r.status, String(buffer: r.body))
            }
            var page = try await get(firm)
            #expect(page.0 == .ok && page.1.contains("储能专项（开放中）") && page.1.contains("尚未申报项目"))
            let bad = try await post(firm, "/my/calls/\(call)/apply", "title=%E7%94%B5%E8%8A%AF&field=%E5%82%A8%E8%83%BD&requested=abc")
            #expect(bad.0 == .unprocessableContent && bad.1.contains("申请资助金额"), "the bad amount is named")
            #expect(try await fixture.db.read { try await $0.programmes.fetchProjects(callID: call) }.isEmpty, "nothing written")
            #expect(try await post(firm, "/my/calls/\(call)/apply", "title=%E7%94%B5%E8%8A%AF&field=%E5%82%A8%E8%83%BD&requested=50000").0 == .seeOther)
            let project = try #require(try await fixture.db.read { try await $0.programmes.fetchProjects(callID: call) }.first)
            #expect(project.uscc == Fixture.a && project.requestedFen == 50_000_00)

            // The need goes up as a problem statement; the chief expert is proposed; both accept.
            #expect(try await post(firm, "/my/chief-needs", "field=%E5%82%A8%E8%83%BD&problem=short").0 == .unprocessableContent)
            #expect(try await post(firm, "/my/chief-needs", "field=%E5%82%A8%E8%83%BD&problem=" + "电芯分容后压差超过十五毫伏".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).0 == .seeOther)
            _ = try await service.proposeChiefExperts(round: String(today.year), by: admin)
            let need = try #require(try await service.chiefRound(String(today.year)).first?.need.id)
            page = try await get(firm)
            #expect(page.1.contains("专家甲") && page.1.contains("/my/chief-needs/\(need)/accept"))
            #expect(try await post(firm, "/my/chief-needs/\(need)/accept").0 == .seeOther)
            #expect(try await post(firm, "/my/chief-needs/\(need)/accept").0 == .conflict, "accepted once, shown on the page")
            #expect(try await get(expert).1.contains("/my/chief-needs/\(need)/accept"))
            #expect(try await post(expert, "/my/chief-needs/\(need)/accept").0 == .seeOther)
            #expect(try await service.chiefRound(String(today.year)).first?.match?.termStarts != nil, "the term started")

            // The project reaches review; the expert on the panel scores from the page.
            for action in [ProjectAction.checkUnit, .checkDepartment, .accept] { _ = try await service.step(project.id, action, by: admin) }
            _ = try await service.assignReviewers(callID: call, by: admin)
            let panel = try await fixture.db.read { try await $0.programmes.fetchAssignments(callID: call) }.map(\.expertID)
            #expect(panel == ["r-2"], "the chief expert is not a reviewer")
            try await fixture.db.write { try await $0.programmes.insertAssignments([ReviewAssignment(projectID: project.id, expertID: expertID, assignedAt: "t")]) }
            #expect(try await get(expert).1.contains("/my/reviews/\(project.id)/score"))
            #expect(try await post(expert, "/my/reviews/\(project.id)/score", "score=101").0 == .unprocessableContent)
            #expect(try await post(expert, "/my/reviews/\(project.id)/score", "score=88.5").0 == .seeOther)
            #expect(try await fixture.db.read { try await $0.programmes.fetchAssignments(expertID: expertID) }.first?.score == 88.5)
            #expect(try await post(firm, "/my/reviews/\(project.id)/score", "score=99").0 == .forbidden, "a firm does not score")
            #expect(try await post(firm, "/my/projects/\(project.id)/withdraw").0 == .conflict, "accepted projects are not withdrawn")
            #expect(try await post(firm, "/my/events/999999/register").0 == .notFound)

            // Booking from the page: an instrument, a day, whole hours; the host confirms later.
            let sem = try await SharingService(transactor: fixture.db, clock: { fixture.clock.now }).listInstrument(
                Instrument(code: "U-1", name: "电子显微镜", category: "显微", host: "重庆大学", hostUSCC: nil, hourlyFee: Money(yuan: 400), hoursPerWeek: 30,
                           listedOn: today), by: admin)
            #expect(try await get(firm).1.contains("电子显微镜（重庆大学"))
            let day = today.adding(days: 2).description
            #expect(try await post(firm, "/my/bookings", "instrument=\(sem)&day=\(day)&from=14&to=12&purpose=x").0 == .unprocessableContent)
            #expect(try await post(firm, "/my/bookings", "instrument=\(sem)&day=\(day)&from=9&to=12&purpose=%E6%A3%80%E6%B5%8B").0 == .seeOther)
            let booked = try await fixture.db.read { try await $0.sharing.fetchBookings(uscc: Fixture.a) }
            #expect(booked.count == 1 && booked[0].slot.hours == 3 && booked[0].status == .requested)
            #expect(try await post(expert, "/my/bookings", "instrument=\(sem)&day=\(day)&from=9&to=12&purpose=x").0 == .forbidden, "an expert books for no firm")

            let bank = try await Browser.signIn(client, Fixture.username(.bank))
            #expect(try await get(bank).0 == .forbidden)
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }
}
