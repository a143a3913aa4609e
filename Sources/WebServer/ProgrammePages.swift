import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Matching
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// The programme pages (issue: programmes and matching): the overview, a call's panel list,
/// the chief-expert round. Bureau staff and auditors read them.
enum ProgrammePages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/programmes", .permission(.viewProgrammes)) { request, context in
            let (programmes, calls, projects) = try await deps.programmes.programmes()
            let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
            return .html(ProgrammesPage.render(.init(programmes: programmes, calls: calls, projects: projects, figures: figures), context.chrome(request)))
        }

        routes.add(.get, "/programmes/calls/:id", .permission(.viewProgrammes)) { request, context in
            let id = try APIRoutes.recordID(context)
            let ranking = try await deps.programmes.ranking(callID: id)
            let reviewed = Set(ranking.rows.map(\.project.id))
            let waiting = try await deps.database.read { try await $0.programmes.fetchProjects(callID: id) }.filter { !reviewed.contains($0.id) }
            let names = try await deps.database.read { try await $0.registry.fetchEnterprises(ranking.rows.map(\.project.uscc) + waiting.map(\.uscc)) }.mapValues(\.name)
            let user = try context.requireUser()
            return .html(ProgrammesPage.renderCall(ranking, waiting: waiting, names: names, canAssign: ProjectDuty.isBureauStaff(user),
                                                   unfilled: request.uri.queryParameters.get("unfilled").flatMap { Int($0) }, context.chrome(request)))
        }

        routes.add(.get, "/programmes/projects/:id", .permission(.viewProgrammes)) { request, context in
            try await projectPage(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.post, "/programmes/projects/:id/step", .permission(.viewProgrammes)) { request, context in
            let form = try await Forms.read(request, context)
            try Forms.checkCSRF(form["_csrf"], context)
            guard let action = form["action"].flatMap(ProjectAction.init(rawValue:)) else { throw AppError.invalid([Problem(path: "action", message: "unknown step")]) }
            let id = try APIRoutes.recordID(context)
            do { _ = try await deps.programmes.step(id, action, note: form.text("note"), by: try context.requireUser()) } catch let e as ProgrammeError {
                return try await projectPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            return .see("/programmes/projects/\(id)")
        }

        routes.add(.post, "/programmes/calls/:id/assign", .permission(.viewProgrammes)) { request, context in
            let form = try await Forms.read(request, context)
            try Forms.checkCSRF(form["_csrf"], context)
            let id = try APIRoutes.recordID(context)
            let done = try await deps.programmes.assignReviewers(callID: id, by: try context.requireUser())
            let notice = done.unfilled.isEmpty ? "" : "?unfilled=\(done.unfilled.count)"
            return .see("/programmes/calls/\(id)\(notice)")
        }

        routes.add(.get, "/programmes/chief-experts", .permission(.viewProgrammes)) { request, context in
            let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
            let rows = try await deps.programmes.chiefRound(try await deps.database.read { try await $0.programmes.fetchNeeds(round: nil) }.map(\.round).max())
            return .html(ProgrammesPage.renderChief(rows, figures: figures, context.chrome(request)))
        }
    }

    static func projectPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                            status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        guard let (project, steps) = try await deps.programmes.project(try APIRoutes.recordID(context)) else { throw AppError.notFound("项目 / project") }
        let firm = try await deps.database.read { try await $0.registry.fetchEnterprise(project.uscc) }
        let actions = project.status.actions(for: user, firm: project.uscc, town: firm?.townCode)
        return .html(ProjectPage.render(.init(project: project, firmName: firm?.name ?? project.uscc.code, steps: steps, actions: actions, errors: errors),
                                        context.chrome(request)), status: status)
    }
}
