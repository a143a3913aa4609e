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

/// A matching event through the API: opened by staff, a firm registers itself up to the day,
/// the organiser records attendance from the day on, the firm its intention and contract, each
/// stage after the one before; the funnel counts them.
@Suite struct EventTests {
    @Test(arguments: TestDatabases.engines)
    func registrationToContract(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            var tokens: [Role: String] = [:]
            func signIn() async throws { for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) } }
            try await signIn()
            func post(_ role: Role, _ path: String, _ json: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.api(.post, path, token: tokens[role], json: json)
                return (r.status, String(buffer: r.body))
            }
            let day = LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970).adding(days: 3)
            let event = #"{"title":"重庆大学对接会","heldOn":"\#(day)","partner":"重庆大学"}"#
            #expect(try await post(.enterprise, "/api/v1/events", event).0 == .forbidden)
            #expect(try await post(.bureauReviewer, "/api/v1/events", event.replacingOccurrences(of: day.description, with: "2024-02-30")).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/events", event.replacingOccurrences(of: "重庆大学对接会", with: "")).0 == .unprocessableContent)
            let opened = try await post(.bureauReviewer, "/api/v1/events", event)
            #expect(opened.0 == .created)
            let id = try #require(try await ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now }).events().first?.event.id)

            let register = "/api/v1/events/\(id)/registrations"
            #expect(try await post(.enterprise, register, #"{"uscc":"\#(Fixture.b.code)"}"#).0 == .forbidden, "a firm registers itself")
            #expect(try await post(.enterprise, register, #"{"uscc":"\#(Fixture.a.code)"}"#).0 == .noContent)
            #expect(try await post(.enterprise, register, #"{"uscc":"\#(Fixture.a.code)"}"#).0 == .conflict, "once")
            #expect(try await post(.bureauReviewer, register, #"{"uscc":"\#(Fixture.b.code)"}"#).0 == .noContent, "staff register a firm")
            #expect(try await post(.enterprise, "/api/v1/events/999999/registrations", #"{"uscc":"\#(Fixture.a.code)"}"#).0 == .notFound)

            let stageA = "/api/v1/events/\(id)/firms/\(Fixture.a.code)/stages"
            #expect(try await post(.bureauReviewer, stageA, #"{"stage":"attended"}"#).0 == .conflict, "not before the day")
            fixture.clock.advance(3 * 86_400)
            try await signIn()
            #expect(try await post(.enterprise, stageA, #"{"stage":"attended"}"#).0 == .forbidden, "the organiser records attendance")
            #expect(try await post(.enterprise, "/api/v1/events/\(id)/firms/\(Fixture.b.code)/stages", #"{"stage":"intention","intention":"x"}"#).0 == .forbidden)
            #expect(try await post(.enterprise, stageA, #"{"stage":"intention","intention":"联合研发"}"#).0 == .conflict, "attendance first")
            #expect(try await post(.bureauReviewer, stageA, #"{"stage":"attended","contract":1}"#).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, stageA, #"{"stage":"attended"}"#).0 == .noContent)
            #expect(try await post(.bureauReviewer, stageA, #"{"stage":"attended"}"#).0 == .conflict, "once")
            #expect(try await post(.enterprise, stageA, #"{"stage":"contract","contract":200000}"#).0 == .conflict, "an intention first")
            #expect(try await post(.enterprise, stageA, #"{"stage":"intention"}"#).0 == .unprocessableContent, "say what is intended")
            #expect(try await post(.enterprise, stageA, #"{"stage":"intention","intention":"联合研发"}"#).0 == .noContent)
            #expect(try await post(.enterprise, stageA, #"{"stage":"contract","contract":0}"#).0 == .unprocessableContent)
            #expect(try await post(.enterprise, stageA, #"{"stage":"contract","contract":200000}"#).0 == .noContent)
            #expect(try await post(.bureauReviewer, "/api/v1/events/\(id)/firms/\(RouteMatrixTests.missingUSCC.code)/stages", #"{"stage":"attended"}"#).0 == .notFound)
            // Registration after the day is closed (a firm not yet registered).
            let later = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now.addingTimeInterval(86_400) })
            await #expect(throws: ProgrammeError.self) {
                try await later.register(eventID: id, uscc: Fixture.b, by: User(id: 0, username: "s", displayName: "", role: .bureauAdmin))
            }

            let listed = try await client.api(.get, "/api/v1/events", token: tokens[.auditor])
            let text = String(buffer: listed.body)
            #expect(listed.status == .ok && text.contains(#""registered":2"#) && text.contains(#""attended":1"#) && text.contains(#""contracts":1"#)
                    && text.contains(#""contractValue":200000"#), "\(text)")
            #expect(try await client.api(.get, "/api/v1/events", token: tokens[.enterprise]).status == .forbidden)
            guard case .intact = try await AuditLog.verify(fixture.db) else { Issue.record("audit chain broken"); return }
        }
    }
}
