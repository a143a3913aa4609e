import Cashout
import Foundation
import Kernel
import Registry

/// The policy form's fields read into a policy (issue 22, item 5): conditions, amount rule,
/// frequency, budget line, window, document and article, as a clerk fills them in; amounts as
/// people type them (32万, 1,000,000). What cannot be read is reported by field, in Chinese and
/// English, and the form comes back as it was typed.
enum PolicyForm {
    static let conditionRows = 3

    static func parse(_ form: FormData) -> (policy: Policy?, errors: [String: String]) {
        var errors: [String: String] = [:]
        func text(_ k: String) -> String { (form[k] ?? "").trimmingCharacters(in: .whitespaces) }
        func date(_ k: String, _ zh: String) -> LocalDate? {
            guard let d = LocalDate(text(k)) else { errors[k] = "\(zh)须为日期 / \(zh): a date (YYYY-MM-DD)"; return nil }
            return d
        }
        func money(_ k: String, _ zh: String) -> Money? {
            guard let m = try? Money(formText: text(k)), m.fen >= 0 else { errors[k] = "\(zh)：“\(text(k))”不是金额 / not an amount: \(text(k))"; return nil }
            return m
        }
        let opens = date("opens", "申报开始日"), closes = date("closes", "申报截止日")

        // Conditions: the filled rows, all or any of them.
        var conditions: [Condition] = []
        for i in 0..<conditionRows {
            let k = "cond\(i)"
            switch text(k + ".kind") {
            case "holds":
                guard let d = DesignationKind(rawValue: text(k + ".designation")) else { errors[k + ".designation"] = "请选择资质 / choose a designation"; continue }
                conditions.append(.holds(d))
            case "recognised":
                guard let d = DesignationKind(rawValue: text(k + ".designation")) else { errors[k + ".designation"] = "请选择资质 / choose a designation"; continue }
                conditions.append(.recognisedInYear(d, Condition.Recognition(rawValue: text(k + ".recognition")) ?? .any))
            case "fact":
                guard let f = Condition.Fact(rawValue: text(k + ".fact")) else { errors[k + ".fact"] = "请选择指标 / choose a figure"; continue }
                if let m = money(k + ".atLeast", "门槛") { conditions.append(.factAtLeast(f, atLeast: m)) }
            default: continue
            }
        }
        if conditions.isEmpty && errors.keys.allSatisfy({ !$0.hasPrefix("cond") }) { errors["cond0.kind"] = "至少设一项条件 / at least one condition" }
        let eligibility: Condition = conditions.count == 1 ? conditions[0] : text("combine") == "any" ? .any(conditions) : .all(conditions)

        // The amount rule.
        var amount: AmountRule?
        let base: AmountRule.Base? = text("base") == "declared"
            ? (text("declaredName").isEmpty ? nil : .declared(text("declaredName")))
            : Condition.Fact(rawValue: text("base")).map { .fact($0) }
        switch text("amountKind") {
        case "fixed":
            amount = money("fixed", "定额").map { .fixed($0) }
        case "share":
            if base == nil { errors["base"] = "请选择计算基数（申报额须填名称） / choose the base (a declared base needs its name)" }
            let bp = ExactDecimal.scaled(text("percent").replacingOccurrences(of: "%", with: ""), by: 100, within: 0...100)
            if bp == nil || bp == 0 { errors["percent"] = "比例须为 0.01–100 / a percentage from 0.01 to 100" }
            let cap = money("cap", "上限")
            if let base, let bp, bp > 0, let cap { amount = .share(of: base, basisPoints: Int(bp), cap: cap) }
        case "tiered":
            if base == nil { errors["base"] = "请选择计算基数 / choose the base" }
            var tiers: [AmountRule.Tier] = []
            for (n, line) in text("tiers").split(whereSeparator: \.isNewline).enumerated() {
                let parts = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
                guard parts.count == 2, let floor = try? Money(formText: parts[0]), let pay = try? Money(formText: parts[1]) else {
                    errors["tiers"] = "第 \(n + 1) 行须为“下限，金额” / line \(n + 1): floor, amount"; continue
                }
                tiers.append(AmountRule.Tier(atLeast: floor, amount: pay))
            }
            if tiers.isEmpty && errors["tiers"] == nil { errors["tiers"] = "至少填一档 / at least one tier" }
            if let base, !tiers.isEmpty { amount = .tiered(of: base, tiers: tiers) }
        default: errors["amountKind"] = "请选择金额规则 / choose how the amount is set"
        }

        let frequency: Policy.Frequency
        switch text("frequency") {
        case "perYear": frequency = .perYear
        case "perCertificate":
            guard let d = DesignationKind(rawValue: text("certificateKind")) else { errors["certificateKind"] = "请选择证书类别 / choose the certificate's kind"; return (nil, errors) }
            frequency = .perCertificate(d)
        default: frequency = .oncePerFirm
        }
        let attachments = text("attachments").split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard errors.isEmpty, let opens, let closes, let amount else { return (nil, errors) }
        let policy = Policy(id: text("id"), name: text("name"), basis: text("basis"), round: text("round").isEmpty ? String(opens.year) : text("round"),
                            window: DateWindow(opens: opens, closes: closes), mode: text("mode") == "proactive" ? .proactive : .application,
                            eligibility: eligibility, amount: amount, frequency: frequency, budgetLine: text("budgetLine"), attachments: attachments)
        // The policy's own checks, each put beside the field it concerns.
        for p in policy.problems {
            let field = p.path == "window" ? "closes" : p.path.hasPrefix("amount.") ? (["amount.fixed": "fixed", "amount.cap": "cap", "amount.basisPoints": "percent"][p.path] ?? "tiers")
                : p.path == "frequency" ? "frequency" : p.path == "mode" ? "mode" : p.path
            errors[field] = p.message
        }
        return errors.isEmpty ? (policy, [:]) : (nil, errors)
    }
}
