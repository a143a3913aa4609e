import Kernel
import Registry

/// For each unmet 高企 condition, the smallest change that would meet it, in the unit people act
/// on (assessment-v1.md): yuan of R&D or high-tech income, S&T staff to hire, IP to obtain.
/// Computed in 128-bit integers over fen and rounded up, so the amount always suffices.
public enum HighTechGaps {
    public struct Gap: Sendable, Hashable {
        let idText: StaticString
        public var id: String { idText.description }
        /// How much, in `unit`: whole people, patents or yuan (rounded up, so it suffices).
        public var quantity: Int64
        public var unit: String

        public var amount: String { String(quantity) }

        public static func == (a: Gap, b: Gap) -> Bool { a.id == b.id && a.quantity == b.quantity && a.unit == b.unit }
        public func hash(into h: inout Hasher) { h.combine(id); h.combine(quantity); h.combine(unit) }

        /// What to do, in words (Chinese / English); written when read, not for every firm assessed.
        public var message: String {
            switch id {
            case "highTech.coreIP":
                return "需取得 \(amount) 项与主要产品相关的知识产权（实用新型即可）/ obtain \(quantity == 1 ? "one IP item" : "\(amount) IP items") related to the main product (a utility model suffices)"
            case "highTech.stStaffShare": return "再聘用约 \(amount) 名科技人员 / about \(amount) more S&T staff"
            case "highTech.rdIntensity": return "研发费用再增加约 \(amount) 元可达要求 / about \(amount) yuan more R&D would meet it"
            default: return "高新技术产品（服务）收入再增加约 \(amount) 元 / about \(amount) yuan more high-tech income"
            }
        }
    }

    public static func gaps(_ result: HighTechResult, latest: FiscalYearFacts?, years: [FiscalYearFacts], evaluationYear: Int) -> [Gap] {
        var out: [Gap] = []
        for c in result.conditions where c.status == .unmet {
            guard case .ratio(let need)? = c.required else {
                if c.hasID("highTech.coreIP") {
                    out.append(Gap(idText: c.idText, quantity: 1, unit: "patent"))
                }
                continue
            }
            let p = Int128(need.numerator), q = Int128(need.denominator)
            if c.hasID("highTech.stStaffShare") {
                // (s + x) / (e + x) ≥ p/q  ⇒  x ≥ (p·e − q·s) / (q − p), hiring S&T staff.
                guard let e = latest?.employees, let s = latest?.stStaff else { continue }
                let x = ceilDiv(p * Int128(e) - q * Int128(s), q - p)
                out.append(Gap(idText: c.idText, quantity: Int64(x), unit: "people"))
            } else if c.hasID("highTech.rdIntensity") {
                // (R + x) / S ≥ p/q  ⇒  x ≥ (p·S − q·R) / q, over the same window (value = R/S unreduced).
                guard case .ratio(let have)? = c.value else { continue }
                let yuan = ceilDiv(ceilDiv(p * Int128(have.denominator) - q * Int128(have.numerator), q), 100)
                out.append(Gap(idText: c.idText, quantity: Int64(yuan), unit: "yuan"))
            } else if c.hasID("highTech.highTechRevenueShare") {
                // (h + x) / (t + x) ≥ p/q  ⇒  x ≥ (p·t − q·h) / (q − p): income counts in both.
                guard let h = latest?.highTechRevenue, let t = latest?.totalIncome else { continue }
                let yuan = ceilDiv(ceilDiv(p * Int128(t.fen) - q * Int128(h.fen), q - p), 100)
                out.append(Gap(idText: c.idText, quantity: Int64(yuan), unit: "yuan"))
            }
        }
        return out
    }

    /// ⌈a / b⌉ for b > 0.
    static func ceilDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r > 0 ? q + 1 : q
    }
}
