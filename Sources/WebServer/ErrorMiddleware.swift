import Foundation
import Hummingbird
import Kernel
import Logging
import Services
import Storage
import StorageSQL
import WebPages

/// Maps every error to one place: `{"error": {"code", "message", "problems"?}}` for the API,
/// a friendly page for people (or the sign-in page when a session is missing). Unknown errors
/// are logged and answered with a generic 500, never a stack trace.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let e = Self.appError(error, context: context)
            if e.status == .unauthorized, !request.uri.path.hasPrefix("/api/") {
                let target = request.method == .get ? request.uri.description : "/"
                return Response.redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), type: .found)
            }
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/openapi.json" || request.uri.path == "/healthz" {
                return Self.json(e)
            }
            let chrome = PageChrome(lang: Lang(context.language), user: context.user, csrfToken: context.identity?.csrfToken, path: request.uri.path)
            return Response.html(ErrorPage.render(status: Int(e.status.code), message: e.message,
                                                  problems: e.problems.map { ($0.path, $0.message) }, chrome), status: e.status)
        }
    }

    static func appError(_ error: any Error, context: Context) -> AppError {
        switch error {
        case let e as AppError: return e
        case let e as HTTPError:
            let code: String
            switch e.status {
            case .notFound: code = "not_found"
            case .contentTooLarge: code = "too_large"
            case .methodNotAllowed: code = "method_not_allowed"
            default: code = e.status.code < 500 ? "bad_request" : "internal"
            }
            let message = e.status == .notFound ? "页面或资源不存在 / not found"
                : e.status == .contentTooLarge ? "上传内容过大 / the upload is too large" : (e.body ?? e.status.reasonPhrase)
            return AppError(e.status, code, message)
        case let e as RegistryError:
            switch e {
            case .notFound: return AppError(.notFound, "not_found", e.description)
            case .alreadyExists: return AppError(.conflict, "conflict", e.description)
            case .invalid(let p): return .invalid(p)
            case .duplicateDesignation: return AppError(.conflict, "conflict", e.description)
            case .notPermitted: return AppError(.forbidden, "forbidden", e.description)
            case .declarationNotFound: return AppError(.notFound, "not_found", e.description)
            case .alreadyDecided: return AppError(.conflict, "already_decided", e.description)
            }
        case let e as PoolError:
            switch e {
            case .reasonRequired: return .invalid([Problem(path: "reason", message: e.description)])
            case .invalidProject(let p): return .invalid(p)
            default: return AppError(AppError.status(of: e), AppError.status(of: e) == .notFound ? "not_found" : "conflict", e.description)
            }
        case let e as ConsentError:
            switch e {
            case .invalid(let p): return .invalid(p)
            case .unknownBank: return .invalid([Problem(path: "bank", message: e.description)])
            case .notFound: return AppError(.notFound, "not_found", e.description)
            case .denied: return AppError(.forbidden, "no_consent", e.description)
            }
        case let e as PointsError:
            switch e {
            case .invalidModel: return AppError(.unprocessableContent, "invalid", e.description)
            case .draftNotFound, .unknownVersion: return AppError(.notFound, "not_found", e.description)
            case .versionTaken, .draftPublished: return AppError(.conflict, "conflict", e.description)
            }
        case let e as RDError:
            switch e { case .invalid(let p): return AppError.invalid(p) }
        case let e as LoanError:
            switch e {
            case .invalid(let p): return AppError.invalid(p)
            case .notFound: return AppError(.notFound, "not_found", e.description)
            case .notBankOfficer, .noConsent: return AppError(.forbidden, "forbidden", e.description)
            case .breakerTripped: return AppError(.conflict, "circuit_breaker", e.description)
            case .illegalTransition: return AppError(.conflict, "conflict", e.description)
            }
        case let e as CashoutError:
            switch e {
            case .invalid(let p), .incomplete(let p): return AppError.invalid(p)
            case .notFound: return AppError(.notFound, "not_found", e.description)
            case .notYourDuty, .sameActor: return AppError(.forbidden, e.code, e.description)
            case .illegalStep, .alreadyClaimed, .budgetExhausted, .publicationRunning, .concurrentEdit: return AppError(.conflict, e.code, e.description)
            }
        case let e as ProgrammeError:
            switch e {
            case .invalid(let p): return AppError.invalid(p)
            case .notFound: return AppError(.notFound, "not_found", e.description)
            case .notYourDuty: return AppError(.forbidden, "not_your_duty", e.description)
            case .illegalStep: return AppError(.conflict, "illegal_step", e.description)
            }
        case let e as AuthService.AccountError:
            switch e {
            case .invalid(let p): return .invalid(p)
            case .sessionNotFound, .userNotFound: return AppError(.notFound, "not_found", e.description)
            case .notPermitted: return AppError(.forbidden, "forbidden", e.description)
            }
        case let e as CashoutStoreError:
            return AppError(.conflict, "conflict", e.description)
        case let e as AuthError:
            switch e {
            case .invalidCredentials: return AppError(.unauthorized, "invalid_credentials", e.description)
            case .wait, .locked: return AppError(.tooManyRequests, "throttled", e.description)
            case .invalidAccount(let p): return .invalid(p)
            }
        case let e as AuditChainBroken:
            context.logger.critical("write refused: audit chain broken", metadata: ["reason": "\(e.reason)"])
            return AppError(.serviceUnavailable, "audit_chain_broken", e.description)
        case is DecodingError:
            return AppError(.badRequest, "bad_request", "请求内容无法解析 / the request body could not be read: \(String(describing: error).prefix(300))")
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return AppError(.internalServerError, "internal", "服务器内部错误 / internal server error")
        }
    }

    struct Body: Encodable { let error: Detail }
    struct Detail: Encodable { let code: String; let message: String; let problems: [Problem]? }

    static func json(_ e: AppError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(error: Detail(code: e.code, message: e.message, problems: e.problems.isEmpty ? nil : e.problems)))) ?? Data()
        var response = Response.json(data, status: e.status)
        if e.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

extension Response {
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        json(try jsonData(value), status: status)
    }

    /// The API's JSON: keys sorted, slashes plain.
    static func jsonData<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func see(_ location: String) -> Response { .redirect(to: location, type: .normal) }

    /// A redirect after a form post that tells the next page what happened (issue 22, item 4).
    static func see(_ location: String, flash message: String) -> Response {
        var response = see(location)
        response.setCookie(Flash.cookie(message))
        return response
    }
}
