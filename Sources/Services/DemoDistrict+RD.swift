import Kernel
import RDMonitoring
import Registry

extension DemoDistrict {
    /// F12: the district's statistical R&D expenditure in 2023, 2.226 billion yuan.
    static let rdTotal2023 = Money(yuan: 2_226_000_000)
    /// F11: 58.9 % of above-scale industrial firms had R&D activity in 2023, in tenths of a percent.
    static let shareWithRD2023 = 589
    /// The district's GDP (an input): 2.226 billion at 3.02 % (F13) implies about 73.7 billion.
    public static let gdp: [Int: Money] = [2022: Money(yuan: 69_850_000_000), 2023: Money(yuan: 73_710_000_000)]
    /// How a year's revenue and R&D fall across its quarters (the fourth is the remainder).
    static let seasonal = [22, 24, 25]

    /// The largest demo that files quarterly R&D reports.
    public static let rdReportsUpTo = 300_000

    /// One firm's R&D year as the demo reports it.
    struct RDYear: Sendable {
        var index: Int
        var industrial: Bool
        var revenue: Int64      // fen, the year
        var statistical: Int64  // fen, the year
        var taxDeduction: Int64?
        var highTech: Int64?
        var rdStaff: Int?
        var employees: Int?
    }

    /// Splits a year's fen into four quarters in the seasonal pattern, the last taking the rest.
    static func quarters(_ fen: Int64) -> [Int64] {
        var out = seasonal.map { fen * Int64($0) / 100 }
        out.append(fen - out.reduce(0, +))
        return out
    }

    /// The demo's 2023 R&D year for every active firm with 2023 books, built so the stored
    /// reports give the letter's F11 and F12: the statistical basis is 85–100 % of the firm's
    /// booked R&D expense, scaled to the district total; among above-scale industrial firms the
    /// least R&D-intensive beyond the letter's share report none (and no project).
    func rdYear2023() -> [RDYear] {
        var years: [RDYear] = []
        for i in 0..<count {
            let d = enterprise(at: i)
            guard d.enterprise.status == .active, let f = d.fiscalYears.first(where: { $0.year == 2023 }), let revenue = f.operatingRevenue else { continue }
            var rng = SeededRandom(seed: seed &+ 9_001, index: UInt64(i))
            let booked = f.rdExpense?.fen ?? 0
            let held = Set(d.designations.filter { $0.isValid(on: LocalDate(year: 2023, month: 12, day: 31)!) }.map(\.kind))
            years.append(RDYear(
                index: i, industrial: RDIndicators.isIndustrial(industryCode: d.enterprise.industryCode), revenue: revenue.fen,
                statistical: booked * Int64(rng.int(85...100)) / 100,
                taxDeduction: held.contains(.techSME) || held.contains(.highTech) ? booked * Int64(rng.int(90...100)) / 100 : nil,
                highTech: held.contains(.highTech) ? booked : nil, rdStaff: f.rdStaff, employees: f.employees))
        }
        guard count >= 1_000 else { return years }   // exact figures need the full district
        // F11: an above-scale set with a whole number of active firms at 58.9 %.
        func aboveScale() -> [Int] { years.indices.filter { years[$0].industrial && years[$0].revenue >= RDIndicators.aboveScaleRevenue.fen } }
        var above = aboveScale()
        func activeCount(_ n: Int) -> Int? {
            let k = (Int64(n) * Int64(Self.shareWithRD2023) * 2 - Int64(n) + 1_999) / 2_000   // ceil((589 − 0.5) / 1000 × n)
            return RDIndicators.ratio(k, Int64(n), scale: 1_000) == Self.shareWithRD2023 ? Int(k) : nil
        }
        while activeCount(above.count) == nil {
            // Bring the largest industrial firm below the threshold up to it: one more above-scale firm.
            guard let j = years.indices.filter({ years[$0].industrial && years[$0].revenue < RDIndicators.aboveScaleRevenue.fen }).max(by: { years[$0].revenue < years[$1].revenue }) else { break }
            years[j].revenue = RDIndicators.aboveScaleRevenue.fen
            above = aboveScale()
        }
        if let k = activeCount(above.count) {
            let ranked = above.sorted { (years[$0].statistical * 1_000 / max(1, years[$0].revenue), years[$0].index) > (years[$1].statistical * 1_000 / max(1, years[$1].revenue), years[$1].index) }
            for j in ranked.dropFirst(k) { years[j].statistical = 0 }
            for j in ranked.prefix(k) where years[j].statistical == 0 { years[j].statistical = years[j].revenue / 1_000 }
        }
        // F12: scale the statistical basis to the district total, in whole hundreds of yuan; the
        // largest spender takes the rounding. Spending stays below each firm's revenue.
        let raw = years.reduce(Int64(0)) { $0 + $1.statistical }
        guard raw > 0 else { return years }
        // Other sizes scale the total with the district, so every size stays believable.
        let target = scaled(Self.rdTotal2023).fen
        for j in years.indices where years[j].statistical > 0 {
            let scaled = Int64((Double(years[j].statistical) * Double(target) / Double(raw) / 10_000).rounded()) * 10_000
            years[j].statistical = min(max(scaled, 10_000), years[j].revenue / 2)
        }
        if let top = years.indices.max(by: { years[$0].statistical < years[$1].statistical }) {
            years[top].statistical = max(0, years[top].statistical + target - years.reduce(Int64(0)) { $0 + $1.statistical })
        }
        return years
    }

