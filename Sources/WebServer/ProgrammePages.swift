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
            try await overview(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.post, "/programmes/calls", .permission(.viewProgrammes)) { request, context in
            let form = try await Forms.read(request, context)
            do {
                let call = try CallForm.parse(form)
                let id = try await deps.programmes.openCall(call, by: try context.requireUser())
                return .see("/programmes/calls/\(id)", flash: context.lang.t("已发布申报指南。", "Call opened."))
            } catch let e as ProgrammeError {
                return try await overview(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
        }

        routes.add(.get, "/programmes/calls/:id", .permission(.viewProgrammes)) { request, context in
            let id = try APIRoutes.recordID(context)
            let ranking = try await deps.programmes.ranking(callID: id)
            let reviewed = Set(ranking.rows.map(\.project.id))
            let waiting = try await deps.database.read { try await $0.programmes.fetchProjects(callID: id) }.filter { !reviewed.contains($0.id) }
            let names = try await deps.database.read { try await $0.registry.fetchEnterprises(ranking.rows.map(\.project.uscc) + waiting.map(\.uscc)) }.mapValues(\.name)
            let user = try context.requireUser()
            return .html(ProgrammesPage.renderCall(ranking, waiting: waiting, names: names, canAssign: ProjectDuty.isBureauStaff(user),
                                                   unfilled: request.uri.queryParameters.get("unfilled").flatMap { Int($0) },
                                                   overlaps: try await deps.programmes.overlapCounts(callID: id), context.chrome(request)))
        }

        routes.add(.get, "/programmes/projects/:id", .permission(.viewProgrammes)) { request, context in
            try await projectPage(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.post, "/programmes/projects/:id/step", .permission(.viewProgrammes)) { request, context in
            try await projectForm(request, context, deps, done: context.lang.t("已办理。", "Done.")) { form, id, user in
                guard let action = form["action"].flatMap(ProjectAction.init(rawValue:)) else { throw AppError.invalid([Problem(path: "action", message: "unknown step")]) }
                _ = try await deps.programmes.step(id, action, note: form.text("note"), by: user)
            }
        }

        routes.add(.post, "/programmes/projects/:id/milestones", .permission(.viewProgrammes)) { request, context in
            try await projectForm(request, context, deps, done: context.lang.t("已保存里程碑计划。", "Milestone plan saved.")) { form, id, user in
                try await deps.programmes.planMilestones(id, try MilestonePlanText.parse(form.text("plan") ?? ""), by: user)
            }
        }

        routes.add(.post, "/programmes/projects/:id/milestones/:seq/report", .permission(.viewProgrammes)) { request, context in
            guard let seq = context.parameters.get("seq").flatMap(Int.init) else { throw AppError.notFound("里程碑 / milestone") }
            return try await projectForm(request, context, deps, done: context.lang.t("已提交里程碑报告。", "Milestone report filed.")) { form, id, user in
                try await deps.programmes.reportMilestone(id, seq: seq, report: form.text("report") ?? "", by: user)
            }
        }

        routes.add(.post, "/programmes/calls/:id/assign", .permission(.viewProgrammes)) { request, context in
            let form = try await Forms.read(request, context)
            let id = try APIRoutes.recordID(context)
            let done = try await deps.programmes.assignReviewers(callID: id, by: try context.requireUser())
            let notice = done.unfilled.isEmpty ? "" : "?unfilled=\(done.unfilled.count)"
            return .see("/programmes/calls/\(id)\(notice)", flash: context.lang.t("已分配评审专家。", "Reviewers assigned."))
        }

        routes.add(.get, "/programmes/chief-experts", .permission(.viewProgrammes)) { request, context in
            let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
            let rows = try await deps.programmes.chiefRound(ChiefRound.latest(try await deps.database.read { try await $0.programmes.fetchNeeds(round: nil) }.map(\.round)))
            return .html(ProgrammesPage.renderChief(rows, figures: figures, context.chrome(request)))
        }
    }

    static func overview(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                         status: HTTPResponse.Status) async throws -> Response {
        let (programmes, calls, projects) = try await deps.programmes.programmes()
        let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
        return .html(ProgrammesPage.render(.init(programmes: programmes, calls: calls, projects: projects, figures: figures,
                                                 events: try await deps.programmes.events(), canOpenCall: ProjectDuty.isBureauStaff(try context.requireUser()),
                                                 errors: errors), context.chrome(request)), status: status)
    }

    /// A form posted on the project page: checked, handed to `act`, then back to the page — or
    /// the page again with the refusal shown and nothing changed.
    static func projectForm(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies,
                            done: String, _ act: (FormData, Int64, User) async throws -> Void) async throws -> Response {
        let form = try await Forms.read(request, context)
        let id = try APIRoutes.recordID(context)
        do { try await act(form, id, try context.requireUser()) } catch let e as ProgrammeError {
            return try await projectPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
        }
        return .see("/programmes/projects/\(id)", flash: done)
    }

    static func projectPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                            status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        guard let d = try await deps.programmes.project(try APIRoutes.recordID(context)) else { throw AppError.notFound("项目 / project") }
        let project = d.project
        let firm = try await deps.database.read { try await $0.registry.fetchEnterprise(project.uscc) }
        let actions = project.status.actions(for: user, firm: project.uscc, town: firm?.townCode)
        let canPlan = ProjectDuty.administration.isCarried(by: user, firm: project.uscc, town: nil) && [.recommended, .contracted].contains(project.status)
        let canReport = ProjectDuty.isBureauStaff(user) && project.status == .contracted
        return .html(ProjectPage.render(.init(project: project, firmName: d.firmName ?? project.uscc.code, steps: d.steps, actions: actions, errors: errors,
                                              milestones: d.milestones, overlaps: d.overlaps, canPlan: canPlan, canReport: canReport),
                                        context.chrome(request)), status: status)
    }
}

