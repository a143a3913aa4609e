import Foundation
import Hummingbird

/// One spelling per path, decided before routing and identity (issue 19, item 4). The router
/// treats `//api/v1/me` as `/api/v1/me`, but identity chose the cookie for it because it does not
/// start with `/api/`: a page's session would have opened the API. So a path is used only as
/// written canonically — no empty, `.` or `..` segment, no trailing slash, no percent-encoding or
/// backslash (no route of ours needs them). A page a person asked for with a stray slash is
/// redirected to its canonical spelling; anything else is 404.
enum CanonicalPath {
    /// nil when `path` is canonical; otherwise its canonical form, or "" when it has none.
    static func correction(_ path: String) -> String? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return "" }
        if path == "/" { return nil }
        if utf8.contains(UInt8(ascii: "%")) || utf8.contains(UInt8(ascii: "\\")) { return "" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        var kept: [Substring] = []
        for s in segments {
            switch s {
            case "", ".": continue
            case "..": if kept.popLast() == nil { return "" }
            default: kept.append(s)
            }
        }
        return "/" + kept.joined(separator: "/")
    }
}

struct CanonicalPathMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let canonical = CanonicalPath.correction(request.uri.path) else { return try await next(request, context) }
        let lowered = request.uri.path.lowercased()
        let page = (request.method == .get || request.method == .head) && !canonical.isEmpty
            && !canonical.hasPrefix("/api/") && !lowered.contains("/api/") && !lowered.hasPrefix("/api")
        if page {
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .permanentRedirect, headers: [.location: canonical + query, .cacheControl: "no-store"])
        }
        let headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        let body = #"{"error":{"code":"not_found","message":"路径不规范或不存在 / no such path (paths are used only in their canonical form)"}}"#
        return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
