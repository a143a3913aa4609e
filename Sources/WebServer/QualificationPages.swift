import Accounts
import Foundation
import Hummingbird
import Kernel
import Qualification
import Registry
import Services
import Storage
import WebPages

/// The ladder page, the pool page and their forms.
enum QualificationPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/ladder", .permission(.viewLadder)) { request, context in
            let user = try context.requireUser()
            let asOf = try deps.asOf(request)
            let since = try date(request, "since") ?? LocalDate(year: asOf.year - 1, month: 1, day: 1)!
            let ladder = try await deps.qualifications.ladder(asOf: asOf, since: since)
            var selected: (kind: DesignationKind, list: QualificationReader.ListKind)?
            var entries: [LadderEntry] = []
            var state: ListState?
            if let (kind, list) = try ladderList(request) {
                selected = (kind, list)
                let all = try await deps.qualifications.list(kind, list, asOf: asOf)
                let q = ListQuery(request)
                let listState = ListState(path: "/ladder", filters: ["asOf", "since", "kind", "list"].map { ($0, q.text($0)) }, sort: "name", defaultSort: "name",
                                          page: q.page, total: all.count)
                entries = Array(all.dropFirst(listState.offset).prefix(listState.pageSize))
                state = listState
            }
            var changes: [RecordedChange] = []
            if let run = ladder.lastRun { changes = try await deps.qualifications.changes(runID: run.id, limit: 50) }
            return .html(LadderPage.render(LadderPage.Model(ladder: ladder, selected: selected, entries: entries, state: state, lastChanges: changes,
                                                            canRun: AccessPolicy.allows(user.role, .runAssessment)), context.chrome(request)))
        }

        routes.add(.get, "/ladder/export", .permission(.viewLadder)) { request, context in
            guard let (kind, list) = try ladderList(request) else { throw AppError.invalid([Problem(path: "kind", message: "kind and list are required")]) }
            let asOf = try deps.asOf(request), l = context.lang
            let rows = try await deps.qualifications.list(kind, list, asOf: asOf).map { [$0.name, $0.uscc.code, $0.detail ?? ""] }
            let title = "\(l.designation(kind))-\(LadderPage.listName(list, l))"
            return try await Download.streamedWorkbook(ascii: "ladder-\(kind.rawValue)-\(list.rawValue).xlsx", chinese: "\(title).xlsx", sheet: title,
                                                       header: [l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code"), LadderPage.detailHeader(list, l)],
                                                       textColumns: [1], audit: "ladder:\(kind.rawValue):\(list.rawValue)", detail: "asOf=\(asOf)", by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.post, "/ladder/run", .permission(.runAssessment)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            let asOf = try formDate(form, "asOf") ?? deps.defaultAsOf
            _ = try await deps.batch.run(asOf: asOf, trigger: "web", actor: user.actorName)
            return .see("/ladder?asOf=\(asOf)", flash: context.lang.t("已按 \(asOf) 重新评估全部企业。", "Every enterprise assessed again as of \(asOf)."))
        }

        routes.add(.get, "/points", .permission(.viewPoints)) { request, context in
            let q = request.uri.queryParameters
            let stage = try q.get("stage").map { text -> Int in
                guard let s = Int(text), (0..<16).contains(s) else { throw AppError.invalid([Problem(path: "stage", message: "a stage number")]) }
                return s
            } ?? 0
            let page = ListQuery(request).page
            let ranking = try await deps.points.ranking(stage: stage, offset: (page - 1) * 50, limit: 50)
            let state = ListState(path: "/points", filters: [("stage", String(stage))], sort: "rank", defaultSort: "rank", page: page,
                                  total: ranking?.1.first?.stageSize ?? 0)
            return .html(PointsRankingPage.render(.init(run: ranking?.0, stage: stage, state: state, scores: ranking?.1 ?? []), context.chrome(request)))
        }

        routes.add(.get, "/points/export", .permission(.viewPoints)) { request, context in
            let stage = Int(request.uri.queryParameters.get("stage") ?? "0") ?? 0
            guard (0..<16).contains(stage) else { throw AppError.invalid([Problem(path: "stage", message: "a stage number")]) }
            let l = context.lang
            return try await Download.streamedWorkbook(ascii: "points-ranking.xlsx", chinese: "创新积分排名.xlsx", sheet: l.t("创新积分排名", "Points ranking"),
                                                       header: PointsRankingPage.header(l), textColumns: [2], audit: "points-ranking", detail: "stage=\(stage)",
                                                       by: context.user, deps) { (offset: Int?) in
                guard let (run, rows) = try await deps.points.ranking(stage: stage, offset: offset ?? 0, limit: 2_000) else { return ([], nil) }
                return (rows.map { PointsRankingPage.cells($0, model: run.model, l) }, rows.count == 2_000 ? (offset ?? 0) + 2_000 : nil)
            }
        }

        routes.add(.get, "/pool", .permission(.viewLadder)) { request, context in
            try await poolPage(request, context, deps, errors: [:], status: .ok)
        }

        routes.add(.get, "/pool/export", .permission(.viewLadder)) { request, context in
            let lists = try await poolLists(request, deps)
            let l = context.lang
            let rows: [[String]]
            switch lists.view {
            case .members: rows = lists.members.map { PoolPage.memberCells($0, l) }
            case .candidates: rows = lists.candidates.map { [$0.name, $0.uscc.code] }
            case .history: rows = lists.history.map { PoolPage.historyCells($0.0, name: $0.1, l) }
            }
            let sheet = l.t(["members": "在库企业", "candidates": "入库候选", "history": "入库与出库记录"][lists.view.rawValue] ?? "", lists.view.rawValue)
            return try await Download.streamedWorkbook(ascii: "pool-\(lists.view.rawValue).xlsx", chinese: "高企培育库-\(sheet).xlsx", sheet: sheet,
                                                       header: PoolPage.header(lists.view, l), textColumns: [1, 3], audit: "pool", detail: lists.state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "),
                                                       by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.get, "/pool/firms/:uscc", .permission(.viewLadder)) { request, context in
            try await poolFirmPage(try EnterprisePages.parseUSCC(context), request, context, deps, status: .ok)
        }

        routes.add(.post, "/pool/admit", .permission(.managePool)) { request, context in
            try await poolChange(request, context, deps, done: context.lang.t("已纳入培育库。", "Admitted to the pool.")) { uscc, on, reason, actor in
                try await deps.pool.admit(uscc, on: on, reason: reason, actor: actor)
            }
        }

        routes.add(.post, "/pool/remove", .permission(.managePool)) { request, context in
            try await poolChange(request, context, deps, done: context.lang.t("已移出培育库。", "Removed from the pool.")) { uscc, on, reason, actor in
                try await deps.pool.remove(uscc, on: on, reason: reason, actor: actor)
            }
        }

        routes.add(.post, "/pool/projects", .permission(.managePool)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let uscc = try? USCC(form["uscc"] ?? "") else {
                return try await poolPage(request, context, deps, errors: ["uscc": "统一社会信用代码无效 / the USCC is invalid"], status: .unprocessableContent)
            }
            let typed = Dictionary(uniqueKeysWithValues: ["title", "programme", "supportedOn", "funding"].map { ($0, form[$0] ?? "") })
            // Each message sits beside its field, so it names the problem, not the field.
            var errors: [String: String] = [:]
            let on = try? formDate(form, "supportedOn")
            if on == nil { errors["supportedOn"] = "须为 YYYY-MM-DD / a date, YYYY-MM-DD" }
            var funding = Money(fen: 0)
            if let text = form.text("funding") {
                do { funding = try Money(formText: text) } catch { errors["funding"] = "“\(text)”不是金额 / not an amount: \(text)" }
            }
            guard errors.isEmpty, let on else {
                return try await poolFirmPage(uscc, request, context, deps, errors: errors, form: typed, status: .unprocessableContent)
            }
            let project = SupportedProject(title: (form["title"] ?? "").trimmingCharacters(in: .whitespaces),
                                           programme: form["programme"].flatMap { $0.isEmpty ? nil : $0 }, supportedOn: on, funding: funding)
            do {
                try await deps.pool.addProject(uscc, project, actor: user.actorName)
            } catch let e as PoolError {
                let byField = if case .invalidProject(let p) = e { Problem.byField(p, fields: typed.keys) } else { ["": e.description] }
                return try await poolFirmPage(uscc, request, context, deps, errors: byField, form: typed, status: AppError.status(of: e))
            }
            return .see("/pool/firms/\(uscc.code)", flash: context.lang.t("已登记资助项目。", "Supported project recorded."))
        }
    }

    /// The rung and list a ladder query names (`kind`, `list`), nil when it names none.
    static func ladderList(_ request: Request) throws -> (DesignationKind, QualificationReader.ListKind)? {
        guard let k = request.uri.queryParameters.get("kind"), let l = request.uri.queryParameters.get("list") else { return nil }
        guard let kind = DesignationKind(rawValue: k), let list = QualificationReader.ListKind(rawValue: l) else {
            throw AppError.invalid([Problem(path: "kind", message: "unknown rung or list: \(k) / \(l)")])
        }
        return (kind, list)
    }

    /// A date from the query: YYYY-MM-DD within the years the platform keeps (1949–2200), so
    /// arithmetic on it (the year before, the half year) cannot leave the calendar.
    static func date(_ request: Request, _ name: String) throws -> LocalDate? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let d = LocalDate(text), (1949...2200).contains(d.year) else {
            throw AppError.invalid([Problem(path: name, message: "expected YYYY-MM-DD between 1949 and 2200")])
        }
        return d
    }

    static func formDate(_ form: FormData, _ name: String) throws -> LocalDate? {
        guard let text = form[name], !text.isEmpty else { return nil }
        guard let d = LocalDate(text), (1949...2200).contains(d.year) else { throw AppError.invalid([Problem(path: name, message: "expected YYYY-MM-DD between 1949 and 2200")]) }
        return d
    }

    static func poolChange(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, done: String,
                           _ change: @Sendable (USCC, LocalDate, String, String) async throws -> Void) async throws -> Response {
        let user = try context.requireUser()
        let form = try await Forms.read(request, context)
        guard let uscc = try? USCC(form["uscc"] ?? "") else {
            return try await poolPage(request, context, deps, errors: ["uscc": "统一社会信用代码无效 / the USCC is invalid"], status: .unprocessableContent)
        }
        let typed = ["on": form["on"] ?? "", "reason": form["reason"] ?? ""]
        // try? flattens: nil for a malformed date; an empty field takes the report date.
        guard let on = form.text("on") == nil ? deps.defaultAsOf : try? formDate(form, "on") else {
            return try await poolFirmPage(uscc, request, context, deps, errors: ["on": "须为 YYYY-MM-DD / a date, YYYY-MM-DD"], form: typed, status: .unprocessableContent)
        }
        do {
            try await change(uscc, on, form["reason"] ?? "", user.actorName)
        } catch let e as PoolError {
            let byField = e == .reasonRequired ? ["reason": e.description] : ["": e.description]
            return try await poolFirmPage(uscc, request, context, deps, errors: byField, form: typed, status: AppError.status(of: e))
        }
        return .see("/pool/firms/\(uscc.code)?asOf=\(on)", flash: done)
    }

    /// The pool's three lists for the query: filtered by name or code (and, for members, the
    /// missing-project flag), sorted, with the list state; the page slices one page of its view.
    static func poolLists(_ request: Request, _ deps: AppDependencies) async throws
        -> (view: PoolPage.View, state: ListState, asOf: LocalDate, members: [PoolMember], candidates: [LadderEntry], history: [(PoolEvent, String)],
            counts: (members: Int, candidates: Int, history: Int, lacking: Int)) {
        let q = ListQuery(request)
        let asOf = request.method == .get ? try deps.asOf(request) : deps.defaultAsOf
        let view = PoolPage.View(rawValue: q.text("view")) ?? .members
        let all = (members: try await deps.pool.members(on: asOf, limit: 100_000),
                   candidates: try await deps.qualifications.list(.highTechPool, .newlyMeeting, asOf: asOf),
                   history: try await deps.pool.history(limit: 100_000))
        let text = q.text("q"), upper = text.uppercased()
        func matches(_ name: String, _ u: USCC) -> Bool { text.isEmpty || name.contains(text) || u.code.hasPrefix(upper) }
        var members = all.members.filter { matches($0.name, $0.uscc) && (q.text("flag") != "lacking" || $0.lacksProject) }
        var candidates = all.candidates.filter { matches($0.name, $0.uscc) }
        var history = all.history.filter { matches($0.1, $0.0.uscc) }
        let sort = q.text("sort")
        switch view {
        case .members: members.sort { sort == "admitted" ? ($0.admittedOn, $0.name) > ($1.admittedOn, $1.name) : ($0.name, $0.uscc.code) < ($1.name, $1.uscc.code) }
        case .candidates: candidates.sort { ($0.name, $0.uscc.code) < ($1.name, $1.uscc.code) }
        case .history: if sort == "oldest" { history.reverse() }
        }
        let defaultSort = view == .history ? "newest" : "name"
        let shown = view == .members ? members.count : view == .candidates ? candidates.count : history.count
        let state = ListState(path: "/pool", filters: [("view", view == .members ? "" : view.rawValue), ("q", text), ("flag", view == .members ? q.text("flag") : ""),
                                                      ("asOf", q.text("asOf"))],
                              sort: sort.isEmpty ? defaultSort : sort, defaultSort: defaultSort, page: q.page, total: shown)
        return (view, state, asOf, members, candidates, history,
                (all.members.count, all.candidates.count, all.history.count, all.members.filter(\.lacksProject).count))
    }

    static func poolPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String],
                         status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let lists = try await poolLists(request, deps)
        let page = lists.state.offset..<(lists.state.offset + lists.state.pageSize)
        func slice<T>(_ a: [T]) -> [T] { Array(a[min(page.lowerBound, a.count)..<min(page.upperBound, a.count)]) }
        let model = PoolPage.Model(asOf: lists.asOf, view: lists.view, state: lists.state, members: slice(lists.members), candidates: slice(lists.candidates),
                                   history: slice(lists.history), counts: lists.counts, canManage: AccessPolicy.allows(user.role, .managePool), errors: errors,
                                   graceDays: deps.pool.rules.pool.projectGraceDays)
        return .html(PoolPage.render(model, context.chrome(request)), status: status)
    }

    static func poolFirmPage(_ uscc: USCC, _ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String] = [:], form: [String: String] = [:],
                             status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let asOf = request.method == .get ? try deps.asOf(request) : deps.defaultAsOf
        guard let name = try await deps.cashout.names([uscc])[uscc] else { throw AppError.notFound("企业 / enterprise") }
        let member = try await deps.pool.members(on: asOf, limit: 100_000).first { $0.uscc == uscc }
        let candidate = try await deps.qualifications.list(.highTechPool, .newlyMeeting, asOf: asOf).contains { $0.uscc == uscc }
        let events = try await deps.pool.history(uscc).map(\.0)
        return .html(PoolPage.renderFirm(.init(uscc: uscc, name: name, asOf: asOf, member: member, isCandidate: candidate, events: events,
                                               canManage: AccessPolicy.allows(user.role, .managePool), errors: errors, form: form), context.chrome(request)), status: status)
    }
}

extension AppError {
    /// The status a pool error answers with, for pages that show it in place.
    static func status(of e: PoolError) -> HTTPResponse.Status {
        switch e {
        case .notFound: return .notFound
        case .alreadyMember, .notMember: return .conflict
        case .reasonRequired, .invalidProject: return .unprocessableContent
        }
    }
}