/// The milestone plan as staff type it: one milestone per line, its due date first.
enum MilestonePlanText {
    static func parse(_ text: String) throws(ProgrammeError) -> [(title: String, dueOn: LocalDate)] {
        var plan: [(title: String, dueOn: LocalDate)] = []
        var problems: [Problem] = []
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for (n, line) in lines.enumerated() {
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
            guard parts.count == 2, let due = LocalDate(String(parts[0])) else {
                problems.append(Problem(path: "plan", message: "第 \(n + 1) 行应为「日期 名称」/ line \(n + 1): a date, then the title"))
                continue
            }
            plan.append((String(parts[1]).trimmingCharacters(in: .whitespaces), due))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return plan
    }
}

/// The call form as staff fill it in; each bad field named.
enum CallForm {
    static func parse(_ form: FormData) throws(ProgrammeError) -> ProgrammeCall {
        var problems: [Problem] = []
        func date(_ key: String) -> LocalDate? {
            guard let d = form.text(key).flatMap(LocalDate.init) else { problems.append(Problem(path: key, message: "YYYY-MM-DD")); return nil }
            return d
        }
        func int(_ key: String) -> Int? {
            guard let n = form.text(key).flatMap(Int.init) else { problems.append(Problem(path: key, message: "整数 / a whole number")); return nil }
            return n
        }
        let (opens, closes) = (date("opens"), date("closes"))
        let budget = try? Money(formText: form.text("budget") ?? "")
        if budget == nil { problems.append(Problem(path: "budget", message: "金额（元）/ an amount in yuan")) }
        let (reviewers, quota) = (int("reviewers"), int("cityQuota"))
        guard problems.isEmpty, let opens, let closes, let budget, let reviewers, let quota else { throw .invalid(problems) }
        let line = form.text("budgetLine").map { $0.trimmingCharacters(in: .whitespaces) }
        return ProgrammeCall(programme: form.text("programme") ?? "", title: form.text("title") ?? "", opens: opens, closes: closes, budgetFen: budget.fen,
                             reviewers: reviewers, cityQuota: quota, createdAt: "", createdBy: "", budgetLine: line?.isEmpty == false ? line : nil)
    }
}
