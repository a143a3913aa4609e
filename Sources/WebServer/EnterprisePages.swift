import Accounts
import Foundation
import Hummingbird
import Kernel
import Qualification
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// The dashboard, the enterprise list, one enterprise's record and its edit forms, the audit log.
enum EnterprisePages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/", .signedIn) { request, context in
            let user = try context.requireUser()
            if user.role == .enterprise, let uscc = user.enterprise { return .see("/enterprises/\(uscc.code)") }
            guard AccessPolicy.allows(user.role, .viewDashboard) else {
                let l = context.lang
                return .html(Layout.page(context.chrome(request), title: l.t("首页", "Home"), """
                    <div class="panel"><h1>\(l.t("欢迎", "Welcome")), \(user.displayName)</h1>
                    <p>\(l.t("您的工作内容将在相关功能上线后显示在这里。", "Your work will appear here as the features for your role arrive."))</p></div>
                    """))
            }
            let overview = try await deps.directory.overview(asOf: try deps.asOf(request), as: user)
            return .html(DashboardPage.render(overview, context.chrome(request)))
        }

        routes.add(.get, "/enterprises", .permission(.listEnterprises)) { request, context in
            let user = try context.requireUser()
            let q = request.uri.queryParameters
            let query = try EnterpriseQueryParsing.parse(q, asOf: deps.today, pageSizeDefault: 50)
            let page = try await deps.directory.search(query, as: user)
            let state = ListState(path: "/enterprises", filters: EnterpriseListPage.filterNames.map { ($0, (q.get($0) ?? "").trimmingCharacters(in: .whitespaces)) },
                                  sort: query.sort.rawValue, defaultSort: EnterpriseSort.name.rawValue, page: query.offset / max(1, query.limit) + 1,
                                  pageSize: query.limit, total: page.total)
            let model = EnterpriseListPage.Model(page: page, state: state, towns: try await deps.directory.towns(), chains: try await deps.directory.chains(),
                                                 canCreate: AccessPolicy.allows(user.role, .createEnterprise))
            return .html(EnterpriseListPage.render(model, context.chrome(request)))
        }

        routes.add(.get, "/enterprises/export", .permission(.listEnterprises)) { request, context in
            let user = try context.requireUser(), l = context.lang
            let query = try EnterpriseQueryParsing.parse(request.uri.queryParameters, asOf: deps.today, pageSizeDefault: 50)
            let towns = Dictionary(uniqueKeysWithValues: try await deps.directory.towns().map { ($0.code, $0.name) })
            let detail = EnterpriseListPage.filterNames.compactMap { k in request.uri.queryParameters.get(k).flatMap { $0.isEmpty ? nil : "\(k)=\($0)" } }.joined(separator: " ")
            return try await Download.streamedWorkbook(
                ascii: "enterprises.xlsx", chinese: "企业名录.xlsx", sheet: l.t("企业名录", "Enterprises"), header: EnterpriseListPage.header(l), textColumns: [1],
                audit: "enterprises", detail: detail, by: user, deps) { after in
                    let items = try await deps.directory.exportBatch(query, afterUSCC: after, limit: 2_000, as: user)
                    return (items.map { EnterpriseListPage.cells($0, towns: towns, l) }, items.count == 2_000 ? items.last?.enterprise.uscc.code : nil)
                }
        }

        routes.add(.get, "/enterprises/new", .permission(.createEnterprise)) { request, context in
            try await formPage(request, context, deps, isNew: true, values: [:], chains: [], errors: [:])
        }

        routes.add(.post, "/enterprises", .permission(.createEnterprise)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            let (enterprise, errors, values) = EnterpriseForms.enterprise(form, existing: nil)
            guard let enterprise else {
                return try await formPage(request, context, deps, isNew: true, values: values, chains: Set(form.all("chainTags")), errors: errors)
            }
            do {
                try await deps.registry.create(enterprise, actor: user.actorName)
            } catch RegistryError.alreadyExists {
                return try await formPage(request, context, deps, isNew: true, values: values, chains: Set(enterprise.chainTags),
                                          errors: ["uscc": "该企业已登记 / already registered"])
            } catch RegistryError.invalid(let problems) {
                return try await formPage(request, context, deps, isNew: true, values: values, chains: Set(enterprise.chainTags),
                                          errors: Dictionary(problems.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a }))
            }
            return .see("/enterprises/\(enterprise.uscc.code)", flash: context.lang.t("已登记企业“\(enterprise.name)”。", "Enterprise “\(enterprise.name)” registered."))
        }

        routes.add(.get, "/enterprises/:uscc", .permission(.readEnterprise)) { request, context in
            let uscc = try parseUSCC(context)
            try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
            return try await recordPage(request, context, deps, uscc: uscc, fiscalForm: nil, status: .ok)
        }

        routes.add(.get, "/enterprises/:uscc/edit", .permission(.editEnterprise)) { request, context in
            let uscc = try parseUSCC(context)
            try await deps.authorize(context, .editEnterprise, on: uscc, path: request.uri.path)
            let e = try await deps.registry.record(uscc, historyLimit: 0).enterprise
            let values = ["uscc": e.uscc.code, "name": e.name, "registeredOn": e.registeredOn?.description ?? "", "townCode": e.townCode ?? "",
                          "industryCode": e.industryCode ?? "", "status": e.status.rawValue, "sme": e.sme.map { $0 ? "yes" : "no" } ?? ""]
            return try await formPage(request, context, deps, isNew: false, values: values, chains: Set(e.chainTags), errors: [:])
        }

        routes.add(.post, "/enterprises/:uscc", .permission(.editEnterprise)) { request, context in
            let user = try context.requireUser()
            let uscc = try parseUSCC(context)
            let form = try await Forms.read(request, context)
            try await deps.authorize(context, .editEnterprise, on: uscc, path: request.uri.path)
            let existing = try await deps.registry.record(uscc, historyLimit: 0).enterprise
            let (enterprise, errors, values) = EnterpriseForms.enterprise(form, existing: existing)
            guard let enterprise else {
                return try await formPage(request, context, deps, isNew: false, values: values, chains: Set(form.all("chainTags")), errors: errors)
            }
            do {
                try await deps.registry.update(enterprise, actor: user.actorName, keepTownAndStatus: !user.role.isBureau,
                                               permitted: { AccessPolicy.allows(user, .editEnterprise, on: RecordOwner(uscc: $0.uscc, townCode: $0.townCode)) })
            } catch RegistryError.invalid(let problems) {
                var errors = errors
                for p in problems { errors[p.path] = p.message }
                return try await formPage(request, context, deps, isNew: false, values: values, chains: Set(form.all("chainTags")), errors: errors)
            }
            return .see("/enterprises/\(uscc.code)", flash: context.lang.t("已保存企业信息。", "Enterprise details saved."))
        }

        routes.add(.post, "/enterprises/:uscc/fiscal-years", .permission(.editFiscalFacts)) { request, context in
            let user = try context.requireUser()
            let uscc = try parseUSCC(context)
            let form = try await Forms.read(request, context)
            try await deps.authorize(context, .editFiscalFacts, on: uscc, path: request.uri.path)
            let (facts, fiscalForm) = EnterpriseForms.fiscalYear(form)
            guard let facts else { return try await recordPage(request, context, deps, uscc: uscc, fiscalForm: fiscalForm, status: .unprocessableContent) }
            let l = context.lang
            let message: String
            do {
                if user.role == .enterprise {
                    // A firm's figures wait for a reviewer; they never replace verified ones (issue 19, item 1).
                    switch try await deps.registry.declareFiscalYear(uscc, facts, evidence: form["evidence"] ?? "", actor: user.actorName) {
                    case .pending: message = l.t("已提交 \(facts.year) 年度数据，待科技局核实后生效。", "Figures for \(facts.year) submitted; they count once the bureau has verified them.")
                    case .matchesVerified: message = l.t("\(facts.year) 年度数据与已核实的一致，无需再核实。", "The figures for \(facts.year) match the verified ones; nothing to verify.")
                    }
                } else {
                    try await deps.registry.putFiscalYear(uscc, facts, source: .staff, actor: user.actorName)
                    message = l.t("已保存 \(facts.year) 年度数据。", "Figures for \(facts.year) saved.")
                }
            } catch RegistryError.invalid(let problems) {
                var f = fiscalForm
                for p in problems { f.errors[p.path] = p.message }
                return try await recordPage(request, context, deps, uscc: uscc, fiscalForm: f, status: .unprocessableContent)
            }
            return .see("/enterprises/\(uscc.code)#fy-h", flash: message)
        }

        routes.add(.post, "/enterprises/:uscc/consents", .permission(.grantConsent)) { request, context in
            let user = try context.requireUser()
            let uscc = try parseUSCC(context)
            guard user.enterprise == uscc else { throw AppError.forbidden }
            let form = try await Forms.read(request, context)
            guard let to = form["validTo"].flatMap(LocalDate.init) else { throw AppError.invalid([Problem(path: "validTo", message: "expected YYYY-MM-DD")]) }
            let scopes = form.all("scopes").compactMap(Consent.Scope.init(rawValue:))
            _ = try await deps.consents.grant(uscc, bank: form["bank"] ?? "", scopes: Set(scopes), purpose: form["purpose"] ?? "",
                                             validFrom: nil, validTo: to, actor: user.actorName)
            return .see("/enterprises/\(uscc.code)#consent-h", flash: context.lang.t("已授权，有效期至 \(to)。", "Consent granted until \(to)."))
        }

        routes.add(.post, "/enterprises/:uscc/consents/:id/revoke", .permission(.grantConsent)) { request, context in
            let user = try context.requireUser()
            let uscc = try parseUSCC(context)
            guard user.enterprise == uscc else { throw AppError.forbidden }
            let form = try await Forms.read(request, context)
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("授权 / consent") }
            _ = try await deps.consents.revoke(id, of: uscc, actor: user.actorName)
            return .see("/enterprises/\(uscc.code)#consent-h", flash: context.lang.t("已撤销授权，银行自即刻起不能再查阅。", "Consent revoked: the bank can no longer read your data."))
        }
    }

    static func parseUSCC(_ context: AppRequestContext) throws -> USCC {
        let raw = context.parameters.get("uscc") ?? ""
        do { return try USCC(raw) } catch { throw AppError(.notFound, "not_found", "无效的统一社会信用代码 / invalid USCC: \(error.description)") }
    }

    static func recordPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, uscc: USCC,
                           fiscalForm: FiscalYearForm?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let record = try await deps.registry.record(uscc)
        let owner = RecordOwner(uscc: uscc, townCode: record.enterprise.townCode)
        let towns = try await deps.directory.towns()
        let asOf = try deps.asOf(request)
        var panel: QualificationPanel.Model?
        if let (facts, evaluation) = try await deps.qualifications.evaluate(uscc, asOf: asOf) {
            panel = QualificationPanel.Model(evaluation: evaluation, asOf: asOf, evaluationYear: facts.evaluationYear,
                                             changes: try await deps.qualifications.changes(uscc, limit: 20))
        }
        var model = EnterpriseRecordPage.Model(
            record: record, townName: towns.first { $0.code == record.enterprise.townCode }?.name,
            chains: try await deps.directory.chains(), today: asOf,
            canEdit: AccessPolicy.allows(user, .editEnterprise, on: owner),
            canEditFacts: AccessPolicy.allows(user, .editFiscalFacts, on: owner), fiscalForm: fiscalForm, qualification: panel,
            reminders: try await deps.reminders.reminders(uscc, limit: 10),
            points: try await deps.points.explain(uscc),
            consents: try await consentPanel(user, uscc, deps),
            declarations: try await deps.registry.declarations(of: uscc), declares: user.role == .enterprise,
            canVerify: AccessPolicy.allows(user, .verifyFacts, on: owner))
        model.actorNames = try await deps.actorNames(record.history.map(\.actor))
        return .html(EnterpriseRecordPage.render(model, context.chrome(request)), status: status)
    }

    /// The consents panel: its enterprise manages it; bureau staff and auditors see it (with
    /// the log) to answer questions; nobody else.
    static func consentPanel(_ user: User, _ uscc: USCC, _ deps: AppDependencies) async throws -> ConsentPanel.Model? {
        let owns = user.role == .enterprise && user.enterprise == uscc
        guard owns || user.role.isBureau || user.role == .auditor else { return nil }
        let (consents, log, reads) = try await deps.consents.consents(of: uscc)
        let banks = try await deps.database.read { try await $0.consents.fetchBanks() }
        return ConsentPanel.Model(uscc: uscc, consents: consents, log: log, reads: reads, banks: banks, today: deps.today, canManage: owns,
                                  actorNames: try await deps.actorNames(log.map(\.officer)))
    }

    static func formPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, isNew: Bool,
                         values: [String: String], chains: Set<String>, errors: [String: String]) async throws -> Response {
        let user = try context.requireUser()
        let model = EnterpriseFormPage.Model(isNew: isNew, values: values, chainTags: chains, errors: errors,
                                             towns: try await deps.directory.towns(), chains: try await deps.directory.chains(),
                                             canChangeTown: user.role.isBureau)
        return .html(EnterpriseFormPage.render(model, context.chrome(request)), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// The list filters, shared by the page and the API so both read them the same way.
enum EnterpriseQueryParsing {
    static func parse(_ q: Parameters, asOf: LocalDate, pageSizeDefault: Int) throws -> EnterpriseQuery {
        var problems: [Problem] = []
        func nonEmpty(_ k: String) -> String? { q.get(k).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        var designation: DesignationKind?
        if let d = nonEmpty("designation") {
            designation = DesignationKind(rawValue: d)
            if designation == nil { problems.append(Problem(path: "designation", message: "unknown designation '\(d)'")) }
        }
        func int(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int {
            guard let t = nonEmpty(key) else { return fallback }
            guard let n = Int(t), range.contains(n) else { problems.append(Problem(path: key, message: "must be a whole number in \(range)")); return fallback }
            return n
        }
        let pageSize = int("pageSize", 1...200, pageSizeDefault)
        let offset = nonEmpty("page") != nil ? (int("page", 1...1_000_000, 1) - 1) * pageSize : int("offset", 0...100_000_000, 0)
        if let text = nonEmpty("q"), text.count > 100 { problems.append(Problem(path: "q", message: "at most 100 characters")) }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return EnterpriseQuery(text: nonEmpty("q"), townCode: nonEmpty("town"), industryPrefix: nonEmpty("industry")?.uppercased(),
                               chain: nonEmpty("chain"), designation: designation, asOf: asOf, scope: .none, offset: offset, limit: pageSize,
                               sort: nonEmpty("sort").flatMap(EnterpriseSort.init(rawValue:)) ?? .name)
    }
}
