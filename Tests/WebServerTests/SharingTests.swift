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

/// Shared instruments through the API: a firm books for itself, the host decides, a confirmed
/// slot is never given twice — also when two confirmations race — and use is recorded once;
/// and a chief expert's results with their evidence (E3).
@Suite struct SharingTests {
    @Test(arguments: TestDatabases.engines)
    func bookingsFromRequestToUse(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let sharing = SharingService(transactor: fixture.db, clock: { fixture.clock.now })
            let admin = User(id: 0, username: "admin", displayName: "", role: .bureauAdmin)
            let today = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970)
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }

            // Firm B hosts a test bench; the university's microscope has no firm host.
            let bench = try await sharing.listInstrument(Instrument(code: "B-1", name: "振动试验台", category: "检测", host: "东城精密", hostUSCC: Fixture.b,
                                                                   hourlyFee: Money(yuan: 150), hoursPerWeek: 20, listedOn: today), by: admin)
            let sem = try await sharing.listInstrument(Instrument(code: "U-1", name: "电子显微镜", category: "显微", host: "重庆大学", hostUSCC: nil,
                                                                 hourlyFee: Money(yuan: 400), hoursPerWeek: 30, listedOn: today), by: admin)
            await #expect(throws: ProgrammeError.self, "the code is taken") {
                try await sharing.listInstrument(Instrument(code: "B-1", name: "x", category: "c", host: "h", hostUSCC: nil, hourlyFee: Money(yuan: 1),
                                                            hoursPerWeek: 1, listedOn: today), by: admin)
            }
            await #expect(throws: ProgrammeError.self, "firms do not keep the catalogue") {
                try await sharing.listInstrument(Instrument(code: "F-1", name: "x", category: "c", host: "h", hostUSCC: nil, hourlyFee: Money(yuan: 1),
                                                            hoursPerWeek: 1, listedOn: today), by: User(id: 0, username: "f", displayName: "", role: .enterprise, enterprise: Fixture.a))
            }

            let tomorrow = today.adding(days: 1).description
            func book(_ instrument: Int64, _ role: Role, _ json: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.api(.post, "/api/v1/instruments/\(instrument)/bookings", token: tokens[role], json: json)
                return (r.status, String(buffer: r.body))
            }
            func body(_ uscc: USCC = Fixture.a, day: String = tomorrow, from: Int = 9, to: Int = 12) -> String {
                #"{"uscc":"\#(uscc.code)","day":"\#(day)","fromHour":\#(from),"toHour":\#(to),"purpose":"样品检测"}"#
            }
            let first = try await book(sem, .enterprise, body())
            #expect(first.0 == .created && first.1.contains(#""status":"requested""#), "\(first.1)")
            #expect(try await book(sem, .enterprise, body(Fixture.b)).0 == .forbidden, "for one's own firm only")
            #expect(try await book(sem, .enterprise, body(day: today.adding(days: -1).description)).0 == .unprocessableContent, "not in the past")
            #expect(try await book(sem, .enterprise, body(from: 12, to: 12)).0 == .unprocessableContent, "an empty slot")
            #expect(try await book(sem, .enterprise, body(from: 9, to: 25)).0 == .unprocessableContent)
            #expect(try await book(999_999, .enterprise, body()).0 == .notFound)
            #expect(try await book(sem, .bank, body()).0 == .forbidden)
            let second = try await book(sem, .bureauReviewer, body(from: 11, to: 14))
            #expect(second.0 == .created, "an overlapping request may wait beside the first; staff book on the firm's behalf")

            func id(_ json: String) throws -> Int64 {
                Int64(try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["id"] as? Int))
            }
            func step(_ booking: Int64, _ role: Role, _ json: String) async throws -> HTTPResponse.Status {
                try await client.api(.post, "/api/v1/bookings/\(booking)/steps", token: tokens[role], json: json).status
            }
            let (b1, b2) = (try id(first.1), try id(second.1))
            #expect(try await step(b1, .enterprise, #"{"action":"confirm"}"#) == .forbidden, "firm A is not the host")
            #expect(try await step(b1, .bureauReviewer, #"{"action":"confirm","usedHours":2}"#) == .unprocessableContent, "hours only when recording use")
            #expect(try await step(b1, .bureauReviewer, #"{"action":"confirm"}"#) == .ok)
            #expect(try await step(b2, .bureauReviewer, #"{"action":"confirm"}"#) == .conflict, "11–12 is taken")
            #expect(try await book(sem, .enterprise, body(from: 10, to: 11)).0 == .conflict, "a request inside a confirmed slot is refused at once")
            #expect(try await step(b2, .bureauReviewer, #"{"action":"decline"}"#) == .ok)
            #expect(try await step(b1, .bureauReviewer, #"{"action":"recordUse","usedHours":2}"#) == .conflict, "the day has not come")
            fixture.clock.advance(2 * 86_400)
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }   // sessions have expired meanwhile
            #expect(try await step(b1, .bureauReviewer, #"{"action":"recordUse","usedHours":3.5}"#) == .unprocessableContent, "more than the three hours booked")
            #expect(try await step(b1, .bureauReviewer, #"{"action":"recordUse","usedHours":2.555}"#) == .unprocessableContent)
            #expect(try await step(b1, .bureauReviewer, #"{"action":"recordUse","usedHours":2.5}"#) == .ok)
            #expect(try await step(b1, .bureauReviewer, #"{"action":"cancel"}"#) == .conflict, "used is final")
            #expect(try await step(b1, .bureauReviewer, #"{"action":"reopen"}"#) == .unprocessableContent)
            #expect(try await step(999_999, .bureauReviewer, #"{"action":"confirm"}"#) == .notFound)

            // The catalogue reads the hours used over the 90 days to the reading date.
            let catalogue = try await sharing.catalogue(days: today.adding(days: -1)...today.adding(days: 88))
            let used = try #require(catalogue.first { $0.instrument.id == sem })
            #expect(used.usedHours == 2.5 && used.utilisation == 2.5 / (30.0 * 89 / 7) && used.bookings == [.used: 1, .declined: 1],
                    "offered from its listing today, not the day before: 89 days")
            #expect(catalogue.first { $0.instrument.id == bench }?.utilisation == 0)
            let listed = try await client.api(.get, "/api/v1/instruments", token: tokens[.enterprise])
            #expect(listed.status == .ok && String(buffer: listed.body).contains(#""code":"U-1""#))

            // The firm host (B) confirms on its own bench; firm A cancels its own booking.
            let later = today.adding(days: 5).description
            let hostUser = User(id: 0, username: "b", displayName: "", role: .enterprise, enterprise: Fixture.b)
            let own = try await sharing.book(instrumentID: bench, uscc: Fixture.a, slot: BookingSlot(day: LocalDate(later)!, fromHour: 14, toHour: 16)!,
                                             purpose: "复测", by: User(id: 0, username: "a", displayName: "", role: .enterprise, enterprise: Fixture.a))
            await #expect(throws: ProgrammeError.self, "the bureau does not decide on a firm's own instrument") { try await sharing.act(bookingID: own.id, .confirm, by: admin) }
            #expect(try await sharing.act(bookingID: own.id, .confirm, by: hostUser).status == .confirmed)
            await #expect(throws: ProgrammeError.self, "the host does not cancel the firm's booking") { try await sharing.act(bookingID: own.id, .cancel, by: hostUser) }
            #expect(try await step(own.id, .enterprise, #"{"action":"cancel"}"#) == .ok)

            // Two overlapping requests confirmed at the same moment: exactly one wins.
            let racers = try await Array(0..<6).asyncMap { n in
                try await sharing.book(instrumentID: sem, uscc: Fixture.a, slot: BookingSlot(day: LocalDate(later)!, fromHour: 8 + n % 2, toHour: 10)!,
                                       purpose: "并发 \(n)", by: admin).id
            }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for r in racers { group.addTask { (try? await sharing.act(bookingID: r, .confirm, by: admin)) != nil } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "\(outcomes)")
            let day = try await fixture.db.read { try await $0.sharing.fetchBookings(instrumentID: sem, day: LocalDate(later)!) }
            #expect(day.filter { $0.status == .confirmed }.count == 1 && day.filter { $0.status == .requested }.count == 5)
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theRegistersGrowThroughStaffOnly(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            func post(_ role: Role, _ path: String, _ json: String) async throws -> HTTPResponse.Status {
                try await client.api(.post, path, token: tokens[role], json: json).status
            }
            let today = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970)
            let platform = #"{"uscc":"\#(Fixture.a.code)","name":"市级企业技术中心","kind":"企业技术中心","level":"municipal","recognisedOn":"\#(today)"}"#
            #expect(try await post(.enterprise, "/api/v1/platforms", platform) == .forbidden)
            #expect(try await post(.auditor, "/api/v1/platforms", platform) == .forbidden)
            #expect(try await post(.bureauReviewer, "/api/v1/platforms", platform.replacingOccurrences(of: "municipal", with: "city")) == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/platforms", platform.replacingOccurrences(of: today.description, with: today.adding(days: 1).description))
                    == .unprocessableContent, "not in the future")
            #expect(try await post(.bureauReviewer, "/api/v1/platforms", platform.replacingOccurrences(of: Fixture.a.code, with: RouteMatrixTests.missingUSCC.code)) == .notFound)
            #expect(try await post(.bureauReviewer, "/api/v1/platforms", platform) == .noContent)
            let platforms = try await fixture.db.read { try await $0.district.fetchPlatforms(on: today) }
            #expect(platforms.count == 1 && platforms[0].level == .municipal && platforms[0].enterprise == Fixture.a)

            let talent = #"{"name":"张伟","category":"introduced","since":"\#(today)","field":"储能","level":"provincial"}"#
            #expect(try await post(.enterprise, "/api/v1/talents", talent) == .forbidden)
            #expect(try await post(.bureauReviewer, "/api/v1/talents", talent.replacingOccurrences(of: "introduced", with: "famous")) == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/talents", talent.replacingOccurrences(of: "}", with: #","uscc":"915001"}"#)) == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/talents", talent) == .noContent, "a talent need not belong to a firm")
            #expect(try await post(.bureauReviewer, "/api/v1/talents", #"{"name":"李娜","category":"highSkillReserve","since":"\#(today)","uscc":"\#(Fixture.b.code)"}"#) == .noContent)
            let tally = try await fixture.db.read { try await $0.district.talentTally(on: today) }
            #expect(tally.contains(TalentTally(category: .introduced, field: "储能", level: .provincial, count: 1))
                    && tally.contains(TalentTally(category: .highSkillReserve, field: nil, level: nil, count: 1)) && tally.count == 2)
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func chiefResultsCarryEvidenceInsideTheTerm(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let service = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now })
            let admin = User(id: 0, username: "admin", displayName: "", role: .bureauAdmin)
            let expertID = Fixture.username(.expert)
            try await fixture.db.write { stores in
                try await stores.programmes.upsertExperts([PoolExpert(expert: Expert(id: expertID, name: "首席甲", institution: "重庆大学", fields: ["储能"], capacity: 2),
                                                                      recommendedBy: "重庆大学", chief: true)])
                try await stores.programmes.insertNeeds([ChiefNeed(round: "2024", uscc: Fixture.a, field: "储能", problem: "电芯一致性", channel: .visit,
                                                                   createdAt: "2024-06-01T00:00:00Z")])
            }
            _ = try await service.proposeChiefExperts(round: "2024", by: admin)
            let need = try #require(try await service.chiefRound("2024").first?.need.id)
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            let path = "/api/v1/chief-experts/\(need)/results"
            func post(_ role: Role, _ kind: String, _ date: String, evidence: String = "专利申请号 CN2024001") async throws -> TestResponse {
                try await client.api(.post, path, token: tokens[role], json: #"{"kind":"\#(kind)","title":"成果","evidence":"\#(evidence)","date":"\#(date)"}"#)
            }
            let today = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970)
            #expect(try await post(.expert, "achievement", today.description).status == .conflict, "no term before both sides accept")
            try await service.acceptChiefMatch(needID: need, firmSide: true, by: admin)
            try await service.acceptChiefMatch(needID: need, firmSide: false, by: admin)
            let term = try #require(try await service.chiefRound("2024").first?.match)
            fixture.clock.advance(Double(today.days(until: term.termStarts!.adding(days: 40))) * 86_400)
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }   // sessions have expired meanwhile
            let inTerm = term.termStarts!.adding(days: 30).description
            #expect(try await post(.enterprise, "achievement", inTerm).status == .forbidden, "the firm does not record the expert's results")
            #expect(try await post(.expert, "achievement", inTerm, evidence: "").status == .unprocessableContent, "evidence is required")
            #expect(try await post(.expert, "award", inTerm).status == .unprocessableContent)
            #expect(try await post(.expert, "achievement", term.termStarts!.adding(days: -1).description).status == .unprocessableContent, "before the term")
            #expect(try await post(.expert, "achievement", term.termStarts!.adding(days: 50).description).status == .unprocessableContent, "in the future")
            #expect(try await client.api(.post, "/api/v1/chief-experts/999999/results", token: tokens[.expert],
                                         json: #"{"kind":"training","title":"t","evidence":"e","date":"\#(inTerm)"}"#).status == .notFound)
            for (role, kind) in [(Role.expert, "achievement"), (.expert, "achievement"), (.bureauReviewer, "problemSolved")] {
                #expect(try await post(role, kind, inTerm).status == .created)
            }
            var row = try #require(try await service.chiefRound("2024").first)
            #expect(row.match?.achievements == 2 && row.match?.problemsSolved == 1 && !row.targetsMet, "no training yet")
            #expect(try await post(.expert, "training", term.termStarts!.description).status == .created, "the term's first day counts")
            row = try #require(try await service.chiefRound("2024").first)
            #expect(row.targetsMet)
            let listed = String(buffer: try await client.api(.get, path, token: tokens[.auditor]).body)
            #expect(listed.contains("CN2024001") && listed.contains(#""kind":"training""#))
            #expect(try await client.api(.get, path, token: tokens[.enterprise]).status == .forbidden)
        }
    }
}
