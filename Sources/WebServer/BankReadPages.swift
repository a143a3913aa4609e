import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// An enterprise's bank reads as a list of their own (issue 22, item 2): the consents panel
/// shows the latest few and links here. Who may see them is who sees the panel: the enterprise
/// itself, bureau staff within their scope, and auditors.
enum BankReadPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/enterprises/:uscc/bank-reads", .permission(.readEnterprise)) { request, context in
            let (uscc, filter, state) = try await query(request, context, deps)
            let page = try await deps.consents.reads(filter, offset: state.offset, limit: state.pageSize)
            var s = state
            s.total = page.total
            let record = try await deps.registry.record(uscc, historyLimit: 0)
            return .html(BankReadsPage.render(.init(uscc: uscc, name: record.enterprise.name, reads: page.rows, banks: try await banks(deps), state: s,
                                                    actorNames: try await deps.actorNames(page.rows.map(\.officer))), context.chrome(request)))
        }

        routes.add(.get, "/enterprises/:uscc/bank-reads/export", .permission(.readEnterprise)) { request, context in
            let (uscc, filter, state) = try await query(request, context, deps)
            let banks = Dictionary(uniqueKeysWithValues: try await banks(deps).map { ($0.code, $0.name) }), l = context.lang
            let size = 2_000
            return try await Download.streamedWorkbook(ascii: "bank-reads-\(uscc.code).xlsx", chinese: "银行查询记录-\(uscc.code).xlsx", sheet: l.t("查询记录", "Bank reads"),
                                                       header: ConsentPanel.exportHeader(l), audit: "bank-reads:\(uscc.code)",
                                                       detail: state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " "), by: context.user, deps) { (offset: Int?) in
                let page = try await deps.consents.reads(filter, offset: offset ?? 0, limit: size)
                let names = try await deps.actorNames(page.rows.map(\.officer))
                let rows = page.rows.map { ConsentPanel.exportCells($0, bankName: $0.bank.flatMap { banks[$0] } ?? $0.bank ?? "—", actorNames: names, l) }
                return (rows, page.rows.count < size ? nil : (offset ?? 0) + size)
            }
        }
    }

    static func banks(_ deps: AppDependencies) async throws -> [Bank] {
        try await deps.database.read { try await $0.consents.fetchBanks() }
    }

    /// The enterprise (checked against the user's scope and the panel's audience) and the filter
    /// the query names.
    static func query(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies) async throws -> (USCC, AccessFilter, ListState) {
        let user = try context.requireUser()
        let uscc = try EnterprisePages.parseUSCC(context)
        try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
        guard (user.role == .enterprise && user.enterprise == uscc) || user.role.isBureau || user.role == .auditor else {
            try await deps.auditDenial(user, request.uri.path)
            throw AppError.forbidden
        }
        var q = ListQuery(request)
        let (from, until) = q.beijingDays()
        let result = q.text("result")
        if !["", "allowed", "denied"].contains(result) { q.problems.append("结果须为 allowed 或 denied / result is allowed or denied") }
        guard q.problems.isEmpty else { throw AppError.invalid(q.problems.map { Problem(path: "query", message: $0) }) }
        let filter = AccessFilter(uscc: uscc, bank: q.optional("bank"), allowed: result.isEmpty ? nil : result == "allowed", from: from, until: until)
        let state = ListState(path: "/enterprises/\(uscc.code)/bank-reads", filters: [("bank", q.text("bank")), ("result", result), ("from", q.text("from")), ("to", q.text("to"))],
                              sort: "newest", defaultSort: "newest", page: q.page, total: 0)
        return (uscc, filter, state)
    }
}
