import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import WebPages

/// /accounts: the administrator disables and enables accounts, unlocks sign-in, resets passwords
/// and ends sessions (issue 19, item 2). Each step is a form post, audited by the service.
enum AccountAdminPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/accounts", .permission(.manageAccounts)) { request, context in
            try await page(request, context, deps, errors: [:], status: .ok)
        }

        for action in AuthService.AdminAction.allCases {
            routes.add(.post, "/accounts/:username/\(action.rawValue)", .permission(.manageAccounts)) { request, context in
                let admin = try context.requireUser()
                let form = try await Forms.read(request, context)
                let username = context.parameters.get("username") ?? ""
                let message: String
                do {
                    message = try await deps.auth.administer(action, username: username, password: form["password"], by: admin)
                } catch AuthService.AccountError.invalid(let problems) {
                    return try await page(request, context, deps, errors: [username: problems.map { context.lang.half($0.message) }.joined(separator: "；")],
                                          status: .unprocessableContent)
                }
                return .see("/accounts#u-\(username)", flash: "\(username)：" + context.lang.half(message))
            }
        }
    }

    static func page(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String],
                     status: HTTPResponse.Status) async throws -> Response {
        let admin = try context.requireUser()
        let accounts = try await deps.auth.accounts(by: admin)
        // What each account belongs to, by name: its town, its firm, its bank (never a code).
        var belongs = Dictionary(uniqueKeysWithValues: try await deps.directory.towns().map { ($0.code, $0.name) })
        for (uscc, name) in try await deps.cashout.names(accounts.compactMap(\.user.enterprise)) { belongs[uscc.code] = name }
        for bank in try await BankReadPages.banks(deps) { belongs[bank.code] = bank.name }
        return .html(AccountAdminPage.render(.init(accounts: accounts, me: admin.username, names: belongs, errors: errors), context.chrome(request)), status: status)
    }
}
