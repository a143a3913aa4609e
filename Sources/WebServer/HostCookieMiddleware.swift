import Foundation
import Hummingbird

/// Over TLS every cookie of ours is `__Host-` prefixed and Secure (issue 19, item 4): a browser
/// then accepts it only from this host over HTTPS with `Path=/`, so neither a sibling subdomain
/// nor a plain-HTTP page can plant or overwrite the session. The rest of the code names cookies
/// plainly (`kc_session`); this middleware alone translates, both ways. Over plain HTTP (a
/// developer's machine, the tests) browsers refuse `__Host-` cookies, so names stay as they are.
struct HostCookieMiddleware<Context: RequestContext>: RouterMiddleware {
    let secure: Bool
    static var prefix: String { "__Host-" }
    static var ours: String { "kc_" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard secure else { return try await next(request, context) }
        // In: only prefixed cookies count, read under their plain names; an unprefixed kc_ cookie
        // could have been set by anyone and is dropped.
        let cookies = request.headers[values: .cookie].flatMap { $0.split(separator: ";") }.compactMap { pair -> String? in
            let item = pair.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix(Self.prefix + Self.ours) { return String(item.dropFirst(Self.prefix.count)) }
            return item.hasPrefix(Self.ours) ? nil : item
        }
        var head = request.head
        head.headerFields[values: .cookie] = []
        if !cookies.isEmpty { head.headerFields[.cookie] = cookies.joined(separator: "; ") }
        var response = try await next(Request(head: head, body: request.body), context)
        // Out: prefixed, Secure, and at the root path, as the prefix requires.
        let set = response.headers[values: .setCookie]
        guard set.contains(where: { $0.hasPrefix(Self.ours) }) else { return response }
        response.headers[values: .setCookie] = set.map { header in
            guard header.hasPrefix(Self.ours) else { return header }
            var attributes = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            attributes = attributes.filter { !$0.lowercased().hasPrefix("path=") && !$0.lowercased().hasPrefix("domain=") && $0.lowercased() != "secure" }
            return ([Self.prefix + attributes[0]] + attributes.dropFirst() + ["Path=/", "Secure"]).joined(separator: "; ")
        }
        return response
    }
}
