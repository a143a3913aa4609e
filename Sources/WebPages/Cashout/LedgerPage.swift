import Kernel
import Storage

/// One budget line's ledger, newest first, by page, with its balances; exported whole.
public enum LedgerPage {
    public static func kindNames(_ l: Lang) -> [BudgetEntry.Kind: String] {
        [.appropriation: l.t("下达预算", "appropriation"), .reserve: l.t("批准预留", "reserve"),
         .release: l.t("释放预留", "release"), .post: l.t("拨付", "payment"), .refund: l.t("追回", "refund")]
    }

    public static func header(_ l: Lang) -> [String] {
        [l.t("时间（北京时间）", "At (Beijing time)"), l.t("类型", "Kind"), l.t("金额（元）", "Amount (yuan)"), l.t("申请编号", "Application"),
         l.t("操作人", "Actor"), l.t("备注", "Note")]
    }

    public static func cells(_ e: BudgetEntry, _ l: Lang, actorNames: [String: String]) -> [String] {
        [Format.time(e.at), kindNames(l)[e.kind] ?? e.kind.rawValue, Format.yuan(e.amount), e.applicationID.map { String($0) } ?? "",
         Format.actor(e.actor, l, names: actorNames), e.note]
    }

    /// `entries` is this page of the line's entries, newest first.
    public static func render(line: BudgetLine, entries: [BudgetEntry], state: ListState, actorNames: [String: String] = [:], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let rows = entries.html { e in
            let c = cells(e, l, actorNames: actorNames)
            let link: HTML = e.applicationID.map { HTML("<a href=\"/cashout/applications/\(Int($0))\">\(Int($0))</a>") } ?? "—"
            return "<tr><td>\(c[0])</td><td>\(c[1])</td><td class=\"num\">\(c[2])</td><td>\(link)</td><td>\(c[4])</td><td>\(c[5])</td></tr>"
        }
        return Layout.page(chrome, title: line.name, """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(line.code) \(line.name)</h1>
            <p>\(l.t("预算", "Appropriated")) \(Format.amount(line.appropriated, l)) · \(l.t("已批未付", "reserved")) \(Format.amount(line.reserved, l)) · \(l.t("已拨付", "spent")) \(Format.amount(line.spent, l)) · \(l.t("可用", "available")) \(Format.amount(line.available, l))</p>
            <p class="muted">\(l.t("台账只追加、不修改、不删除；余额由数据库约束保证不为负。", "The ledger is append-only; database constraints keep every balance at zero or above."))</p>
            <p>\(ListControls.export(state, path: "/cashout/ledger/\(line.code)/export", l))</p>
            \(ListControls.pager(state, l))
            <div class="table-wrap"><table><thead><tr><th>\(l.t("时间", "At"))</th><th>\(l.t("类型", "Kind"))</th><th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th>
            <th>\(l.t("申请", "Application"))</th><th>\(l.t("操作人", "Actor"))</th><th>\(l.t("备注", "Note"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(ListControls.pager(state, l))
            """)
    }
}
