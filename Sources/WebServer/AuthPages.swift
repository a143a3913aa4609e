import Accounts
import Foundation
import Hummingbird
import Services
import WebPages

/// Sign in, sign out, and the language switch.
enum AuthPages {
    static let formCookie = "kc_form"

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/login", .anyone) { request, context in
            if context.user != nil { return .see("/") }
            return loginPage(request, context, deps, username: "", error: nil, status: .ok)
        }

        routes.add(.post, "/login", .anyone) { request, context in
            let form = try await Forms.read(request, context)
            // Before a session exists, CSRF is checked by the double-submit cookie of the form.
            guard let cookie = request.cookies[formCookie]?.value, let field = form["_csrf"], Forms.constantTimeEqual(cookie, field) else {
                return loginPage(request, context, deps, username: form["username"] ?? "", error: context.lang.t("表单已过期，请重试。", "The form expired; please try again."), status: .forbidden)
            }
            let username = form.text("username") ?? ""
            do {
                let signed = try await deps.auth.login(username: username, password: form["password"] ?? "", kind: .web, from: context.clientAddress)
                var response = Response.see(Forms.localPath(form["next"]))
                response.setCookie(sessionCookie(signed.token, maxAge: Int(deps.authSettings.absoluteTimeout), secure: deps.secureCookies))
                response.setCookie(Cookie(name: formCookie, value: "", maxAge: 0, path: "/login", httpOnly: true, sameSite: .strict))
                return response
            } catch let e as AuthError {
                let status: HTTPResponse.Status = { if case .invalidCredentials = e { return .unauthorized } else { return .tooManyRequests } }()
                return loginPage(request, context, deps, username: username, error: e.description, status: status)
            }
        }

        routes.add(.post, "/logout", .signedIn) { request, context in
            let form = try await Forms.read(request, context)
            if let identity = context.identity { try await deps.auth.logout(identity) }
            var response = Response.see("/login")
            response.setCookie(Cookie(name: IdentityMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
            return response
        }

        routes.add(.post, "/language", .signedIn) { request, context in
            let form = try await Forms.read(request, context)
            guard let lang = form["language"].flatMap(Language.init(rawValue:)) else { throw AppError.badRequest("language must be zh or en") }
            try await deps.auth.setLanguage(try context.requireUser(), lang)
            return .see(Forms.localPath(form["back"]))
        }
    }

    /// `secure` when the platform is served over HTTPS (KECHUANG_SECURE_COOKIES=1 behind a TLS proxy).
    static func sessionCookie(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: IdentityMiddleware.sessionCookie, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func loginPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies,
                          username: String, error: String?, status: HTTPResponse.Status) -> Response {
        let token = AuthService.randomToken()
        let model = LoginPage.Model(username: username, error: error, formToken: token,
                                    next: Forms.localPath(request.uri.queryParameters.get("next")),
                                    demoAccounts: deps.demoAccounts.map { ($0.username, $0.password, context.lang.role($0.role)) })
        var response = Response.html(LoginPage.render(model, context.chrome(request)), status: status)
        response.setCookie(Cookie(name: formCookie, value: token, maxAge: 3600, path: "/login", httpOnly: true, sameSite: .strict))
        return response
    }
}
