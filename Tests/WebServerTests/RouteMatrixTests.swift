import Accounts
import Foundation
import HTTPTypes
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

/// The authorization matrix generated from the route table (issue: production readiness, item 6):
/// every route × every role × the role's own record, another's and a missing one. A route is
/// refused (403) to every role its permission excludes; another firm's record is refused (403 or
/// 404) to every role whose scope excludes it; a missing record is never a success; nothing is a
/// 5xx; and enterprise B's name never reaches a role whose scope excludes B.
@Suite struct RouteMatrixTests {
    enum Record: String, CaseIterable { case own, other, missing }

    /// Routes that would end the session the matrix signs in with.
    static let skipped: Set<String> = ["POST /logout", "DELETE /api/v1/sessions/current", "POST /language"]
    static let missingUSCC = USCC.withCheckDigit(body: "91500151MA0000001")!

    @Test(arguments: TestDatabases.engines)
    func everyRouteEveryRoleEveryRecord(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let specs = buildRoutes(AppDependencies(database: fixture.db)).specs.filter { $0.access != .anyone && !Self.skipped.contains("\($0.method.rawValue) \($0.path)") }
            #expect(specs.count > 90, "the table has \(specs.count) routes")
            var tokens: [Role: String] = [:], browsers: [Role: Browser] = [:]
            for role in Role.allCases {
                tokens[role] = try await client.token(Fixture.username(role))
                browsers[role] = try await Browser.signIn(client, Fixture.username(role))
            }
            let otherName = "东城精密机械有限公司"
            var checked = 0, failures: [String] = []
            for spec in specs {
                // Ids and codes are filled with values that name nothing: those routes are checked as missing records.
                let records: [Record] = spec.path.contains(":uscc") ? Record.allCases
                    : spec.path.contains(":id") || spec.path.contains(":code") ? [.missing] : [.own]
                for record in records {
                    let uscc = record == .own ? Fixture.a.code : record == .other ? Fixture.b.code : Self.missingUSCC.code
                    let path = Self.concrete(spec.path, uscc: uscc)
                    for role in Role.allCases {
                        let user = User(id: 0, username: "", displayName: "", role: role, enterprise: role == .enterprise ? Fixture.a : nil,
                                        townCode: role == .townOfficer ? Fixture.townA : nil)
                        let r: TestResponse
                        if spec.isAPI {
                            var h: HTTPFields = [.authorization: "Bearer \(tokens[role]!)"]
                            let body: ByteBuffer? = spec.method == .get ? nil : ByteBuffer(string: "{}")
                            if body != nil { h[.contentType] = "application/json" }
                            r = try await client.execute(uri: path, method: spec.method, headers: h, body: body)
                        } else {
                            let b = browsers[role]!
                            r = try await client.execute(uri: path, method: spec.method, headers: b.headers(form: spec.method != .get),
                                                         body: spec.method == .get ? nil : ByteBuffer(string: "_csrf=\(b.csrf)"))
                        }
                        checked += 1
                        let what = "\(role) \(spec.method) \(path) [\(record)] → \(r.status.code)"
                        if r.status.code >= 500 { failures.append("5xx: \(what)") }
                        if case .permission(let p) = spec.access, !AccessPolicy.allows(role, p), r.status != .forbidden {
                            failures.append("not refused: \(what)")
                        }
                        let scope = AccessPolicy.scope(of: user)
                        if record == .other, spec.path.contains(":uscc"), !scope.contains(RecordOwner(uscc: Fixture.b, townCode: Fixture.townB)),
                           ![.forbidden, .notFound].contains(r.status) {
                            failures.append("other firm's record not refused: \(what)")
                        }
                        if record == .missing, (200..<300).contains(r.status.code) { failures.append("missing record answered: \(what)") }
                        if !scope.contains(RecordOwner(uscc: Fixture.b, townCode: Fixture.townB)), String(buffer: r.body).contains(otherName) {
                            failures.append("leak of B: \(what)")
                        }
                    }
                }
            }
            let report = "\(failures.count) of \(checked):\n" + failures.prefix(40).joined(separator: "\n")
            #expect(failures.isEmpty, "\(report)")
            print("route matrix \(engine): \(specs.count) routes, \(checked) requests, \(failures.count) failures")
        }
    }

    /// The matrix checks that each route enforces what it declares; this pins which routes
    /// declare only "signed in" and decide the rest in their handlers (record-level checks), so
    /// a route cannot quietly lose its permission.
    @Test func theSignedInRoutesAreExactlyThese() async throws {
        try await TestDatabases.with(.sqlite) { db in
            let signedIn = buildRoutes(AppDependencies(database: db)).specs.filter { $0.access == .signedIn }.map { "\($0.method.rawValue) \($0.path)" }.sorted()
            #expect(signedIn == [
                "DELETE /api/v1/sessions/current", "GET /", "GET /account", "GET /api/v1/applications", "GET /api/v1/applications/:id", "GET /api/v1/attachments/:id",
                "GET /api/v1/instruments", "GET /api/v1/me", "GET /api/v1/projects/:id", "GET /cashout/applications/:id", "GET /cashout/attachments/:id",
                "POST /account/password", "POST /account/sessions/:id/end", "POST /api/v1/applications/:id/steps",
                "POST /api/v1/assessments", "POST /api/v1/bookings/:id/steps", "POST /api/v1/calls", "POST /api/v1/calls/:id/projects", "POST /api/v1/chain-purchases", "POST /api/v1/chief-experts/:id/acceptances",
                "POST /api/v1/chief-experts/:id/results", "POST /api/v1/chief-needs", "POST /api/v1/events", "POST /api/v1/events/:id/firms/:uscc/stages",
                "POST /api/v1/events/:id/registrations", "POST /api/v1/experts", "POST /api/v1/instruments/:id/bookings", "POST /api/v1/platforms", 
                "POST /api/v1/projects/:id/milestones", "POST /api/v1/projects/:id/milestones/:seq/reports", "POST /api/v1/projects/:id/scores",
                "POST /api/v1/projects/:id/steps", "POST /api/v1/purchase-needs", "POST /api/v1/purchase-needs/:id/proposals",
                "POST /api/v1/purchase-needs/:id/suppliers/:uscc/stages", "POST /api/v1/supplier-profiles", "POST /api/v1/talents", "POST /cashout/applications/:id/step",
                "POST /language", "POST /logout",
            ])
        }
    }

    /// A route path with its parameters filled: the record's USCC, and ids and codes that name nothing.
    static func concrete(_ path: String, uscc: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            switch part {
            case ":uscc": return uscc
            case ":year": return "2023"
            case ":kind": return "highTech"
            case ":list": return "holders"
            case ":code": return "NOPE"
            default: return part.hasPrefix(":") ? "999999" : String(part)
            }
        }.joined(separator: "/")
    }
}
