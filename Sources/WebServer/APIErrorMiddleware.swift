import Foundation
import Hummingbird
import Logging

/// Maps every error to one JSON shape, `{"error": {"code", "message"}}`, and never leaks a stack
/// trace or an internal message: unknown errors are logged and answered with a generic 500.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    struct Body: Encodable { let error: Detail }
    struct Detail: Encodable { let code: String; let message: String }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Self.response(error.status, code: Self.code(error.status), message: error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(.internalServerError, code: "internal", message: "服务器内部错误 / internal server error")
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "not_found"
        case .badRequest: return "bad_request"
        case .unauthorized: return "unauthorized"
        case .forbidden: return "forbidden"
        default: return "http_\(status.code)"
        }
    }

    static func response(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let data = (try? JSONEncoder().encode(Body(error: Detail(code: code, message: message)))) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
