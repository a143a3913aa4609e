import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Logging
import Registry
import Services
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// A clock tests can move forward (session expiry, login delays).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_719_800_000)   // 2024-07-01
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Two towns, enterprise A in the first and B in the second, one account per role
/// (the town officer looks after A's town, the enterprise user is A).
struct Fixture: Sendable {
    static let a = try! USCC("91500151MA6012340R")
    static let b = try! USCC("914403001922038216")
    static let townA = "500151001", townB = "500151002"
    static let password = "correct-horse-42"
    let db: KechuangDatabase
    let clock: TestClock

    static func username(_ role: Role) -> String { "u-\(role.rawValue)" }

    static func seed(_ db: KechuangDatabase, clock: TestClock, settings: AuthService.Settings) async throws {
        try await db.write { stores in
            try await stores.district.upsertTowns([Town(code: townA, name: "巴川街道"), Town(code: townB, name: "东城街道")])
            try await stores.district.upsertChains([IndustryChain(code: "energy-storage", name: "新型储能")])
            try await stores.consents.upsertBanks([Bank(code: "bank-a", name: "测试银行"), Bank(code: "bank-b", name: "另一银行")])
        }
        let registry = RegistryService(transactor: db, now: { "2024-07-01T00:00:00Z" })
        try await registry.create(Enterprise(uscc: a, name: "重庆示例储能科技有限公司", registeredOn: LocalDate("2016-04-12"), townCode: townA, industryCode: "C3841"), actor: "test")
        try await registry.create(Enterprise(uscc: b, name: "东城精密机械有限公司", townCode: townB, industryCode: "C3411"), actor: "test")
        try await registry.addDesignation(a, Designation(kind: .highTech, issuedOn: LocalDate("2023-11-15")!, expiresOn: LocalDate("2026-11-14")!), actor: "test")
        let auth = AuthService(transactor: db, clock: { clock.now }, settings: settings)
        for role in Role.allCases {
            try await auth.createUser(username: username(role), displayName: "测试\(role.chineseName)", password: password, role: role,
                                      enterprise: role == .enterprise ? a : nil, townCode: role == .townOfficer ? townA : nil,
                                      bank: role == .bank ? "bank-a" : nil, actor: "test")
        }
    }
}

extension Fixture {
    /// Two fiscal years for enterprise A (growth stage) and published points for 2023.
    func publishPoints() async throws {
        let registry = RegistryService(transactor: db, now: { "2024-07-01T00:00:00Z" })
        for (year, revenue) in [(2022, 20_000_000), (2023, 24_000_000)] as [(Int, Int64)] {
            _ = try await registry.putFiscalYear(Fixture.a, FiscalYearFacts(
                year: year, employees: 120, stStaff: 30, salesRevenue: Money(yuan: revenue), operatingRevenue: Money(yuan: revenue),
                rdExpense: Money(yuan: revenue / 20)), source: .staff, actor: "test")
        }
        try await PointsService(transactor: db, now: { "2024-07-01T00:00:00Z" }).compute(period: 2023, actor: "test")
    }
}

enum WebHarness {
    /// Tests log warnings only: the request log would print a line per request.
    static let logger: Logger = { var l = Logger(label: "kechuang.test"); l.logLevel = .warning; return l }()

    static var settings: AuthService.Settings {
        var s = AuthService.Settings()
        s.bcryptCost = 4
        return s
    }

    /// Runs `body` against the in-process router on a fresh, seeded database.
    /// `live` serves over a real socket (for what depends on the peer's address).
    static func run(_ engine: SQLEngine, secureCookies: Bool = false, metricsFrom: Set<String> = ["127.0.0.1", "::1"], live: Bool = false,
                    _ body: @escaping @Sendable (any TestClientProtocol, Fixture) async throws -> Void) async throws {
        try await TestDatabases.with(engine) { db in
            let clock = TestClock()
            try await Fixture.seed(db, clock: clock, settings: settings)
            let deps = AppDependencies(database: db, clock: { clock.now }, authSettings: settings, secureCookies: secureCookies, metricsFrom: metricsFrom)
            let app = Application(router: buildRouter(deps), logger: logger)
            try await app.test(live ? .live : .router) { client in try await body(client, Fixture(db: db, clock: clock)) }
        }
    }
}

/// A signed-in browser: its session cookie and the CSRF token from its pages.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    func headers(form: Bool = false) -> HTTPFields {
        var h: HTTPFields = [.cookie: cookie]
        if form { h[.contentType] = "application/x-www-form-urlencoded" }
        return h
    }

    /// A form post as the browser sends it: the session's CSRF token first, then `body`.
    func post(_ client: any TestClientProtocol, _ uri: String, _ body: String = "") async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers(form: true), body: ByteBuffer(string: "_csrf=\(csrf)&" + body))
    }

    /// A `multipart/form-data` post of an upload form: its CSRF token, `fields`, and a file.
    func upload(_ client: any TestClientProtocol, _ uri: String, fields: [(String, String)], file: (name: String, data: Data)? = nil) async throws -> TestResponse {
        let boundary = "----kechuang-upload"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        for (k, v) in fields { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        if let file {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var h = headers()
        h[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(bytes: body))
    }

    static func signIn(_ client: any TestClientProtocol, _ username: String, password: String = Fixture.password) async throws -> Browser {
        let page = try await client.execute(uri: "/login", method: .get)
        let formCookie = try #require(setCookie(page, "kc_form"))
        let formToken = try #require(hiddenValue(String(buffer: page.body), "_csrf"))
        let response = try await client.execute(uri: "/login", method: .post,
            headers: [.cookie: "kc_form=\(formCookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "_csrf=\(formToken)&username=\(username)&password=\(password)&next=%2F"))
        #expect(response.status == .seeOther, "sign-in of \(username)")
        let session = try #require(setCookie(response, "kc_session"))
        var browser = Browser(cookie: "kc_session=\(session)", csrf: "")
        // The CSRF token lives in every signed-in page's forms (the sign-out button).
        // Any signed-in page carries it; the not-found page exists for every role.
        let home = try await client.execute(uri: "/no-such-page", method: .get, headers: browser.headers())
        browser.csrf = hiddenValue(String(buffer: home.body), "_csrf") ?? ""
        return browser
    }

    static func setCookie(_ response: TestResponse, _ name: String) -> String? {
        for value in response.headers[values: .setCookie] where value.hasPrefix(name + "=") {
            let v = value.dropFirst(name.count + 1).prefix { $0 != ";" }
            return v.isEmpty ? nil : String(v)
        }
        return nil
    }

    static func hiddenValue(_ html: String, _ name: String) -> String? {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestClientProtocol {
    func api(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func token(_ username: String, password: String = Fixture.password) async throws -> String {
        let r = try await api(.post, "/api/v1/sessions", token: nil, json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(r.status == .created, "API sign-in of \(username): \(String(buffer: r.body))")
        let object = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]
        return try #require(object?["token"] as? String)
    }
}
