import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One structured log line per request (issue: production readiness, item 2): the request id
/// Hummingbird gives each request (also returned as `X-Request-Id`, so a user's report can be
/// found in the log), the method, the route *template* — never the path, whose segments name
/// enterprises, nor the query, which carries searches — the status and the duration. No user,
/// no IP address, no body. It runs outermost, before identity, so it sees every answer.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = context.id
            log(request, context, status: response.status.code, since: start)
            return response
        } catch let e as any HTTPResponseError {
            log(request, context, status: e.status.code, since: start)
            throw e
        } catch {
            log(request, context, status: 500, since: start)
            throw error
        }
    }

    func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let d = ContinuousClock.now - start
        let ms = Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) / 1e15
        let level: Logger.Level = status >= 500 ? .error : .info
        context.logger.log(level: level, "request", metadata: Self.metadata(method: request.method.rawValue, route: context.endpointPath,
                                                                           status: status, milliseconds: ms))
    }

    static func metadata(method: String, route: String?, status: Int, milliseconds: Double) -> Logger.Metadata {
        ["method": .string(method), "route": .string(route ?? "NotFound"), "status": .stringConvertible(status),
         "ms": .string(String(format: "%.1f", milliseconds))]
    }
}
