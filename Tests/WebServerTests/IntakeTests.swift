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

/// Opening a call, a firm's need and a recommended expert over the API, each for the one who
/// may, each bad field named, nothing written when refused.
@Suite struct IntakeTests {
    @Test(arguments: TestDatabases.engines)
    func callsNeedsAndExperts(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.db.write { try await $0.programmes.upsertProgrammes([Programme(code: "energy-storage", name: "新型储能", fields: ["储能"])]) }
            var tokens: [Role: String] = [:]
            for role in Role.allCases { tokens[role] = try await client.token(Fixture.username(role)) }
            func post(_ role: Role, _ path: String, _ json: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.api(.post, path, token: tokens[role], json: json)
                return (r.status, String(buffer: r.body))
            }
            let call = #"{"programme":"energy-storage","title":"储能专项","opens":"2024-06-01","closes":"2024-07-31","budget":1000000,"reviewers":3,"cityQuota":0,"budgetLine":"TL-ZX-2024"}"#
            #expect(try await post(.enterprise, "/api/v1/calls", call).0 == .forbidden)
            #expect(try await post(.auditor, "/api/v1/calls", call).0 == .forbidden)
            for (json, path) in [(call.replacingOccurrences(of: "2024-07-31", with: "2024-05-31"), "closes"),
                                 (call.replacingOccurrences(of: "2024-06-01", with: "June"), "opens"),
                                 (call.replacingOccurrences(of: #""reviewers":3"#, with: #""reviewers":12"#), "reviewers"),
                                 (call.replacingOccurrences(of: "1000000", with: "-1"), "budget"),
                                 (call.replacingOccurrences(of: "TL-ZX-2024", with: "TL-ZX-2024 "), "budgetLine"),
                                 (call.replacingOccurrences(of: "TL-ZX-2024", with: "   "), "budgetLine")] {
                let r = try await post(.bureauReviewer, "/api/v1/calls", json)
                #expect(r.0 == .unprocessableContent && r.1.contains(#""path":"\#(path)""#), "\(json): \(r.1)")
            }
            #expect(try await post(.bureauReviewer, "/api/v1/calls", call.replacingOccurrences(of: "energy-storage", with: "nope")).0 == .notFound)
            let opened = try await post(.bureauReviewer, "/api/v1/calls", call)
            #expect(opened.0 == .created)
            #expect(try await fixture.db.read { try await $0.programmes.fetchCalls() }.map(\.budgetLine) == ["TL-ZX-2024"], "one call, refused ones left nothing")

            // The same from the programmes page: staff see the form, auditors do not and are refused.
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let auditor = try await Browser.signIn(client, Fixture.username(.auditor))
            func page(_ b: Browser) async throws -> String { String(buffer: try await client.execute(uri: "/programmes", method: .get, headers: b.headers()).body) }
            let (staffPage, auditorPage) = (try await page(reviewer), try await page(auditor))
            #expect(staffPage.contains("发布申报通知") && !auditorPage.contains("发布申报通知"))
            func submit(_ b: Browser, _ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/programmes/calls", method: .post, headers: b.headers(form: true), body: ByteBuffer(string: "_csrf=\(b.csrf)&" + body))
            }
            let form = "programme=energy-storage&title=%E5%82%A8%E8%83%BD%E4%BA%8C%E6%89%B9&opens=2024-08-01&closes=2024-08-31&reviewers=3&cityQuota=0&budgetLine="
            let refused = try await submit(reviewer, form + "&budget=lots")
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("budget"))
            #expect(try await submit(auditor, form + "&budget=500000").status == .forbidden, "auditors read, they do not open calls")
            let opened2 = try await submit(reviewer, form + "&budget=500000")
            #expect(opened2.status == .seeOther && opened2.headers[.location]?.hasPrefix("/programmes/calls/") == true)
            let calls = try await fixture.db.read { try await $0.programmes.fetchCalls() }
            #expect(calls.count == 2 && calls[1].budgetFen == 500_000_00 && calls[1].budgetLine == nil)

            let year = String(LocalDate(secondsSince1970: fixture.clock.now.timeIntervalSince1970).year)
            let need = #"{"round":"\#(year)","uscc":"\#(Fixture.a.code)","field":"储能","problem":"电芯一致性差，分容后压差超过 15 mV"}"#
            for round in ["9", "~", "2024-0", "2024-100", "3000"] {
                #expect(try await post(.bureauReviewer, "/api/v1/chief-needs", need.replacingOccurrences(of: #""round":"\#(year)""#, with: #""round":"\#(round)""#)).0
                        == .unprocessableContent, "round \(round)")
            }
            #expect(try await post(.enterprise, "/api/v1/chief-needs", need.replacingOccurrences(of: #""round":"\#(year)""#, with: #""round":"2199""#)).0
                    == .unprocessableContent, "a firm posts into the open round only")
            #expect(try await post(.enterprise, "/api/v1/chief-needs", need).0 == .noContent)
            #expect(try await post(.enterprise, "/api/v1/chief-needs", need.replacingOccurrences(of: Fixture.a.code, with: Fixture.b.code)).0 == .forbidden)
            #expect(try await post(.enterprise, "/api/v1/chief-needs", need.replacingOccurrences(of: "}", with: #","channel":"visit"}"#)).0 == .unprocessableContent,
                    "visits are entered by staff")
            #expect(try await post(.bureauReviewer, "/api/v1/chief-needs", need.replacingOccurrences(of: "}", with: #","channel":"visit"}"#)).0 == .noContent)
            #expect(try await post(.enterprise, "/api/v1/chief-needs", need.replacingOccurrences(of: "电芯一致性差，分容后压差超过 15 mV", with: "太差")).0 == .unprocessableContent,
                    "a problem statement, not a word")
            let needs = try await fixture.db.read { try await $0.programmes.fetchNeeds(round: year) }
            #expect(needs.map(\.channel) == [.platform, .visit])

            let expert = #"{"id":"cqu-li","name":"李教授","institution":"重庆大学","fields":["储能"],"capacity":2,"recommendedBy":"重庆大学","chief":true}"#
            #expect(try await post(.enterprise, "/api/v1/experts", expert).0 == .forbidden)
            #expect(try await post(.bureauReviewer, "/api/v1/experts", expert.replacingOccurrences(of: #""capacity":2"#, with: #""capacity":4"#)).0 == .unprocessableContent,
                    "a chief expert serves one to three firms")
            #expect(try await post(.bureauReviewer, "/api/v1/experts", expert.replacingOccurrences(of: "cqu-li", with: "李 教授")).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/experts", expert.replacingOccurrences(of: #"["储能"]"#, with: "[]")).0 == .unprocessableContent)
            #expect(try await post(.bureauReviewer, "/api/v1/experts", expert).0 == .noContent)
            let noInstitution = #"{"id":"x-1","name":"王工","fields":["储能"],"capacity":3,"chief":true}"#
            #expect(try await post(.bureauReviewer, "/api/v1/experts", noInstitution).0 == .noContent, "an unknown institution is allowed and blocks assignment")
            let pool = try await fixture.db.read { try await $0.programmes.fetchExperts() }
            #expect(pool.map(\.expert.id) == ["cqu-li", "x-1"] && pool.allSatisfy(\.chief) && pool[1].expert.institution == nil)
            // Both are chief experts in the field; only the one with a known institution is proposed.
            let service = ProgrammeService(transactor: fixture.db, clock: { fixture.clock.now })
            _ = try await service.proposeChiefExperts(round: year, by: User(id: 0, username: "a", displayName: "", role: .bureauAdmin))
            #expect(try await service.chiefRound(year).compactMap(\.match?.expertID) == ["cqu-li", "cqu-li"])
            // A correction keeps the joint work on record and the interests declared before.
            try await fixture.db.write { stores in
                var e = try #require(try await stores.programmes.fetchExperts().first { $0.expert.id == "cqu-li" })
                e.expert.collaborations = [Expert.Collaboration(party: Fixture.b.code, year: 2023)]
                e.expert.declaredInterests = ["某储能公司"]
                try await stores.programmes.upsertExperts([e])
            }
            #expect(try await post(.bureauReviewer, "/api/v1/experts", expert.replacingOccurrences(of: "李教授", with: "李明教授")).0 == .noContent)
            let corrected = try #require(try await fixture.db.read { try await $0.programmes.fetchExperts() }.first { $0.expert.id == "cqu-li" }?.expert)
            #expect(corrected.name == "李明教授" && corrected.collaborations.map(\.party) == [Fixture.b.code] && corrected.declaredInterests == ["某储能公司"])
        }
    }
}
