import InnovationPoints
import Kernel
import Registry
import Storage

/// The indicator values of one stored enterprise for period Y (its fiscal year Y), as the national
/// model's indicators read them. What the registry does not hold (PCT applications, technology
/// contracts, graduates, degrees, the tax relief) is missing: it earns nothing and the
/// explanation says so. Invention applications are approximated by invention patents granted in
/// the last two years [I].
enum PointsInputs {
    struct Row {
        var stage: Int32
        var values: [Double]
        var adjustment: Double
    }

    static func row(_ s: AssessmentSource, period y: Int, model m: PointsModel, asOf: LocalDate) -> Row {
        let now = s.fiscalYears.first { $0.year == y }, before = s.fiscalYears.first { $0.year == y - 1 }
        func yuan(_ x: Money?) -> Double { x.map { Double($0.fen) / 100 } ?? .nan }
        func ratio(_ a: Money?, _ b: Money?) -> Double {
            guard let a, let b, b.fen > 0 else { return .nan }
            return Double(a.fen) / Double(b.fen)
        }
        func growth(_ a: Money?, _ b: Money?) -> Double {
            guard let a, let b, b.fen > 0 else { return .nan }
            return Double(a.fen - b.fen) / Double(b.fen)
        }
        let recent = (y - 1)...y
        let ev = s.evidence
        var byID: [String: Double] = [
            "T1": yuan(now?.rdExpense),
            "T2": growth(now?.rdExpense, before?.rdExpense),
            "T3": ratio(now?.rdExpense, now?.operatingRevenue),
            "T4": now.flatMap { f in f.employees.flatMap { e in f.stStaff.map { e > 0 ? Double($0) / Double(e) : .nan } } } ?? .nan,
            "T5": Double(ev.ip.filter { $0.kind == .invention && $0.valid && ($0.grantedOn.map { recent.contains($0.year) } ?? false) }.count),
            "G1": yuan(now?.highTechRevenue),
            "G2": yuan(now?.operatingRevenue),
            "G3": growth(now?.operatingRevenue, before?.operatingRevenue),
            "A2": Double(ev.rdInstitutions.filter { ($0.level == .national || $0.level == .provincial) && ($0.recognisedOn.map { recent.contains($0.year) } ?? false) }.count),
            "A3": Double(ev.awards.filter { recent.contains($0.year) }.count),
            "A4": ev.equityFinancing.filter { recent.contains($0.date.year) }.reduce(0) { $0 + Double($1.amount.fen) / 100 },
            "A5": Double(ev.standardsLed.filter { recent.contains($0.year) }.count),
        ]
        if let f = now, let a = f.totalAssets, let l = f.totalLiabilities, let p = f.netProfit, a.fen > l.fen {
            byID["G6"] = Double(p.fen) / Double(a.fen - l.fen)
        }
        let values = m.indicators.map { byID[$0.id] ?? .nan }
        let stageID = m.stageRule.stage(revenue: now?.operatingRevenue, years: s.enterprise.registeredOn.map { y - $0.year })
        let stage = stageID.flatMap { id in m.stages.firstIndex { $0.id == id } }.map(Int32.init) ?? -1
        var adjustment = 0.0
        for item in m.bonus {
            switch item.id {
            case "highTech": if s.designations.contains(where: { $0.kind == .highTech && $0.isValid(on: asOf) }) { adjustment += item.points }
            case "nationalAward": if ev.awards.contains(where: { $0.level == .national && recent.contains($0.year) }) { adjustment += item.points }
            default: break
            }
        }
        return Row(stage: stage, values: values, adjustment: adjustment)
    }
}
