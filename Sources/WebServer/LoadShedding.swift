import Foundation
import Hummingbird
import Synchronization

/// Load shedding (issue: production readiness, item 4): beyond `limit` requests in flight, a
/// request is answered at once with 429 and `Retry-After` instead of queueing until it times
/// out. Health and readiness probes are never shed, so an operator can still see the instance.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    let retryAfterSeconds: Int
    let inFlight = InFlight()

    init(limit: Int, retryAfterSeconds: Int = 2) {
        self.limit = max(1, limit); self.retryAfterSeconds = max(1, retryAfterSeconds)
    }

    static var exempt: Set<String> { ["/healthz", "/readyz", "/metrics"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.exempt.contains(request.uri.path) { return try await next(request, context) }
        let admitted = inFlight.count.withLock { n -> Bool in
            guard n < limit else { return false }
            n += 1
            return true
        }
        guard admitted else {
            var headers: HTTPFields = [.retryAfter: String(retryAfterSeconds), .contentType: "application/json; charset=utf-8"]
            headers[.cacheControl] = "no-store"
            let body = #"{"error":{"code":"busy","message":"服务器繁忙，请 \#(retryAfterSeconds) 秒后重试 / busy: retry in \#(retryAfterSeconds) seconds"}}"#
            return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        defer { inFlight.count.withLock { $0 -= 1 } }
        return try await next(request, context)
    }
}

/// The requests in flight, shared by every copy of the middleware.
final class InFlight: Sendable {
    let count = Mutex(0)
}
