import Kernel
import Storage

/// Payment batches: make one from the approved applications, download its treasury file, and
/// mark it paid with the treasury's reference.
public enum PaymentBatchesPage {
    public static func render(batches: [PaymentBatchRecord], awaiting: Int, errors: [String], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let rows = batches.html { b in
            """
            <tr><td class="num">\(Int(b.id))</td><td>\(Format.time(b.createdAt))</td><td>\(Format.actor(b.createdBy, l))</td><td class="num">\(b.count)</td><td class="num">\(Format.yuan(b.total))</td>
            <td><code title="SHA-256">\(String(b.digest.prefix(16)))…</code></td>
            <td><a href="/cashout/batches/\(Int(b.id))/file?format=xlsx">Excel</a> · <a href="/cashout/batches/\(Int(b.id))/file?format=csv">CSV</a></td>
            <td><form method="post" action="/cashout/batches/\(Int(b.id))/pay" class="inline">\(chrome.csrfField)
            <input name="reference" required maxlength="40" placeholder="\(l.t("国库流水号", "treasury reference"))" aria-label="\(l.t("国库流水号", "treasury reference"))">
            <button type="submit">\(l.t("确认拨付", "Mark paid"))</button></form></td></tr>
            """
        }
        let errorPanel = errors.isEmpty ? HTML.empty : HTML("<div class=\"panel error\" role=\"alert\">\(errors.html { "<p>\($0)</p>" })</div>")
        return Layout.page(chrome, title: l.t("拨付批次", "Payment batches"), """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(l.t("拨付批次", "Payment batches"))</h1>\(errorPanel)
            <form method="post" action="/cashout/batches">\(chrome.csrfField)
            <button type="submit"\(awaiting == 0 ? HTML(" disabled") : .empty)>\(l.t("将 \(awaiting) 笔已批准申请生成拨付批次", "Batch the \(awaiting) approved applications"))</button></form>
            <p class="muted">\(l.t("每笔拨付单独提交：中断后再次确认会跳过已拨付的申请，不会重复拨付。", "Each payment commits on its own: confirming again after an interruption skips what was paid; nothing is paid twice."))</p>
            \(batches.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无拨付批次。", "No batch yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("批次", "Batch"))</th><th>\(l.t("生成时间", "Created"))</th><th>\(l.t("生成人", "By"))</th>
            <th class="num">\(l.t("笔数", "Count"))</th><th class="num">\(l.t("合计（元）", "Total (yuan)"))</th><th>\(l.t("摘要", "Digest"))</th><th>\(l.t("文件", "File"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))
            """)
    }
}
