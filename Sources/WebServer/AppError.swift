import Hummingbird
import Kernel

/// Every error a handler means to show: a status, a stable code for API clients, a message
/// for people, and the problems of invalid input.
public struct AppError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var problems: [Problem]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, problems: [Problem] = []) {
        self.status = status; self.code = code; self.message = message; self.problems = problems
    }

    static let unauthenticated = AppError(.unauthorized, "unauthenticated", "请先登录 / please sign in")
    static let forbidden = AppError(.forbidden, "forbidden", "无权访问 / you may not do this")
    static func notFound(_ what: String) -> AppError { AppError(.notFound, "not_found", "\(what)不存在 / \(what) not found") }
    static func badRequest(_ message: String) -> AppError { AppError(.badRequest, "bad_request", message) }
    static func invalid(_ problems: [Problem]) -> AppError {
        AppError(.unprocessableContent, "invalid", "输入有误 / the input is invalid", problems: problems)
    }
}
