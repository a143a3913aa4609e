import Foundation
import Kernel
import Registry

/// For each unmet 高企 condition, the smallest change that would meet it, in the unit people act
/// on (assessment-v1.md): yuan of R&D or high-tech income, S&T staff to hire, IP to obtain.
public enum HighTechGaps {
    public struct Gap: Sendable, Hashable {
        public var id: String
        public var amount: String
        public var unit: String
        public var message: String
    }

    public static func gaps(_ result: HighTechResult, latest: FiscalYearFacts?, years: [FiscalYearFacts], evaluationYear: Int) -> [Gap] {
        var out: [Gap] = []
        for c in result.conditions where c.status == .unmet {
            guard case .ratio(let need)? = c.required else {
                if c.id == "highTech.coreIP" {
                    out.append(Gap(id: c.id, amount: "1", unit: "patent",
                                   message: "需取得 1 项与主要产品相关的知识产权（实用新型即可）/ obtain one IP item related to the main product (a utility model suffices)"))
                }
                continue
            }
            let p = Decimal(need.numerator), q = Decimal(need.denominator)
            switch c.id {
            case "highTech.stStaffShare":
                // (s + x) / (e + x) ≥ p/q  ⇒  x ≥ (p·e − q·s) / (q − p), hiring S&T staff.
                guard let e = latest?.employees, let s = latest?.stStaff else { continue }
                let x = ceil((p * Decimal(e) - q * Decimal(s)) / (q - p))
                out.append(Gap(id: c.id, amount: "\(x)", unit: "people",
                               message: "再聘用约 \(x) 名科技人员 / about \(x) more S&T staff"))
            case "highTech.rdIntensity":
                // (R + x) / S ≥ p/q  ⇒  x ≥ p·S/q − R, over the same window.
                guard case .ratio(let have)? = c.value else { continue }
                let window = years.filter { $0.year > evaluationYear - 3 && $0.year <= evaluationYear }
                let sales = Decimal(window.reduce(Int64(0)) { $0 + ($1.salesRevenue?.fen ?? 0) })
                let rd = sales * Decimal(have.numerator) / Decimal(have.denominator)
                let fen = ceil(p * sales / q - rd)
                let yuan = ceil(fen / 100)
                out.append(Gap(id: c.id, amount: "\(yuan)", unit: "yuan",
                               message: "研发费用再增加约 \(yuan) 元可达要求 / about \(yuan) yuan more R&D would meet it"))
            case "highTech.highTechRevenueShare":
                guard let h = latest?.highTechRevenue, let t = latest?.totalIncome else { continue }
                let fen = ceil((p * Decimal(t.fen) - q * Decimal(h.fen)) / (q - p))
                let yuan = ceil(fen / 100)
                out.append(Gap(id: c.id, amount: "\(yuan)", unit: "yuan",
                               message: "高新技术产品（服务）收入再增加约 \(yuan) 元 / about \(yuan) yuan more high-tech income"))
            default:
                continue
            }
        }
        return out
    }

    static func ceil(_ d: Decimal) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, 0, .up)
        return r
    }
}
