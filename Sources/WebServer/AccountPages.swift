import Accounts
import Foundation
import Hummingbird
import Kernel
import Services
import WebPages

/// /account: every signed-in user's own password and sessions (issue 19, item 2).
enum AccountPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/account", .signedIn) { request, context in
            try await page(request, context, deps, status: .ok)
        }

        routes.add(.post, "/account/password", .signedIn) { request, context in
            guard let session = context.identity else { throw AppError.unauthenticated }
            let form = try await Forms.read(request, context)
            let current = form["current"] ?? "", new = form["new"] ?? ""
            guard new == (form["confirm"] ?? "") else {
                return try await page(request, context, deps, errors: ["confirm": "两次输入的新密码不一致 / the two new passwords differ"], status: .unprocessableContent)
            }
            let ended: Int
            do { ended = try await deps.auth.changePassword(session, current: current, new: new) } catch AuthService.AccountError.invalid(let p) {
                return try await page(request, context, deps, errors: Problem.byField(p, fields: ["current", "new", "confirm"]), status: .unprocessableContent)
            }
            return .see("/account", flash: context.lang.t("密码已修改\(ended > 0 ? "，另外 \(ended) 个登录已结束" : "")。", "Password changed\(ended > 0 ? "; \(ended) other sessions ended" : "")."))
        }

        routes.add(.post, "/account/sessions/:id/end", .signedIn) { request, context in
            guard let session = context.identity else { throw AppError.unauthenticated }
            let form = try await Forms.read(request, context)
            do { try await deps.auth.endSession(context.parameters.get("id") ?? "", of: session) } catch AuthService.AccountError.sessionNotFound {
                throw AppError.notFound("会话 / session")
            }
            return .see("/account", flash: context.lang.t("该登录已结束。", "That session has ended."))
        }
    }

    static func page(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String] = [:],
                     status: HTTPResponse.Status) async throws -> Response {
        guard let session = context.identity else { throw AppError.unauthenticated }
        return .html(AccountPage.render(.init(user: session.user, sessions: try await deps.auth.sessions(of: session), errors: errors), context.chrome(request)),
                     status: status)
    }
}
