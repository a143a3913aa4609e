import Accounts
import Kernel
import Storage

/// Every bank read of one enterprise's data (查询记录), paged, filtered by bank, result and
/// days, and exported: the firm answers "who looked at us" and the bureau answers a complaint
/// without reading the database.
public enum BankReadsPage {
    public struct Model: Sendable {
        public var uscc: USCC
        public var name: String
        public var reads: [BankAccess]
        public var banks: [Bank]
        public var state: ListState
        public var actorNames: [String: String]
        public init(uscc: USCC, name: String, reads: [BankAccess], banks: [Bank], state: ListState, actorNames: [String: String]) {
            self.uscc = uscc; self.name = name; self.reads = reads; self.banks = banks; self.state = state; self.actorNames = actorNames
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let bankName = { (code: String?) in code.flatMap { c in m.banks.first { $0.code == c }?.name } ?? code ?? "—" }
        let rows = m.reads.html { ConsentPanel.readRow($0, bankName: bankName, actorNames: m.actorNames, l) }
        let results = [("allowed", l.t("已提供", "provided")), ("denied", l.t("已拒绝", "denied"))]
        return Layout.page(chrome, title: l.t("银行查询记录", "Bank reads"), """
            <p><a href="/enterprises/\(m.uscc.code)#consent-h">← \(m.name)</a></p>
            <h1>\(l.t("银行查询记录", "Bank reads")) · \(m.name)</h1>
            <p class="muted">\(l.t("银行每次查看本企业数据都记录在此，无论是否获准。", "Every time a bank looked at this enterprise's data, allowed or not."))</p>
            <form method="get" action="/enterprises/\(m.uscc.code)/bank-reads" class="filters">
            \(ListControls.select("bank", label: l.t("银行", "Bank"), selected: s.value("bank"), options: m.banks.map { ($0.code, $0.name) }, any: l.t("全部", "All")))
            \(ListControls.select("result", label: l.t("结果", "Result"), selected: s.value("result"), options: results, any: l.t("全部", "All")))
            \(ListControls.dateRange(s, from: l.t("查询日期自", "From"), to: l.t("至", "to")))
            \(ListControls.formActions(s, export: "/enterprises/\(m.uscc.code)/bank-reads/export", l))</form>
            \(m.reads.isEmpty ? HTML("<p class=\"muted\">\(s.filters.isEmpty ? l.t("暂无银行查询。", "No bank has looked yet.") : l.t("没有符合条件的查询记录。", "No read matches."))</p>") : HTML("""
            <div class="table-wrap"><table><thead>\(ConsentPanel.readHeader(l))</thead><tbody>\(rows)</tbody></table></div>
            """))\(ListControls.pager(s, l))
            """)
    }
}