    /// An amount laid out for the default 2,400 firms, for this district's size.
    func scaled(_ m: Money) -> Money { Money(fen: Int64(Int128(m.fen) * Int128(count) / Int128(DemoDistrict.defaultEnterprises))) }

    /// Quarterly reports: 2023 Q1–Q4 from `rdYear2023`; 2022 Q1–Q4 a little smaller; 2024 Q1
    /// on revenue grown 5 % and R&D grown 0–20 %; one firm in forty has not yet filed for
    /// 2024 Q1 (the late list).
    func rdReports(_ years: [RDYear]) -> [RDReport] {
        var out: [RDReport] = []
        out.reserveCapacity(years.count * 9)
        for y in years {
            let uscc = self.uscc(y.index)
            func add(_ year: Int, _ quarterNumbers: ClosedRange<Int>, revenue: Int64, statistical: Int64, tax: Int64?, hte: Int64?) {
                let r = Self.quarters(revenue), s = Self.quarters(statistical), t = tax.map(Self.quarters), h = hte.map(Self.quarters)
                for q in quarterNumbers {
                    out.append(RDReport(uscc: uscc, quarter: Quarter(year: year, quarter: q)!, statisticalRD: Money(fen: min(s[q - 1], r[q - 1])),
                                        taxDeductionRD: t.map { Money(fen: min($0[q - 1], r[q - 1])) }, highTechRD: h.map { Money(fen: min($0[q - 1], r[q - 1])) },
                                        operatingRevenue: Money(fen: r[q - 1]), rdStaff: y.rdStaff, employees: y.employees,
                                        rdProjects: statistical > 0 ? 1 + y.index % 3 : 0))
                }
            }
            add(2022, 1...4, revenue: y.revenue * 100 / 112, statistical: y.statistical * 100 / 115, tax: y.taxDeduction.map { $0 * 100 / 115 }, hte: y.highTech.map { $0 * 100 / 115 })
            add(2023, 1...4, revenue: y.revenue, statistical: y.statistical, tax: y.taxDeduction, hte: y.highTech)
            if y.index % 40 != 17 {
                // Growth of 0–20 % by firm: the towns straddle the 10 % target's pace.
                let growth = Int64(100 + y.index % 21)
                add(2024, 1...1, revenue: y.revenue * 105 / 100, statistical: y.statistical * growth / 100, tax: y.taxDeduction.map { $0 * growth / 100 },
                    hte: y.highTech.map { $0 * growth / 100 })
            }
        }
        return out
    }

    /// The 2024 targets [I]: total R&D up 10 % on 2023, split to the towns by their 2023 shares
    /// (the largest takes the rounding); the share with R&D to 62 %; intensity to 3.2 %.
    func rdPlan2024(townTotals: [String: Int64]) -> TargetPlan {
        let total = scaled(Self.rdTotal2023).fen * 110 / 100
        let sum = max(1, townTotals.values.reduce(0, +))
        var targets = [RDTarget(year: 2024, indicator: .totalRD, unit: .district, value: total),
                       RDTarget(year: 2024, indicator: .shareWithRD, unit: .district, value: 620),
                       RDTarget(year: 2024, indicator: .intensity, unit: .district, value: 320)]
        var towns = towns.map { t in RDTarget(year: 2024, indicator: .totalRD, unit: .town(t.code), value: Int64(Int128(total) * Int128(townTotals[t.code] ?? 0) / Int128(sum)) / 10_000 * 10_000) }
        if let top = towns.indices.max(by: { towns[$0].value < towns[$1].value }) {
            towns[top].value += total - towns.reduce(0) { $0 + $1.value }
        }
        targets += towns
        return TargetPlan(year: 2024, targets: targets)
    }
}
