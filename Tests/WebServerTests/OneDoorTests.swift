import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import HTTPTypes
import Kernel
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// One door per kind of client (issue 19, item 4): one spelling per path, bearer tokens only on
/// the API, CSRF on every page form, `__Host-` cookies over TLS, nothing cached, metrics to the
/// scraper only.
@Suite struct OneDoorTests {
    @Test func pathsHaveOneSpelling() {
        for ok in ["/", "/enterprises", "/api/v1/me", "/enterprises/91500151MA6012340R/bank-reads"] { #expect(CanonicalPath.correction(ok) == nil, "\(ok)") }
        #expect(CanonicalPath.correction("//api/v1/me") == "/api/v1/me")
        #expect(CanonicalPath.correction("/enterprises/") == "/enterprises")
        #expect(CanonicalPath.correction("/./a//b/../c") == "/a/c")
        for refused in ["/%61pi/v1/me", "/a\\b", "/..", "/../etc/passwd", "relative"] { #expect(CanonicalPath.correction(refused) == "", "\(refused)") }
    }

    @Test(arguments: TestDatabases.engines)
    func theCookieNeverOpensTheAPI(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: browser.headers()).status == .unauthorized)
            for path in ["//api/v1/me", "/api//v1/me", "/./api/v1/me", "/%61pi/v1/me", "/api/v1/me/"] {
                let r = try await client.execute(uri: path, method: .get, headers: browser.headers())
                #expect(r.status == .notFound, "\(path) → \(r.status.code)")
                #expect(!String(buffer: r.body).contains("u-bureauAdmin"), "\(path) answered as the signed-in user")
            }
            let redirected = try await client.execute(uri: "/enterprises/?q=%E9%87%8D%E5%BA%86", method: .get, headers: browser.headers())
            #expect(redirected.status == .permanentRedirect && redirected.headers[.location] == "/enterprises?q=%E9%87%8D%E5%BA%86")
            let posted = try await client.execute(uri: "//logout", method: .post, headers: browser.headers(form: true), body: ByteBuffer(string: "_csrf=\(browser.csrf)"))
            #expect(posted.status == .notFound, "a form post is never redirected")
        }
    }

    /// Every page form, posted without its token by a role the route admits, is refused with 403
    /// before its handler runs.
    @Test(arguments: TestDatabases.engines)
    func everyPageFormNeedsItsToken(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let specs = buildRoutes(AppDependencies(database: fixture.db)).specs.filter(\.checksCSRF)
            #expect(specs.count > 40, "\(specs.count) page forms")
            var browsers: [Role: Browser] = [:]
            var failures: [String] = []
            for spec in specs where spec.path != "/logout" && spec.path != "/language" {
                let role: Role
                if case .permission(let p) = spec.access { role = Role.allCases.first { AccessPolicy.allows($0, p) } ?? .bureauAdmin } else { role = .bureauAdmin }
                if browsers[role] == nil { browsers[role] = try await Browser.signIn(client, Fixture.username(role)) }
                let b = try #require(browsers[role])
                let path = RouteMatrixTests.concrete(spec.path, uscc: Fixture.a.code)
                for body in ["name=x", "_csrf=forged&name=x"] {
                    let r = try await client.execute(uri: path, method: spec.method, headers: b.headers(form: true), body: ByteBuffer(string: body))
                    if r.status != .forbidden { failures.append("\(role) \(spec.method) \(path) [\(body)] → \(r.status.code)") }
                }
                var upload = b
                upload.csrf = "forged"
                let multipart = try await upload.upload(client, path, fields: [("name", "x")])
                if multipart.status != .forbidden { failures.append("\(role) multipart \(path) → \(multipart.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // Nothing those posts tried was done: the audit holds no change, only sign-ins and denials.
            let actions = Set(try await fixture.db.read { try await $0.audit.fetchLatest(limit: 500) }.map(\.entry.action))
            #expect(actions.isSubset(of: ["login", "account.create", "access.denied", "enterprise.create", "designation.add"]), "\(actions)")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func overTLSTheSessionIsAHostCookie(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine, secureCookies: true) { client, _ in
            let page = try await client.execute(uri: "/login", method: .get)
            let formCookie = try #require(Browser.setCookie(page, "__Host-kc_form"))
            #expect(page.headers[values: .setCookie].allSatisfy { $0.contains("Secure") && $0.contains("Path=/") && !$0.contains("Path=/login") })
            let token = try #require(Browser.hiddenValue(String(buffer: page.body), "_csrf"))
            let signedIn = try await client.execute(uri: "/login", method: .post,
                headers: [.cookie: "__Host-kc_form=\(formCookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(token)&username=\(Fixture.username(.bureauAdmin))&password=\(Fixture.password)&next=%2F"))
            #expect(signedIn.status == .seeOther)
            let session = try #require(Browser.setCookie(signedIn, "__Host-kc_session"))
            let header = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-kc_session=") })
            #expect(header.contains("Secure") && header.contains("HttpOnly") && header.contains("Path=/"))
            #expect(try await client.execute(uri: "/account", method: .get, headers: [.cookie: "__Host-kc_session=\(session)"]).status == .ok)
            // The same value under the plain name could have been planted by anyone: it opens nothing.
            let planted = try await client.execute(uri: "/account", method: .get, headers: [.cookie: "kc_session=\(session)"])
            #expect(planted.status == .found && planted.headers[.location]?.hasPrefix("/login") == true, "sent to sign in: \(planted.status.code)")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func pagesAndDownloadsAreNotCached(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let browser = try await Browser.signIn(client, Fixture.username(.bureauAdmin))
            for uri in ["/enterprises", "/enterprises/export", "/audit/export", "/api/v1/me"] {
                let token = try await client.token(Fixture.username(.bureauAdmin))
                let headers: HTTPFields = uri.hasPrefix("/api/") ? [.authorization: "Bearer \(token)"] : browser.headers()
                let r = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(r.status == .ok && r.headers[.cacheControl] == "no-store", "\(uri) → \(r.status.code) \(r.headers[.cacheControl] ?? "none")")
            }
            let css = try await client.execute(uri: "/assets/app.css", method: .get)
            #expect(css.headers[.cacheControl]?.contains("max-age") == true, "static files keep their own caching")
        }
    }

    @Test func metricsAnswerOnlyTheScraper() async throws {
        try await WebHarness.run(.sqlite, metricsFrom: ["10.9.8.7"], live: true) { client, _ in
            let refused = try await client.execute(uri: "/metrics", method: .get)
            #expect(refused.status == .notFound, "127.0.0.1 is not the configured scraper")
        }
        try await WebHarness.run(.sqlite, live: true) { client, _ in
            let r = try await client.execute(uri: "/metrics", method: .get)
            #expect(r.status == .ok && String(buffer: r.body).contains("kechuang_http_requests_total"))
            let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            #expect(proxied.status == .notFound, "what nginx forwards comes from 127.0.0.1 too, and is refused")
        }
    }
}
