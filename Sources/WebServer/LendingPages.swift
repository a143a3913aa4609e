import Accounts
import Foundation
import Hummingbird
import InnovationPoints
import Kernel
import Registry
import Lending
import Services
import Storage
import StorageSQL
import WebPages

/// The loan register, the bank officer's workspace and the white list as pages.
enum LendingPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/loans", .permission(.viewLoans)) { request, context in
            var filter = try LendingAPI.filter(request, deps)
            filter.to = filter.to ?? deps.defaultAsOf
            let summary = try await deps.loans.summary(from: filter.from, to: filter.to!)
            let (loans, state) = try await loanList(request, filter, deps)
            let shown = Array(loans.dropFirst(state.offset).prefix(state.pageSize))
            return .html(LoanRegisterPage.render(.init(filter: filter, summary: summary, loans: shown, state: state, names: try await names(of: shown.map(\.uscc), deps)),
                                                 context.chrome(request)))
        }

        routes.add(.get, "/loans/export", .permission(.viewLoans)) { request, context in
            var filter = try LendingAPI.filter(request, deps)
            filter.to = filter.to ?? deps.defaultAsOf
            let (loans, state) = try await loanList(request, filter, deps)
            let names = try await names(of: loans.map(\.uscc), deps), l = context.lang
            let banks = Dictionary(uniqueKeysWithValues: try await deps.database.read { try await $0.consents.fetchBanks() }.map { ($0.code, $0.name) })
            let rows = loans.map { LoanRegisterPage.cells($0, name: names[$0.uscc], bank: banks[$0.bank], l) }
            return try await Download.streamedWorkbook(ascii: "loans.xlsx", chinese: "贷款台账.xlsx", sheet: l.t("贷款台账", "Loans"), header: LoanRegisterPage.header(l),
                                                       textColumns: [2], audit: "loans", detail: state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "),
                                                       by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.get, "/bank", .permission(.reportLoans)) { request, context in
            let user = try context.requireUser()
            let q = ListQuery(request)
            let text = q.text("q"), upper = text.uppercased()
            let consents = try await deps.consents.consenting(officer: user)
            let names = try await names(of: consents.map(\.uscc), deps)
            // The newest live consent per firm, by name: listing reads nothing of theirs.
            var seen = Set<USCC>()
            let rows = consents.filter { seen.insert($0.uscc).inserted }.map { BankPage.Row(consent: $0, name: names[$0.uscc] ?? $0.uscc.code) }
                .filter { text.isEmpty || $0.name.contains(text) || $0.consent.uscc.code.hasPrefix(upper) }
                .sorted { ($0.name, $0.consent.uscc.code) < ($1.name, $1.consent.uscc.code) }
            let state = ListState(path: "/bank", filters: [("q", text)], sort: "name", defaultSort: "name", page: q.page, total: rows.count)
            let loans = user.bank == nil ? 0 : try await deps.loans.loans(LoanFilter(bank: user.bank)).count
            return .html(BankPage.render(.init(bank: try await bankName(user, deps), rows: Array(rows.dropFirst(state.offset).prefix(state.pageSize)), state: state, loans: loans),
                                         context.chrome(request)))
        }

        routes.add(.get, "/bank/firms/:uscc", .permission(.reportLoans)) { request, context in
            try await firmPage(try EnterprisePages.parseUSCC(context), request, context, deps, status: .ok)
        }

        routes.add(.get, "/bank/loans", .permission(.reportLoans)) { request, context in
            let user = try context.requireUser()
            let (loans, state) = try await bankLoans(request, user, deps)
            let shown = Array(loans.dropFirst(state.offset).prefix(state.pageSize))
            return .html(BankLoansPage.render(.init(bank: try await bankName(user, deps), loans: shown, names: try await names(of: shown.map(\.uscc), deps), state: state),
                                              context.chrome(request)))
        }

        routes.add(.get, "/bank/loans/export", .permission(.reportLoans)) { request, context in
            let user = try context.requireUser()
            let (loans, state) = try await bankLoans(request, user, deps)
            let names = try await names(of: loans.map(\.uscc), deps), l = context.lang, bank = try await bankName(user, deps)
            let rows = loans.map { LoanRegisterPage.cells($0, name: names[$0.uscc], bank: bank, l) }
            return try await Download.streamedWorkbook(ascii: "bank-loans.xlsx", chinese: "本行贷款.xlsx", sheet: l.t("本行贷款", "Loans"), header: LoanRegisterPage.header(l),
                                                       textColumns: [2], audit: "bank-loans", detail: state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "),
                                                       by: context.user, deps) { (_: Int?) in (rows, nil) }
        }

        routes.add(.post, "/bank/loans", .permission(.reportLoans)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let uscc = try? USCC(form["uscc"] ?? "") else { throw AppError.invalid([Problem(path: "uscc", message: "统一社会信用代码无效 / the credit code is invalid")]) }
            let typed = Dictionary(uniqueKeysWithValues: ["product", "amount", "drawnOn", "maturesOn", "status"].map { ($0, form.text($0) ?? "") })
            // Each message sits beside its field, so it names the problem, not the field.
            var errors: [String: String] = [:]
            let product = Loan.Product(rawValue: typed["product"] ?? "")
            if product == nil { errors["product"] = "请选择产品 / choose a product" }
            let amount = try? Money(formText: typed["amount"] ?? "")
            if amount == nil { errors["amount"] = (typed["amount"] ?? "").isEmpty ? "必填 / required" : "“\(typed["amount"] ?? "")”不是金额 / not an amount" }
            let drawn = LocalDate(typed["drawnOn"] ?? ""), matures = LocalDate(typed["maturesOn"] ?? "")
            if drawn == nil { errors["drawnOn"] = "须为 YYYY-MM-DD / a date, YYYY-MM-DD" }
            if matures == nil { errors["maturesOn"] = "须为 YYYY-MM-DD / a date, YYYY-MM-DD" }
            let status = Loan.Status(rawValue: typed["status"].flatMap { $0.isEmpty ? nil : $0 } ?? "approved")
            if status == nil { errors["status"] = "请选择状态 / choose a status" }
            guard errors.isEmpty, let product, let amount, let drawn, let matures, let status else {
                return try await firmPage(uscc, request, context, deps, errors: errors, form: typed, status: .unprocessableContent)
            }
            do {
                _ = try await deps.loans.record(uscc: uscc, product: product, amount: amount, drawnOn: drawn, maturesOn: matures, status: status, officer: user)
            } catch let e as LoanError {
                let byField = if case .invalid(let p) = e { Problem.byField(p, fields: typed.keys) } else { ["": e.description] }
                return try await firmPage(uscc, request, context, deps, errors: byField, form: typed, status: ErrorMiddleware.appError(e, context: context).status)
            }
            return .see("/bank/firms/\(uscc.code)", flash: context.lang.t("已登记贷款 \(Format.yuan(amount)) 元。", "Loan of \(Format.yuan(amount)) yuan recorded."))
        }

        routes.add(.post, "/bank/loans/:id/update", .permission(.reportLoans)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            // Only the bank's own loans: another bank's id is not found.
            guard let bank = user.bank, let id = context.parameters.get("id").flatMap(Int64.init),
                  let loan = try await deps.loans.loans(LoanFilter(bank: bank)).first(where: { $0.id == id }) else { throw AppError.notFound("贷款 / loan") }
            guard let status = Loan.Status(rawValue: form["status"] ?? "") else {
                return try await firmPage(loan.uscc, request, context, deps, errors: ["": "请选择状态 / choose a status"], status: .unprocessableContent)
            }
            let overdue: Money
            do { overdue = try form.text("overduePrincipal").map { try Money(formText: $0) } ?? Money(fen: 0) } catch {
                return try await firmPage(loan.uscc, request, context, deps, errors: ["": "逾期本金无效 / the overdue principal is not an amount"], status: .unprocessableContent)
            }
            do {
                _ = try await deps.loans.update(id, status: status, overduePrincipal: overdue, officer: user)
            } catch let e as LoanError {
                return try await firmPage(loan.uscc, request, context, deps, errors: ["": e.description], status: ErrorMiddleware.appError(e, context: context).status)
            }
            return .see("/bank/firms/\(loan.uscc.code)", flash: context.lang.t("已更新贷款状态为“\(status.chineseName)”。", "Loan updated to “\(status.rawValue)”."))
        }

        routes.add(.get, "/whitelist", .permission(.viewLoans)) { request, context in
            try await whiteListPage(request, context, deps, errors: [], status: .ok)
        }

        routes.add(.get, "/whitelist/export", .permission(.viewLoans)) { request, context in
            let format = try Download.format(request)
            guard let list = try await deps.whiteList.latest() else { throw AppError.notFound("白名单 / white list") }
            return try await LendingAPI.whiteListFile(list, format, context, deps)
        }

        routes.add(.post, "/whitelist/publish", .permission(.publishWhiteList)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            var errors: [String] = []
            let asOf = LocalDate(form["asOf"] ?? "")
            if asOf == nil { errors.append("名单日期须为 YYYY-MM-DD / the date must be YYYY-MM-DD") }
            let rd = try? Money(formText: form["rdExpenseAtLeast"] ?? "")
            if (rd?.fen ?? -1) < 0 { errors.append("研发费用门槛无效 / the R&D threshold is not an amount") }
            var best: Int?
            if let text = form["bestList"], !text.isEmpty {
                best = Int(text).flatMap { $0 >= 1 && $0 <= 10 ? $0 - 1 : nil }
                if best == nil { errors.append("榜单档数须为 1–10 / the points lists are a number from 1 to 10") }
            }
            guard errors.isEmpty, let asOf, let rd else { return try await whiteListPage(request, context, deps, errors: errors, status: .unprocessableContent) }
            var rule = WhiteListService.districtRule
            rule.rdExpenseAtLeast = rd; rule.bestPointsList = best
            try await deps.whiteList.publish(rule: rule, asOf: asOf, actor: user.actorName, at: deps.now())
            return .see("/whitelist", flash: context.lang.t("已发布 \(asOf) 的白名单。", "White list for \(asOf) published."))
        }
    }

    /// The filtered loans in the order asked for (newest drawn first by default), and the list's state.
    static func loanList(_ request: Request, _ filter: LoanFilter, _ deps: AppDependencies, path: String = "/loans",
                         filters: [String] = ["from", "to", "product", "bank", "status"]) async throws -> ([Loan], ListState) {
        let q = ListQuery(request)
        var loans = try await deps.loans.loans(filter)
        let sort = ["oldest", "amount"].contains(q.text("sort")) ? q.text("sort") : "newest"
        switch sort {
        case "oldest": loans.sort { ($0.drawnOn, $0.id) < ($1.drawnOn, $1.id) }
        case "amount": loans.sort { ($0.amount, $0.id) > ($1.amount, $1.id) }
        default: loans.sort { ($0.drawnOn, $0.id) > ($1.drawnOn, $1.id) }
        }
        let state = ListState(path: path, filters: filters.map { ($0, q.text($0)) }, sort: sort, defaultSort: "newest",
                              page: q.page, total: loans.count)
        return (loans, state)
    }

    static func names(of usccs: [USCC], _ deps: AppDependencies) async throws -> [USCC: String] {
        let found = try await deps.database.read { try await $0.registry.fetchEnterprises(Array(Set(usccs))) }
        return found.mapValues(\.name)
    }

    static func bankName(_ user: User, _ deps: AppDependencies) async throws -> String {
        try await deps.database.read { try await $0.consents.fetchBanks() }.first { $0.code == user.bank }?.name ?? user.bank ?? "—"
    }

    /// The bank's loans the query selects (status), in its order. Only bank officers reach it, and
    /// every bank officer belongs to a bank.
    static func bankLoans(_ request: Request, _ user: User, _ deps: AppDependencies) async throws -> ([Loan], ListState) {
        guard let bank = user.bank else { throw AppError.forbidden }
        let text = ListQuery(request).text("status")
        guard text.isEmpty || Loan.Status(rawValue: text) != nil else { throw AppError.invalid([Problem(path: "status", message: "未知的状态 / unknown status")]) }
        return try await loanList(request, LoanFilter(bank: bank, status: Loan.Status(rawValue: text)), deps, path: "/bank/loans", filters: ["status"])
    }

    /// One consenting firm as the bank sees it: one logged read of what its consent grants.
    static func firmPage(_ uscc: USCC, _ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String] = [:],
                         form: [String: String] = [:], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let read = try await deps.consents.readFirm(uscc, officer: user, registry: deps.registry, fiscalYears: BankAPI.fiscalYearsShown)
        let loans = try await deps.loans.loans(LoanFilter(bank: user.bank ?? "", uscc: uscc)).sorted { ($0.drawnOn, $0.id) > ($1.drawnOn, $1.id) }
        return .html(BankFirmPage.render(.init(uscc: uscc, name: read.name, consent: read.consent, points: read.points,
                                               designations: read.designations, fiscal: read.fiscal, loans: loans, today: deps.defaultAsOf,
                                               errors: errors, form: form), context.chrome(request)), status: status)
    }

    static func whiteListPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String],
                              status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let list = try await deps.whiteList.latest()
        return .html(WhiteListPage.render(.init(list: list, canPublish: AccessPolicy.allows(user.role, .publishWhiteList), asOf: deps.defaultAsOf, errors: errors,
                                                page: ListQuery(request).page, actorNames: try await deps.actorNames(list.map { [$0.actor] } ?? [])),
                                          context.chrome(request)), status: status)
    }
}
