import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import StorageSQL
import Testing
@testable import WebServer

@Suite struct HealthTests {
    @Test func bearerTokensAreReadFromTheHeader() {
        #expect(IdentityMiddleware.bearerToken("Bearer abc") == "abc")
        #expect(IdentityMiddleware.bearerToken("bEaReR   abc \t") == "abc")
        #expect(IdentityMiddleware.bearerToken("Bearer ") == nil)
        #expect(IdentityMiddleware.bearerToken("Basic abc") == nil)
        #expect(IdentityMiddleware.bearerToken("Bearer\u{0}abc") == nil)
        #expect(IdentityMiddleware.bearerToken("Bearerabc") == nil)
        #expect(IdentityMiddleware.bearerToken(nil) == nil)
    }

    @Test(arguments: TestDatabases.engines)
    func healthzReportsTheDatabase(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let app = Application(router: buildRouter(AppDependencies(database: db)), logger: WebHarness.logger)
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(body.contains("\"status\":\"ok\""))
                    #expect(body.contains("\"database\":\"\(engine.rawValue)\""))
                    // The security headers stand on every response.
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
                try await client.execute(uri: "/api/v1/no-such-thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("\"code\":\"not_found\""))
                }
                try await client.execute(uri: "/no-such-page", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(String(buffer: response.body).contains("页面不存在"))
                    #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                    #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil, "no HSTS over plain HTTP")
                }
                // Behind the TLS proxy, HSTS too.
                try await client.execute(uri: "/login", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]) { response in
                    #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY" && response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                }
            }
        }
    }
}
