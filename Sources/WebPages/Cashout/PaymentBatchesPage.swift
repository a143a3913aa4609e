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
        public init(batches: [PaymentBatchRecord], awaiting: Int, awaitingAmount: Money, unpaid: [Int64: Int], errors: [String], actorNames: [String: String] = [:]) {
            self.batches = batches; self.awaiting = awaiting; self.awaitingAmount = awaitingAmount; self.unpaid = unpaid; self.errors = errors
            self.actorNames = actorNames
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
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
            \(m.batches.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无拨付批次。", "No batch yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("批次", "Batch"))</th><th>\(l.t("生成时间", "Created"))</th><th>\(l.t("生成人", "By"))</th>
            <th class="num">\(l.t("笔数", "Count"))</th><th class="num">\(l.t("合计（元）", "Total (yuan)"))</th><th>\(l.t("摘要", "Digest"))</th><th>\(l.t("文件", "File"))</th><th>\(l.t("拨付", "Payment"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))
            """)
    }
}
