import Accounts
import Kernel
import Storage

extension DemoDistrict {
    /// The lenders of the letter (邮储银行 lends the 创新积分贷, F20) and a second bank.
    public static let banks = [Bank(code: "psbc-tl", name: "中国邮政储蓄银行铜梁区支行"),
                               Bank(code: "cqrcb-tl", name: "重庆农村商业银行铜梁支行")]

    /// Consents of the demo: one firm in forty (and the demo enterprise account's firm) lets
    /// 邮储银行 read its points and breakdown for credit assessment; one in eighty also lets the
    /// second bank read its points. Valid from the letter's date for three years, less a day.
    func consents(at: String) -> [Consent] {
        let from = DemoDistrict.letterDate.adding(days: 1), to = from.adding(years: 3).adding(days: -1)
        var out: [Consent] = []
        for i in stride(from: 0, to: count, by: 40) {
            let uscc = self.uscc(i)
            out.append(Consent(uscc: uscc, bank: "psbc-tl", scopes: [.points, .breakdown], purpose: "创新积分贷授信评估",
                               validFrom: from, validTo: to, grantedAt: at, grantedBy: "demo"))
            if i % 80 == 0 {
                out.append(Consent(uscc: uscc, bank: "cqrcb-tl", scopes: [.points], purpose: "知识价值信用贷款授信",
                                   validFrom: from, validTo: to, grantedAt: at, grantedBy: "demo"))
            }
        }
        return out
    }
}
