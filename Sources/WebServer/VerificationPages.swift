import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import WebPages

/// The reviewers' queue of figures firms declared (issue 19, item 1): the list, one declaration
/// beside the verified figures, and the decision. Confirming copies the figures into the year's
/// record; until then nothing that pays or scores reads them.
enum VerificationPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/verifications", .permission(.verifyFacts)) { request, context in
            let user = try context.requireUser()
            let q = ListQuery(request)
            // No status in the query is the work queue; "all" lists every declaration.
            let raw = q.text("status").isEmpty ? FiscalYearDeclaration.Status.pending.rawValue : q.text("status")
            guard raw == "all" || FiscalYearDeclaration.Status(rawValue: raw) != nil else {
                throw AppError.invalid([Problem(path: "status", message: "无此状态 / unknown status: pending, confirmed, rejected, superseded or all")])
            }
            var state = ListState(path: "/verifications", filters: [("status", raw)], sort: "oldest", defaultSort: "oldest", page: q.page, total: 0)
            let page = try await deps.registry.declarations(DeclarationFilter(status: FiscalYearDeclaration.Status(rawValue: raw)),
                                                            offset: state.offset, limit: state.pageSize, for: user)
            state.total = page.total
            let towns = Dictionary(uniqueKeysWithValues: try await deps.directory.towns().map { ($0.code, $0.name) })
            return .html(VerificationQueuePage.render(.init(rows: page.rows, towns: towns, state: state), context.chrome(request)))
        }

        routes.add(.get, "/verifications/:id", .permission(.verifyFacts)) { request, context in
            try await page(request, context, deps, errors: [:], form: [:], status: .ok)
        }

        for (action, field) in [("confirm", "note"), ("reject", "reason")] {
            routes.add(.post, "/verifications/:id/\(action)", .permission(.verifyFacts)) { request, context in
                let user = try context.requireUser()
                let form = try await Forms.read(request, context)
                let id = try APIRoutes.recordID(context)
                let (d, name, _) = try await deps.registry.declaration(id)
                try await deps.authorize(context, .verifyFacts, on: d.uscc, path: request.uri.path)
                let text = form[field] ?? ""
                do {
                    _ = action == "confirm" ? try await deps.registry.confirmDeclaration(id, note: text, by: user)
                                            : try await deps.registry.rejectDeclaration(id, reason: text, by: user)
                } catch RegistryError.invalid(let problems) {
                    return try await page(request, context, deps, errors: Dictionary(problems.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                          form: [field: text], status: .unprocessableContent)
                }
                let l = context.lang, year = d.facts.year
                return .see("/verifications", flash: action == "confirm"
                    ? l.t("已确认\(name) \(year) 年度数据，已用于政策兑现和创新积分。", "Confirmed \(name)'s figures for \(year); they now count.")
                    : l.t("已不予采信\(name) \(year) 年度数据，已通知企业。", "Rejected \(name)'s figures for \(year); the firm has been told."))
            }
        }
    }

    static func page(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies,
                     errors: [String: String], form: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let (d, name, verified) = try await deps.registry.declaration(try APIRoutes.recordID(context))
        try await deps.authorize(context, .verifyFacts, on: d.uscc, path: request.uri.path)
        let model = DeclarationPage.Model(declaration: d, name: name, verified: verified,
                                          canDecide: AccessPolicy.allows(user.role, .verifyFacts), errors: errors, form: form,
                                          actorNames: try await deps.actorNames([d.declaredBy] + (d.decidedBy.map { [$0] } ?? [])))
        return .html(DeclarationPage.render(model, context.chrome(request)), status: status)
    }
}
