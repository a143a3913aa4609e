import Storage

public enum AuditPage {
    public static func render(_ entries: [ChainedAuditEntry], chainIntact: Bool?, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let rows = entries.html { e in
            "<tr><td class=\"num\">\(Int(e.id))</td><td>\(Format.time(e.entry.at))</td><td>\(e.entry.actor)\(e.entry.role.isEmpty ? HTML.empty : HTML("<div class=\"muted\">\(e.entry.role)</div>"))</td><td>\(e.entry.action)</td><td>\(e.entry.subject)</td><td>\(e.entry.detail)\(e.entry.after.isEmpty ? HTML.empty : HTML("<div class=\"muted\">\(e.entry.before.isEmpty ? "" : String(e.entry.before.prefix(8)) + " → ")\(String(e.entry.after.prefix(8)))</div>"))</td><td><code title=\"\(e.hash)\">\(String(e.hash.prefix(10)))</code></td></tr>"
        }
        let status: HTML = chainIntact.map { $0 ? HTML("<p class=\"notice\">\(l.t("哈希链完整。", "The hash chain is intact."))</p>")
                                               : HTML("<p class=\"problems\" role=\"alert\">\(l.t("哈希链已断开！", "The hash chain is broken!"))</p>") } ?? .empty
        return Layout.page(chrome, title: l.t("审计日志", "Audit log"), """
            <h1>\(l.t("审计日志", "Audit log"))</h1>\(status)
            <div class="table-wrap"><table><thead><tr><th class="num">#</th><th>\(l.t("时间（北京时间）", "When (Beijing time)"))</th><th>\(l.t("操作人", "Actor"))</th><th>\(l.t("动作", "Action"))</th><th>\(l.t("对象", "Subject"))</th><th>\(l.t("详情", "Detail"))</th><th>\(l.t("哈希", "Hash"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
    }
}
