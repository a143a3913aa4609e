import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// The audit log page and its export (issue 22, item 2).
enum AuditPages {
    static let pageSize = ListState.pageSizeDefault
    static let exportBatch = 2_000

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/audit", .permission(.readAuditLog)) { request, context in
            let l = context.lang
            let (filter, state, problems) = parse(request)
            let (total, entries) = try await deps.database.read {
                try await $0.audit.search(filter, sort: AuditSort(rawValue: state.sort) ?? .newest, offset: state.offset, limit: state.pageSize)
            }
            var shown = state
            shown.total = total
            // The full walk reads every row (seconds at millions); a view checks the head, and the
            // walk runs when asked for.
            let check: AuditPage.ChainCheck
            if request.uri.queryParameters.get("verify") == "1" {
                if case .intact(let n, _) = try await AuditLog.verify(deps.database) { check = .verified(entries: n) } else { check = .broken }
            } else {
                check = try await AuditLog.headProblem(deps.database) == nil ? .headConsistent : .broken
            }
            return .html(AuditPage.render(.init(entries: entries, state: shown, chainCheck: check, enterpriseNames: try await names(entries, deps),
                                                actorNames: try await deps.actorNames(entries.map(\.entry.actor)),
                                                problems: problems.map { l.half($0) }), context.chrome(request)),
                         status: problems.isEmpty ? .ok : .unprocessableContent)
        }

        routes.add(.get, "/audit/export", .permission(.readAuditLog)) { request, context in
            let (filter, state, problems) = parse(request)
            guard problems.isEmpty else { throw AppError.invalid(problems.map { Problem(path: "filter", message: $0) }) }
            let l = context.lang
            let detail = state.filters.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            return try await Download.streamedWorkbook(
                ascii: "audit-log.xlsx", chinese: "审计日志.xlsx", sheet: l.t("审计日志", "Audit log"), header: AuditPage.header(l), textColumns: [7],
                audit: "audit-log", detail: detail, by: context.user, deps) { before in
                    let entries = try await deps.database.read { try await $0.audit.fetch(filter, beforeID: before, limit: exportBatch) }
                    let names = try await names(entries, deps), actors = try await deps.actorNames(entries.map(\.entry.actor))
                    return (entries.map { AuditPage.cells($0, l, names: names, actors: actors) }, entries.count == exportBatch ? entries.last?.id : nil)
                }
        }
    }

    /// The filter, the list's state and what in the query could not be read ("中文 / English").
    static func parse(_ request: Request) -> (AuditFilter, ListState, [String]) {
        var q = ListQuery(request)
        let days = q.beijingDays()
        let filter = AuditFilter(actor: q.optional("actor"), role: Role(rawValue: q.text("role"))?.rawValue, action: q.optional("action"),
                                 subject: q.optional("subject"), from: days.from, until: days.until)
        let sort = AuditSort(rawValue: q.text("sort")) ?? .newest
        let state = ListState(path: "/audit", filters: ["actor", "role", "action", "subject", "from", "to"].map { ($0, q.text($0)) },
                              sort: sort.rawValue, defaultSort: AuditSort.newest.rawValue, page: q.page, pageSize: pageSize, total: 0)
        return (filter, state, q.problems)
    }

    /// Names of the enterprises the rows' objects are, in one query.
    static func names(_ entries: [ChainedAuditEntry], _ deps: AppDependencies) async throws -> [String: String] {
        let codes = Set(entries.compactMap { e -> USCC? in
            guard e.entry.subject.hasPrefix("enterprise:") else { return nil }
            return try? USCC(String(e.entry.subject.dropFirst("enterprise:".count)))
        })
        guard !codes.isEmpty else { return [:] }
        let found = try await deps.database.read { try await $0.registry.fetchEnterprises(Array(codes)) }
        return Dictionary(uniqueKeysWithValues: found.map { ($0.key.code, $0.value.name) })
    }
}
