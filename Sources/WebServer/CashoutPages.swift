import Accounts
import Cashout
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// Policy cash-out as pages: the bureau's overview and queues, a policy's matches, each
/// application with its steps, the firm's own page, payment batches and the ledger.
enum CashoutPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/cashout", .permission(.viewCashout)) { request, context in
            try await overview(request, context, deps, status: .ok)
        }

        // The administrator's forms on /cashout: each answers with the page, what was typed, and
        // each error beside the field it concerns (`fields`, the form's own).
        @Sendable func managed(_ request: Request, _ context: AppRequestContext, fields: [String],
                               done: String, _ body: @escaping @Sendable (FormData, User) async throws -> Void) async throws -> Response {
            let form = try await Forms.read(request, context)
            let typed = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0] ?? "") })
            do {
                try await body(form, try context.requireUser())
            } catch let e as CashoutError {
                let byField = if case .invalid(let p) = e { Problem.byField(p, fields: fields) } else { ["": e.description] }
                return try await overview(request, context, deps, form: typed, errors: byField, status: ErrorMiddleware.appError(e, context: context).status)
            } catch let e as AppError {
                var byField = Problem.byField(e.problems, fields: fields)
                if e.problems.isEmpty { byField[""] = e.message }
                return try await overview(request, context, deps, form: typed, errors: byField, status: e.status)
            }
            return .see("/cashout", flash: done)
        }

        routes.add(.post, "/cashout/budget-lines", .permission(.managePolicies)) { request, context in
            try await managed(request, context, fields: ["code", "name", "year"], done: context.lang.t("已开设预算科目。", "Budget line opened.")) { form, user in
                guard let year = form.text("year").flatMap({ Int($0) }) else { throw AppError.invalid([Problem(path: "year", message: "须为年份，如 2025 / a year such as 2025")]) }
                try await deps.cashout.openBudgetLine(code: form.text("code") ?? "", name: form.text("name") ?? "", year: year, by: user)
            }
        }

        routes.add(.post, "/cashout/appropriations", .permission(.managePolicies)) { request, context in
            try await managed(request, context, fields: ["line", "amount", "note"], done: context.lang.t("已下达预算。", "Appropriation recorded.")) { form, user in
                guard let amount = try? Money(formText: form.text("amount") ?? "") else {
                    throw AppError.invalid([Problem(path: "amount", message: "“\(form.text("amount") ?? "")”不是金额 / not an amount")])
                }
                _ = try await deps.cashout.appropriate(line: form["line"] ?? "", amount: amount, note: form.text("note") ?? "", by: user)
            }
        }

        routes.add(.post, "/cashout/policies", .permission(.managePolicies)) { request, context in
            try await managed(request, context, fields: ["policy"], done: context.lang.t("政策已发布。", "Policy published.")) { form, user in
                try await deps.cashout.publish(try CashoutAPI.policy(fromJSON: Data((form["policy"] ?? "").utf8)), by: user)
            }
        }

        routes.add(.get, "/cashout/policies/new", .permission(.managePolicies)) { request, context in
            let today = deps.today
            let values = ["opens": today.description, "closes": today.adding(days: 60).description, "round": String(today.year),
                          "mode": "application", "amountKind": "fixed", "frequency": "perYear", "combine": "all"]
            return .html(PolicyFormPage.render(.init(values: values, errors: [:], lines: try await deps.cashout.budgetLines()), context.chrome(request)))
        }

        routes.add(.post, "/cashout/policies/form", .permission(.managePolicies)) { request, context in
            let form = try await Forms.read(request, context)
            let values = form.values.filter { $0.key != "_csrf" && $0.key != "intent" }.compactMapValues(\.first)
            let lines = try await deps.cashout.budgetLines()
            let (policy, errors) = PolicyForm.parse(form)
            guard let policy else {
                return .html(PolicyFormPage.render(.init(values: values, errors: errors, lines: lines), context.chrome(request)), status: .unprocessableContent)
            }
            if form["intent"] == "preview" {
                let rows = try await deps.cashout.match(policy)
                return .html(PolicyFormPage.render(.init(values: values, errors: [:], lines: lines, preview: .init(rows: rows, year: policy.subsidyYear)),
                                                   context.chrome(request)))
            }
            do { try await deps.cashout.publish(policy, by: try context.requireUser()) } catch let e as CashoutError {
                let problems = ErrorMiddleware.appError(e, context: context)
                let byField = if case .invalid(let p) = e { Problem.byField(p, fields: values.keys) } else { ["": e.description] }
                return .html(PolicyFormPage.render(.init(values: values, errors: byField, lines: lines), context.chrome(request)), status: problems.status)
            }
            return .see("/cashout/policies/\(policy.id)", flash: context.lang.t("政策“\(policy.name)”已发布。", "Policy “\(policy.name)” published."))
        }

        routes.add(.get, "/cashout/applications", .permission(.viewCashout)) { request, context in
            let (filter, state, problems) = applicationQuery(request)
            let service = deps.cashout
            let (total, apps) = try await service.applications(filter, sort: ApplicationSort(rawValue: state.sort) ?? .newest, offset: state.offset,
                                                               limit: state.pageSize, for: try context.requireUser())
            var shown = state
            shown.total = total
            return .html(ApplicationListPage.render(.init(applications: apps, state: shown, policyNames: try await policyNames(deps), towns: try await deps.directory.towns(),
                                                          names: try await service.names(apps.map(\.uscc)), due: service.due, today: deps.today, problems: problems),
                                                    context.chrome(request)), status: problems.isEmpty ? .ok : .unprocessableContent)
        }

        routes.add(.get, "/cashout/applications/export", .permission(.viewCashout)) { request, context in
            let (filter, state, problems) = applicationQuery(request)
            guard problems.isEmpty else { throw AppError.invalid(problems.map { Problem(path: "filter", message: $0) }) }
            let user = try context.requireUser(), l = context.lang, service = deps.cashout
            let policies = try await policyNames(deps)
            let towns = Dictionary(uniqueKeysWithValues: try await deps.directory.towns().map { ($0.code, $0.name) })
            return try await Download.streamedWorkbook(
                ascii: "applications.xlsx", chinese: "政策兑现申请.xlsx", sheet: l.t("申请", "Applications"), header: ApplicationListPage.header(l),
                textColumns: [2], audit: "cashout-applications", detail: state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "), by: user, deps) { after in
                    let apps = try await service.applications(filter, afterID: after, limit: 2_000, for: user)
                    let firms = try await deps.database.read { try await $0.registry.fetchEnterprises(Array(Set(apps.map(\.uscc)))) }
                    let rows = apps.map { a in
                        ApplicationListPage.cells(a, name: firms[a.uscc]?.name, town: firms[a.uscc]?.townCode.flatMap { towns[$0] },
                                                  policy: policies[a.policyID], due: service.due(a), l)
                    }
                    return (rows, apps.count == 2_000 ? apps.last?.id : nil)
                }
        }

        routes.add(.get, "/cashout/policies/:id", .permission(.viewCashout)) { request, context in
            let user = try context.requireUser()
            let policy = try await deps.cashout.policy(context.parameters.get("id") ?? "")
            let year = try CashoutAPI.subsidyYear(request) ?? policy.policy.subsidyYear
            let matches = try await deps.cachedMatches(policyID: policy.policy.id, year: year)
            return .html(PolicyPage.render(.init(policy: policy, year: year, matches: matches, canEntitle: AccessPolicy.allows(user.role, .managePolicies)),
                                           context.chrome(request)))
        }

        routes.add(.post, "/cashout/policies/:id/entitle", .permission(.managePolicies)) { request, context in
            let form = try await Forms.read(request, context)
            let id = context.parameters.get("id") ?? ""
            try await deps.cashout.createEntitlements(policyID: id, by: try context.requireUser())
            return .see("/cashout/policies/\(id)", flash: context.lang.t("已为符合条件的企业生成免申即享待确认事项。", "Entitlements created for the matching firms."))
        }

        routes.add(.get, "/cashout/ledger/:code", .permission(.viewCashout)) { request, context in
            let code = context.parameters.get("code") ?? ""
            guard let line = try await deps.cashout.budgetLines().first(where: { $0.code == code }) else { throw AppError.notFound("预算科目 / budget line") }
            let entries = Array(try await deps.cashout.ledger(line: code).reversed())
            let q = ListQuery(request)
            let state = ListState(path: "/cashout/ledger/\(code)", filters: [], sort: "newest", defaultSort: "newest", page: q.page, total: entries.count)
            let shown = Array(entries.dropFirst(state.offset).prefix(state.pageSize))
            return .html(LedgerPage.render(line: line, entries: shown, state: state, actorNames: try await deps.actorNames(shown.map(\.actor)), context.chrome(request)))
        }

        routes.add(.get, "/cashout/ledger/:code/export", .permission(.viewCashout)) { request, context in
            let code = context.parameters.get("code") ?? ""
            guard try await deps.cashout.budgetLines().contains(where: { $0.code == code }) else { throw AppError.notFound("预算科目 / budget line") }
            let entries = Array(try await deps.cashout.ledger(line: code).reversed()), l = context.lang
            let names = try await deps.actorNames(entries.map(\.actor))
            let rows = entries.map { LedgerPage.cells($0, l, actorNames: names) }
            return try await Download.streamedWorkbook(ascii: "ledger-\(code).xlsx", chinese: "预算台账-\(code).xlsx", sheet: l.t("预算台账", "Ledger"),
                                                       header: LedgerPage.header(l), audit: "budget-line:\(code)", detail: "", by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.get, "/cashout/mine", .permission(.applyCashout)) { request, context in
            let user = try context.requireUser()
            guard let uscc = user.enterprise else { throw AppError.notFound("企业 / enterprise") }
            let service = deps.cashout, today = deps.today
            let open = try await service.policies().map(\.policy).filter { $0.mode == .application && $0.window.contains(today) }
            return .html(MyCashoutPage.render(.init(notices: try await service.notices(uscc: uscc), applications: try await service.applications(ApplicationFilter(), for: user),
                                                    open: open, policyNames: try await policyNames(deps), due: service.due, today: today), context.chrome(request)))
        }

        routes.add(.post, "/cashout/apply", .permission(.applyCashout)) { request, context in
            let form = try await Forms.read(request, context)
            let a = try await deps.cashout.start(policyID: form["policy"] ?? "", by: try context.requireUser())
            return .see("/cashout/applications/\(a.id)", flash: context.lang.t("已创建申请，请填写后提交。", "Application started: fill it in and submit."))
        }

        registerApplication(routes)
        registerBatches(routes)
    }

    static func registerApplication(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/cashout/applications/:id", .signedIn) { request, context in
            try await applicationPage(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.post, "/cashout/applications/:id/save", .permission(.applyCashout)) { request, context in
            let form = try await Forms.read(request, context)
            let autosave = request.headers[HTTPField.Name("X-Autosave")!] != nil
            var fields: [String: String] = [:]
            for (key, values) in form.values where key.hasPrefix("form.") { fields[String(key.dropFirst(5))] = values.last ?? "" }
            var declared: Money?
            if let text = form.text("declaredBase") {
                guard let m = try? Money(formText: text) else { throw AppError.invalid([Problem(path: "declaredBase", message: "金额无效 / not an amount: \(text)")]) }
                declared = m
            }
            do {
                _ = try await deps.cashout.save(try APIRoutes.recordID(context), form: fields, declaredBase: declared, bankAccount: form.text("bankAccount") ?? "",
                                                by: try context.requireUser())
            } catch let e as CashoutError where !autosave {
                return try await applicationPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            return autosave ? Response(status: .noContent) : .see("/cashout/applications/\(try APIRoutes.recordID(context))", flash: context.lang.t("已保存。", "Saved."))
        }

        routes.add(.post, "/cashout/applications/:id/attach", .permission(.applyCashout)) { request, context in
            let contentType = request.headers[.contentType] ?? ""
            guard contentType.lowercased().hasPrefix("multipart/form-data") else {
                throw AppError(.unsupportedMediaType, "unsupported_media_type", "请用上传表单提交文件 / upload the file with the form")
            }
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: CashoutService.maxAttachmentBytes + 64 * 1024) } catch {
                throw AppError(.contentTooLarge, "too_large", "附件不能超过 10 MiB / an attachment is at most 10 MiB")
            }
            guard let form = MultipartForm(body: Data(body.readableBytesView), contentType: contentType) else {
                throw AppError.badRequest("无法读取上传内容 / the upload could not be read")
            }
            try ControlCharacterCheck.checkMultipart(form)
            let file = form.files["file"]
            do {
                _ = try await deps.cashout.attach(try APIRoutes.recordID(context), name: form.fields["name"] ?? "", fileName: file?.fileName ?? "",
                                                  bytes: Array(file?.data ?? Data()), by: try context.requireUser())
            } catch let e as CashoutError {
                return try await applicationPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            return .see("/cashout/applications/\(try APIRoutes.recordID(context))", flash: context.lang.t("已上传附件“\(file?.fileName ?? "")”。", "Attachment “\(file?.fileName ?? "")” uploaded."))
        }

        routes.add(.get, "/cashout/attachments/:id", .signedIn) { _, context in
            try await CashoutAPI.attachmentFile(try APIRoutes.recordID(context), context, deps)
        }

        routes.add(.post, "/cashout/applications/:id/step", .signedIn) { request, context in
            let form = try await Forms.read(request, context)
            guard let action = form["action"].flatMap(ApplicationAction.init(rawValue:)) else {
                throw AppError.invalid([Problem(path: "action", message: "unknown step")])
            }
            let after: CashoutApplication
            do {
                after = try await deps.cashout.act(try APIRoutes.recordID(context), action, .init(comment: form.text("comment") ?? "", bankReference: form.text("bankReference")),
                                           by: try context.requireUser())
            } catch let e as CashoutError {
                return try await applicationPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            let status = after.status
            return .see("/cashout/applications/\(after.id)", flash: context.lang.t("已办理，申请现为“\(status.chineseName)”。", "Done: the application is now “\(status.englishName)”."))
        }
    }

    static func registerBatches(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/cashout/batches", .permission(.payCashout)) { request, context in
            try await batchesPage(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.post, "/cashout/batches", .permission(.payCashout)) { request, context in
            let form = try await Forms.read(request, context)
            guard form["confirm"] == "1" else {
                return try await batchesPage(request, context, deps, errors: [context.lang.t("请先勾选核对笔数与金额。", "Tick the box to confirm the count and amount first.")], status: .unprocessableContent)
            }
            let batch: PaymentBatchRecord
            do { batch = try await deps.cashout.createBatch(by: try context.requireUser()) } catch let e as CashoutError {
                return try await batchesPage(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            return .see("/cashout/batches", flash: context.lang.t("已生成第 \(batch.id) 批：\(batch.count) 笔，合计 \(Format.yuan(batch.total)) 元。请下载拨付文件报国库。",
                                                      "Batch \(batch.id) created: \(batch.count) payments, \(Format.yuan(batch.total)) yuan. Download the file for the treasury."))
        }

        routes.add(.get, "/cashout/batches/export", .permission(.payCashout)) { request, context in
            let (batches, unpaid, _, state) = try await batchList(request, context, deps)
            let l = context.lang, names = try await deps.actorNames(batches.map(\.createdBy))
            let rows = batches.map { PaymentBatchesPage.cells($0, unpaid: unpaid[$0.id] ?? 0, l, actorNames: names) }
            return try await Download.streamedWorkbook(ascii: "payment-batches.xlsx", chinese: "拨付批次.xlsx", sheet: l.t("拨付批次", "Batches"),
                                                       header: PaymentBatchesPage.header(l), textColumns: [6], audit: "payment-batches",
                                                       detail: state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "), by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.get, "/cashout/batches/:id/file", .permission(.payCashout)) { request, context in
            try await CashoutAPI.batchFile(try APIRoutes.recordID(context), try Download.format(request), context, deps)
        }

        routes.add(.post, "/cashout/batches/:id/pay", .permission(.payCashout)) { request, context in
            let form = try await Forms.read(request, context)
            guard let reference = form.text("reference") else {
                return try await batchesPage(request, context, deps, errors: [context.lang.t("请填写国库流水号。", "Enter the treasury reference.")], status: .unprocessableContent)
            }
            guard form["confirm"] == "1" else {
                return try await batchesPage(request, context, deps, errors: [context.lang.t("请先勾选确认国库已拨付。", "Tick the box to confirm the treasury has paid.")], status: .unprocessableContent)
            }
            let r = try await deps.cashout.payBatch(try APIRoutes.recordID(context), reference: reference, by: try context.requireUser())
            guard r.failed.isEmpty else { return try await batchesPage(request, context, deps, errors: r.failed, status: .conflict) }
            return .see("/cashout/batches", flash: context.lang.t("已确认拨付 \(r.paid) 笔\(r.alreadyPaid > 0 ? "（另有 \(r.alreadyPaid) 笔此前已拨付）" : "")。",
                                                      "\(r.paid) payments confirmed\(r.alreadyPaid > 0 ? " (\(r.alreadyPaid) were already paid)" : "")."))
        }
    }

    static func overview(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, form: [String: String] = [:], errors: [String: String] = [:],
                         status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let service = deps.cashout
        let queue = try await service.queue(for: user)
        let overdue = try await service.overdue(for: user)
        let names = try await service.names(queue.prefix(CashoutPage.shown).map(\.uscc) + overdue.prefix(CashoutPage.shown).map(\.application.uscc))
        var model = CashoutPage.Model(tallies: try await service.tallies(), lines: try await service.budgetLines(), queue: queue, overdue: overdue, names: names,
                                      due: service.due, today: deps.today, canManage: AccessPolicy.allows(user.role, .managePolicies),
                                      canPay: AccessPolicy.allows(user.role, .payCashout))
        model.form = form; model.errors = errors
        return .html(CashoutPage.render(model, context.chrome(request)), status: status)
    }

    static func applicationPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                                status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let service = deps.cashout
        let (a, events, files) = try await service.application(try APIRoutes.recordID(context), for: user)
        let policy = try await service.policy(a.policyID).policy
        let name = try await service.names([a.uscc])[a.uscc] ?? a.uscc.code
        var steps = CashoutService.steps(for: a, by: user)
        var approvableAfter: LocalDate?
        if a.status == .inPublication, steps.contains(.approve), case let ends = service.publicationEnds(startedOn: a.statusSince), deps.today <= ends {
            steps.removeAll { $0 == .approve }
            approvableAfter = ends
        }
        return .html(ApplicationPage.render(.init(application: a, policy: policy, firmName: name, events: events, attachments: files, due: service.due(a),
                                                  steps: steps, approvableAfter: approvableAfter, errors: errors,
                                                  actorNames: try await deps.actorNames(events.map(\.actor)),
                                                  declaredYears: try await deps.registry.declarations(of: a.uscc)
                                                      .filter { $0.status == .pending && $0.facts.year == Policy.factYear(a.year) }.map(\.facts.year).sorted()),
                                            context.chrome(request)), status: status)
    }

    static func batchesPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                            status: HTTPResponse.Status) async throws -> Response {
        let (batches, unpaid, awaiting, state) = try await batchList(request, context, deps)
        let shown = Array(batches.dropFirst(state.offset).prefix(state.pageSize))
        return .html(PaymentBatchesPage.render(.init(batches: shown, awaiting: awaiting.count,
                                                     awaitingAmount: awaiting.reduce(Money.zero) { $0 + ($1.amount ?? .zero) }, unpaid: unpaid, errors: errors,
                                                     actorNames: try await deps.actorNames(shown.map(\.createdBy)), state: state),
                                               context.chrome(request)), status: status)
    }

    /// The batches the query selects (progress, created between Beijing days) in its order, with
    /// each batch's payments still to confirm and the approved applications in no batch yet.
    /// A district makes a few batches a month, so the list is filtered in memory.
    static func batchList(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies) async throws
        -> (batches: [PaymentBatchRecord], unpaid: [Int64: Int], awaiting: [CashoutApplication], state: ListState) {
        var q = ListQuery(request)
        let (from, until) = q.beijingDays()
        guard q.problems.isEmpty else { throw AppError.invalid(q.problems.map { Problem(path: "from", message: $0) }) }
        let approved = try await deps.cashout.applications(ApplicationFilter(statuses: [.approved]), for: try context.requireUser())
        var unpaid: [Int64: Int] = [:]
        for a in approved { if let b = a.batchID { unpaid[b, default: 0] += 1 } }
        let progress = PaymentBatchesPage.Progress(rawValue: q.text("progress"))
        var batches = try await deps.cashout.batches().filter { b in
            (from.map { b.createdAt >= $0 } ?? true) && (until.map { b.createdAt < $0 } ?? true)
                && (progress.map { ($0 == .open) == ((unpaid[b.id] ?? 0) > 0) } ?? true)
        }
        let sort = ["oldest", "total"].contains(q.text("sort")) ? q.text("sort") : "newest"
        switch sort {
        case "oldest": batches.sort { $0.id < $1.id }
        case "total": batches.sort { ($0.total, $0.id) > ($1.total, $1.id) }
        default: batches.sort { $0.id > $1.id }
        }
        let state = ListState(path: "/cashout/batches", filters: [("progress", progress?.rawValue ?? ""), ("from", q.text("from")), ("to", q.text("to"))],
                              sort: sort, defaultSort: "newest", page: q.page, total: batches.count)
        return (batches, unpaid, approved.filter { $0.batchID == nil }, state)
    }

    static func policyNames(_ deps: AppDependencies) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await deps.cashout.policies().map { ($0.policy.id, $0.policy.name) })
    }

    /// The application list's filter and state from the query.
    static func applicationQuery(_ request: Request) -> (ApplicationFilter, ListState, [String]) {
        var q = ListQuery(request)
        let days = q.beijingDays()
        let status = ApplicationStatus(rawValue: q.text("status"))
        let filter = ApplicationFilter(policyID: q.optional("policy"), statuses: status.map { [$0] }, text: q.optional("q"), townCode: q.optional("town"),
                                       createdFrom: days.from, createdUntil: days.until)
        let sort = ApplicationSort(rawValue: q.text("sort")) ?? .newest
        let state = ListState(path: "/cashout/applications", filters: ["q", "status", "policy", "town", "from", "to"].map { ($0, q.text($0)) },
                              sort: sort.rawValue, defaultSort: ApplicationSort.newest.rawValue, page: q.page, total: 0)
        return (filter, state, q.problems)
    }
}
