import Accounts
import Foundation
import Storage

/// The audit log as a list a bureau can search (issue 22, item 2): by person, role, action,
/// object and a span of days; 50 rows a page; sorted by time, person, action or object; the
/// filtered rows exported whole.
public enum AuditPage {
    public struct Model: Sendable {
        public var entries: [ChainedAuditEntry]
        public var state: ListState
        public var chainCheck: ChainCheck?
        /// Enterprise names by USCC, for the objects on this page.
        public var enterpriseNames: [String: String]
        public var problems: [String]
        /// Display names by actor (`user:admin` → 王科长).
        public var actorNames: [String: String]
        public init(entries: [ChainedAuditEntry], state: ListState, chainCheck: ChainCheck?, enterpriseNames: [String: String], actorNames: [String: String] = [:],
                    problems: [String] = []) {
            self.entries = entries; self.state = state; self.chainCheck = chainCheck; self.enterpriseNames = enterpriseNames; self.actorNames = actorNames
            self.problems = problems
        }
    }

    public static let sorts = ["newest", "oldest", "actor", "action", "subject"]

    /// What the page knows of the hash chain: the cheap head check every view makes, or the
    /// walk over every row when asked.
    public enum ChainCheck: Sendable { case headConsistent, verified(entries: Int), broken }

    /// One row as the page and the export show it: 序号, 时间, 操作人, 角色, 动作, 对象, 详情, 哈希, 来源地址.
    public static func cells(_ e: ChainedAuditEntry, _ l: Lang, names: [String: String], actors: [String: String] = [:]) -> [String] {
        let role = Role(rawValue: e.entry.role).map(l.role) ?? e.entry.role
        return [String(e.id), Format.time(e.entry.at), Format.actor(e.entry.actor, l, names: actors), role, AuditNames.action(e.entry.action, l),
                AuditNames.object(e.entry.subject, l, names: names), AuditNames.detail(e.entry.detail, l), e.hash, e.entry.address]
    }

    public static func header(_ l: Lang) -> [String] {
        [l.t("序号", "No."), l.t("时间（北京时间）", "When (Beijing time)"), l.t("操作人", "Actor"), l.t("角色", "Role"), l.t("动作", "Action"),
         l.t("对象", "Object"), l.t("详情", "Detail"), l.t("哈希", "Hash"), l.t("来源地址", "Client address")]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let rows = m.entries.html { e in
            let c = cells(e, l, names: m.enterpriseNames, actors: m.actorNames)
            let digest: HTML = e.entry.after.isEmpty ? .empty
                : HTML("<div class=\"muted\">\(e.entry.before.isEmpty ? "" : String(e.entry.before.prefix(8)) + " → ")\(String(e.entry.after.prefix(8)))</div>")
            return "<tr><td class=\"num\">\(c[0])</td><td>\(c[1])</td><td>\(c[2])<div class=\"muted\">\(c[3])\(c[8].isEmpty ? "" : " · " + c[8])</div></td><td>\(c[4])</td><td>\(c[5])</td><td>\(c[6])\(digest)</td><td><code title=\"\(e.hash)\">\(String(e.hash.prefix(10)))</code></td></tr>"
        }
        let status: HTML
        switch m.chainCheck {
        case .verified(let n)?: status = HTML("<p class=\"notice\">\(l.t("已逐条校验 \(Format.count(n)) 条记录，哈希链完整。", "All \(Format.count(n)) entries verified: the hash chain is intact."))</p>")
        case .headConsistent?: status = HTML("<p class=\"muted\">\(l.t("链头与最新记录一致。", "The chain's head matches the newest entry.")) <a href=\"/audit?verify=1\">\(l.t("逐条校验哈希链", "Verify every entry"))</a></p>")
        case .broken?: status = HTML("<p class=\"problems\" role=\"alert\">\(l.t("哈希链已断开！", "The hash chain is broken!"))</p>")
        case nil: status = .empty
        }
        let roles = Role.allCases.map { ($0.rawValue, l.role($0)) }
        let table: HTML = m.entries.isEmpty
            ? HTML("<div class=\"panel\"><p>\(l.t("没有符合条件的记录。", "No entry matches these filters."))</p><p class=\"muted\">\(l.t("试试放宽日期范围或清除筛选条件。", "Try a wider span of days or clear the filters."))</p></div>")
            : HTML("""
                <div class="table-wrap"><table><thead><tr><th class="num">#</th>
                \(ListControls.header(s, l.t("时间（北京时间）", "When (Beijing time)"), key: "newest", reverse: "oldest"))
                \(ListControls.header(s, l.t("操作人", "Actor"), key: "actor"))\(ListControls.header(s, l.t("动作", "Action"), key: "action"))
                \(ListControls.header(s, l.t("对象", "Object"), key: "subject"))<th>\(l.t("详情", "Detail"))</th><th>\(l.t("哈希", "Hash"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
        return Layout.page(chrome, title: l.t("审计日志", "Audit log"), """
            <h1>\(l.t("审计日志", "Audit log"))</h1>\(status)\(Layout.errors(m.problems, l))
            <form class="filters" method="get" action="/audit" role="search">
            <label>\(l.t("操作人（用户名）", "Actor (user name)"))<input name="actor" value="\(s.value("actor"))" size="12"></label>
            \(ListControls.select("role", label: l.t("角色", "Role"), selected: s.value("role"), options: roles, any: l.t("全部", "All")))
            \(ListControls.select("action", label: l.t("动作", "Action"), selected: s.value("action"), options: AuditNames.actionChoices(l), any: l.t("全部", "All")))
            <label>\(l.t("对象（代码或编号）", "Object (code or number)"))<input name="subject" value="\(s.value("subject"))" size="14"></label>
            \(ListControls.dateRange(s, from: l.t("起始日期", "From"), to: l.t("截止日期", "To")))
            \(ListControls.formActions(s, export: "/audit/export", l))
            </form>
            \(ListControls.pager(s, l))
            \(table)
            \(m.entries.isEmpty ? HTML.empty : ListControls.pager(s, l))
            """)
    }
}
