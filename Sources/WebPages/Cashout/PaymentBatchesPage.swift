import Kernel
import Storage

/// Payment batches: make one from the approved applications, download its treasury file, and
/// mark it paid with the treasury's reference. Both moves of money ask the clerk to tick a box
/// that states the count and the amount, so nothing is paid on a stray click.
public enum PaymentBatchesPage {
    public struct Model: Sendable {
        public var batches: [PaymentBatchRecord]
        /// Approved applications in no batch yet, and their sum.
        public var awaiting: Int
        public var awaitingAmount: Money
        /// Per batch, its applications still approved and not yet marked paid.
        public var unpaid: [Int64: Int]
        public var errors: [String]
        public var actorNames: [String: String]
        /// The filters, sort and page of the list; `batches` holds the page shown.
        public var state: ListState
        public init(batches: [PaymentBatchRecord], awaiting: Int, awaitingAmount: Money, unpaid: [Int64: Int], errors: [String], actorNames: [String: String] = [:],
                    state: ListState) {
            self.batches = batches; self.awaiting = awaiting; self.awaitingAmount = awaitingAmount; self.unpaid = unpaid; self.errors = errors
            self.actorNames = actorNames; self.state = state
        }
    }

    /// Which batches the list shows: those with payments still to confirm, or those all paid.
    public enum Progress: String, Sendable, CaseIterable {
        case open, paid
        func name(_ l: Lang) -> String { self == .open ? l.t("待确认拨付", "awaiting payment") : l.t("已全部拨付", "all paid") }
    }

    /// The export's columns, in the page's language.
    public static func header(_ l: Lang) -> [String] {
        [l.t("批次", "Batch"), l.t("生成时间（北京时间）", "Created (Beijing time)"), l.t("生成人", "By"), l.t("笔数", "Count"), l.t("合计（元）", "Total (yuan)"),
         l.t("待确认拨付笔数", "Awaiting payment"), l.t("文件摘要（SHA-256）", "File digest (SHA-256)")]
    }

    public static func cells(_ b: PaymentBatchRecord, unpaid: Int, _ l: Lang, actorNames: [String: String]) -> [String] {
        [String(b.id), Format.time(b.createdAt), Format.actor(b.createdBy, l, names: actorNames), String(b.count), Format.yuan(b.total), String(unpaid), b.digest]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let rows = m.batches.html { b in
            let open = m.unpaid[b.id] ?? 0
            let pay: HTML = open == 0 ? HTML("<span class=\"tag valid\">\(l.t("已全部拨付", "all paid"))</span>") : HTML("""
                <form method="post" action="/cashout/batches/\(Int(b.id))/pay" class="inline">\(chrome.csrfField)
                <input name="reference" required maxlength="40" placeholder="\(l.t("国库流水号", "treasury reference"))" aria-label="\(l.t("国库流水号", "treasury reference"))">
                <label class="check"><input type="checkbox" name="confirm" value="1" required> \(l.t("国库已拨付 \(open) 笔", "the treasury has paid \(open)"))</label>
                <button type="submit">\(l.t("确认拨付", "Mark paid"))</button></form>
                """)
            return """
            <tr><td class="num">\(Int(b.id))</td><td>\(Format.time(b.createdAt))</td><td>\(Format.actor(b.createdBy, l, names: m.actorNames))</td><td class="num">\(b.count)</td><td class="num">\(Format.yuan(b.total))</td>
            <td><code title="SHA-256">\(String(b.digest.prefix(16)))…</code></td>
            <td><a href="/cashout/batches/\(Int(b.id))/file?format=xlsx">Excel</a> · <a href="/cashout/batches/\(Int(b.id))/file?format=csv">CSV</a></td>
            <td>\(pay)</td></tr>
            """
        }
        let create: HTML = m.awaiting == 0
            ? HTML("<p class=\"muted\">\(l.t("暂无已批准、待生成批次的申请。申请经批准后会出现在这里。", "No approved application waits for a batch; approved applications appear here."))</p>")
            : HTML("""
                <form method="post" action="/cashout/batches">\(chrome.csrfField)
                <label class="check"><input type="checkbox" name="confirm" value="1" required> \(l.t("我已核对：\(m.awaiting) 笔已批准申请，合计 \(Format.yuan(m.awaitingAmount)) 元",
                                                                                                   "I have checked: \(m.awaiting) approved applications, \(Format.yuan(m.awaitingAmount)) yuan in all"))</label>
                <button type="submit">\(l.t("生成拨付批次", "Create the payment batch"))</button></form>
                """)
        return Layout.page(chrome, title: l.t("拨付批次", "Payment batches"), """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(l.t("拨付批次", "Payment batches"))</h1>\(Layout.errors(m.errors, l))
            \(create)
            <p class="muted">\(l.t("每笔拨付单独提交：中断后再次确认会跳过已拨付的申请，不会重复拨付。", "Each payment commits on its own: confirming again after an interruption skips what was paid; nothing is paid twice."))</p>
            <form method="get" action="/cashout/batches" class="filters">
            \(ListControls.select("progress", label: l.t("拨付进度", "Progress"), selected: s.value("progress"), options: Progress.allCases.map { ($0.rawValue, $0.name(l)) }, any: l.t("全部", "All")))
            \(ListControls.dateRange(s, from: l.t("生成日期自", "Created from"), to: l.t("至", "to")))
            \(ListControls.formActions(s, export: "/cashout/batches/export", l))</form>
            \(m.batches.isEmpty ? HTML("<p class=\"muted\">\(s.filters.isEmpty ? l.t("尚无拨付批次。", "No batch yet.") : l.t("没有符合条件的批次。", "No batch matches."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("批次", "Batch"), key: "newest", reverse: "oldest", numeric: true))<th>\(l.t("生成时间", "Created"))</th><th>\(l.t("生成人", "By"))</th>
            <th class="num">\(l.t("笔数", "Count"))</th>\(ListControls.header(s, l.t("合计（元）", "Total (yuan)"), key: "total", descending: true, numeric: true))<th>\(l.t("摘要", "Digest"))</th><th>\(l.t("文件", "File"))</th><th>\(l.t("拨付", "Payment"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))\(ListControls.pager(s, l, unit: ("批", "batches")))
            """)
    }
}
