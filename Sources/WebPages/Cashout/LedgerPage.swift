import Kernel
import Storage

/// One budget line's ledger, every row as appended.
public enum LedgerPage {
    public static func render(line: BudgetLine, entries: [BudgetEntry], actorNames: [String: String] = [:], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let names: [BudgetEntry.Kind: String] = [.appropriation: l.t("下达预算", "appropriation"), .reserve: l.t("批准预留", "reserve"),
                                                  .release: l.t("释放预留", "release"), .post: l.t("拨付", "payment"), .refund: l.t("追回", "refund")]
        let rows = entries.reversed().html { e in
            let link: HTML = e.applicationID.map { HTML("<a href=\"/cashout/applications/\(Int($0))\">\(Int($0))</a>") } ?? "—"
            return "<tr><td>\(Format.time(e.at))</td><td>\(names[e.kind] ?? e.kind.rawValue)</td><td class=\"num\">\(Format.yuan(e.amount))</td><td>\(link)</td><td>\(Format.actor(e.actor, l, names: actorNames))</td><td>\(e.note)</td></tr>"
        }
        return Layout.page(chrome, title: line.name, """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(line.code) \(line.name)</h1>
            <p>\(l.t("预算", "Appropriated")) \(Format.amount(line.appropriated, l)) · \(l.t("已批未付", "reserved")) \(Format.amount(line.reserved, l)) · \(l.t("已拨付", "spent")) \(Format.amount(line.spent, l)) · \(l.t("可用", "available")) \(Format.amount(line.available, l))</p>
            <p class="muted">\(l.t("台账只追加、不修改、不删除；余额由数据库约束保证不为负。", "The ledger is append-only; database constraints keep every balance at zero or above."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("时间", "At"))</th><th>\(l.t("类型", "Kind"))</th><th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th>
            <th>\(l.t("申请", "Application"))</th><th>\(l.t("操作人", "Actor"))</th><th>\(l.t("备注", "Note"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
    }
}
