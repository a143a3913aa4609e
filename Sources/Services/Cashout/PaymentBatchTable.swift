import Cashout
import Kernel
import Spreadsheet

extension PaymentBatchFile {
    /// The treasury's sheet: a two-row header (Chinese, English), one row per payment, then the
    /// count, the total and the digest the treasury checks against the bureau's record.
    public func table(digest: String) -> SheetTable {
        var rows = [["申请编号", "统一社会信用代码", "企业名称", "政策", "金额（元）", "收款账户"],
                    ["Application", "USCC", "Name", "Policy", "Amount (yuan)", "Bank account"]]
        for l in lines { rows.append([String(l.applicationID), l.uscc.code, l.name, l.policy, l.amount.yuanText, l.bankAccount]) }
        rows.append(["合计 / total", "\(lines.count) 笔 / payments", "", "", total.yuanText, ""])
        rows.append(["批次 / batch", String(batchID), "SHA-256", digest, "", ""])
        return SheetTable(rows: rows)
    }
}
