import Cashout
import Kernel
import Registry
import Storage

/// The demo district's concentrated cash-out round of 2023 (F24: seven policies in one round),
/// paying 2022's recognitions and facts. The 高企 amounts are the letter's (F9, [C]); every
/// other amount, rule and window is illustrative demo data [I], not an official figure.
extension DemoDistrict {
    public static let cashoutRound = "2023"
    public static let cashoutLine = BudgetLine(code: "TL-KJ-2023", name: "科技创新专项资金（2023）", year: 2023)
    public static let cashoutAppropriation = Money(yuan: 40_000_000)
    static let twelveMeasures = "《铜梁区促进科技创新高质量发展十二条措施》（修订）"

    public static func cashoutPolicies() -> [Policy] {
        let window = DateWindow(opens: LocalDate("2023-03-01")!, closes: LocalDate("2023-11-30")!)
        let techFirm: Condition = .any([.holds(.highTech), .holds(.techSME), .holds(.cqTechEnterprise)])
        func policy(_ id: String, _ name: String, _ article: String, _ mode: Policy.Mode, _ eligibility: Condition, _ amount: AmountRule,
                    _ frequency: Policy.Frequency, attachments: [String] = []) -> Policy {
            Policy(id: id, name: name, basis: "\(twelveMeasures) \(article)", round: cashoutRound, window: window, mode: mode, eligibility: eligibility,
                   amount: amount, frequency: frequency, budgetLine: cashoutLine.code, attachments: attachments)
        }
        return [
            policy("tl-hte-first", "高新技术企业首次认定补助", "第三条", .proactive, .recognisedInYear(.highTech, .first),
                   .fixed(Money(yuan: 300_000)), .perCertificate(.highTech)),
            policy("tl-hte-renewal", "高新技术企业再次认定补助", "第三条", .proactive, .recognisedInYear(.highTech, .later),
                   .fixed(Money(yuan: 200_000)), .perCertificate(.highTech)),
            policy("tl-techfirm-entry", "科技型企业首次入库奖励", "第二条", .proactive, .recognisedInYear(.cqTechEnterprise, .first),
                   .fixed(Money(yuan: 10_000)), .oncePerFirm),
            policy("tl-specialized", "专精特新中小企业认定奖励", "第五条", .proactive, .recognisedInYear(.specializedSME, .first),
                   .fixed(Money(yuan: 10_000)), .oncePerFirm),
            policy("tl-rd-growth", "企业研发投入后补助", "第六条", .proactive,
                   .all([.holds(.highTech), .factAtLeast(.rdExpense, atLeast: Money(yuan: 20_000_000))]),
                   .tiered(of: .fact(.rdExpense), tiers: [.init(atLeast: Money(yuan: 20_000_000), amount: Money(yuan: 50_000)),
                                                          .init(atLeast: Money(yuan: 50_000_000), amount: Money(yuan: 100_000))]), .perYear),
            policy("tl-research-project", "科研项目补助", "第七条", .application, techFirm,
                   .share(of: .declared("项目研发投入"), basisPoints: 2_000, cap: Money(yuan: 300_000)), .perYear, attachments: ["项目任务书"]),
            policy("tl-equipment", "科研设备购置补助", "第八条", .application, techFirm,
                   .share(of: .declared("设备购置额"), basisPoints: 1_000, cap: Money(yuan: 1_000_000)), .perYear, attachments: ["购置发票"]),
        ]
    }
}
