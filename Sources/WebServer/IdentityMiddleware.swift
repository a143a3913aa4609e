import Foundation
import Accounts
import HTTPTypes
import Hummingbird
import Services
import Storage

/// Reads the session: the `kc_session` cookie for pages, `Authorization: Bearer` for the API;
/// picks the language (the user's choice, else the `kc_lang` cookie, else Chinese).
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthService
    /// Proxies whose `X-Forwarded-For` is believed (nginx on the same host).
    let trustedProxies: Set<String>

    /// The client behind a request: the peer itself, unless the peer is a trusted proxy (or there
    /// is no network peer, as in-process), when it is the last hop the proxies did not add. Only
    /// an IP address is taken; anything else in the header is ignored.
    static func clientAddress(remote: String?, forwardedFor: String?, trusted: Set<String>) -> String {
        if remote.map(trusted.contains) ?? true, let forwardedFor {
            let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let client = hops.last(where: { !trusted.contains($0) }), isIPAddress(client) { return client }
        }
        return remote ?? ""
    }

    static func isIPAddress(_ s: String) -> Bool {
        (2...45).contains(s.utf8.count) && s.unicodeScalars.allSatisfy { "0123456789abcdefABCDEF:.".unicodeScalars.contains($0) }
    }

    /// The token of an `Authorization: Bearer …` header. By hand: Foundation's lowercasing and
    /// trimming were 2 % of an API request (profiled).
    static func bearerToken(_ header: String?) -> String? {
        guard var rest = header?.utf8[...], rest.count > 7,
              rest.prefix(7).elementsEqual("bearer ".utf8, by: { Self.lower($0) == $1 }) else { return nil }
        rest = rest.dropFirst(7)
        while let first = rest.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { rest = rest.dropFirst() }
        while let last = rest.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { rest = rest.dropLast() }
        return String(Substring(rest))
    }

    private static func lower(_ c: UInt8) -> UInt8 { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) ? c | 0x20 : c }

    static let sessionCookie = "kc_session"
    static let languageCookie = "kc_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(remote: context.remoteAddress, forwardedFor: request.headers.value(named: "x-forwarded-for"),
                                                   trusted: trustedProxies)
        return try await AuditContext.$clientAddress.withValue(context.clientAddress) { try await identified(request, context, next) }
    }

    private func identified(_ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.uri.path.hasPrefix("/api/") {
            if let token = Self.bearerToken(request.headers[.authorization]) {
                context.identity = try await auth.authenticate(token: token, kind: .api)
            }
        } else if let token = request.cookies[Self.sessionCookie]?.value {
            context.identity = try await auth.authenticate(token: token, kind: .web)
        }
        if let user = context.user {
            context.language = user.language
        } else if let raw = request.uri.queryParameters.get("lang") ?? request.cookies[Self.languageCookie]?.value,
                  let lang = Language(rawValue: raw) {
            context.language = lang
        }
        let flash = Flash.read(request)
        context.flash = flash
        var response = try await next(request, context)
        // A message is shown once: the page that showed it clears it; a redirect passes it on.
        if flash != nil, response.status != .seeOther, response.status != .found { response.setCookie(Flash.clearing) }
        // Remember a language picked on the sign-in page.
        if context.user == nil, let raw = request.uri.queryParameters.get("lang"), let lang = Language(rawValue: raw) {
            response.setCookie(Cookie(name: Self.languageCookie, value: lang.rawValue, maxAge: 365 * 86_400, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

/// Headers every response carries: no framing, no sniffing, no inline script, no referrer leak, no caching;
/// behind a TLS proxy (`X-Forwarded-Proto: https`) also HSTS, which browsers ignore over plain HTTP.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        // Pages, JSON and downloads all carry someone's data: no shared or browser cache keeps them.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" {
            response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000"
        }
        return response
    }
}

extension HTTPFields {
    /// A header by its lower-case name, for names HTTPTypes has no constant for.
    func value(named lowercased: String) -> String? { first { $0.name.canonicalName == lowercased }?.value }
}
