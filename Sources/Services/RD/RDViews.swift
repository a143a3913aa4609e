import Kernel
import RDMonitoring
import Registry
import Storage

/// The district's R&D picture for a year so far: totals, targets and pace, per town too.
public struct RDOverview: Sendable {
    public var year: Int
    /// The last quarter of the year that has ended and fallen due on the view's date (数据截至);
    /// nil when none has yet. Reports filed early for a later quarter count from when it is due.
    public var through: Quarter?
    public var district: RDTotals
    public var gdp: Money?
    public var standings: [RDStanding]
    public var towns: [(town: Town, totals: RDTotals, standings: [RDStanding])]
    /// Statistical R&D per quarter, the eight quarters up to `through`.
    public var series: [(Quarter, Money)]
    public var idleFirms: Int
    public var lateFirms: Int
    /// The latest quarter whose report is due by the view's date.
    public var dueQuarter: Quarter
}

/// One town's firms: their totals and pace, the firms without R&D with a next step, and those late.
public struct RDTownView: Sendable {
    public var town: Town
    public var year: Int
    public var through: Quarter?
    public var totals: RDTotals
    public var standings: [RDStanding]
    public var firms: [RDFirmRow]
    public var idle: [(firm: RDFirmRow, step: NextStep)]
    public var late: [(USCC, String)]
    public var dueQuarter: Quarter
    public var series: [(Quarter, Money)]
}

extension RDMonitoringService {
    /// Whether `quarter` has ended at `now` (an ISO instant): a quarter is reported once it has.
    /// An unreadable clock reads as "not ended", so nothing is let in on a guess.
    static func hasEnded(_ quarter: Quarter, at now: String) -> Bool {
        guard let today = LocalDate(String(now.prefix(10))) else { return false }
        return quarter < Quarter(containing: today)
    }

    /// Totals per town for the year through `through`; nothing counts before a quarter is due.
    static func totals(_ stores: any Stores, year: Int, through: Quarter?) async throws -> [String?: RDTotals] {
        guard let through else { return [:] }
        return try await stores.rd.yearTotals(year, through: through)
    }

    /// Last year's shape through `quarter`, from its amounts per quarter number.
    static func shape(_ quarters: [Int: Int64]?, through quarter: Int) -> Int? {
        quarter == 0 ? nil : RDProgress.seasonalShare(lastYear: quarters ?? [:], through: quarter)
    }

    /// The district's amounts per quarter number: the towns' added up.
    static func district(_ perTown: [String?: [Int: Int64]]) -> [Int: Int64] {
        perTown.values.reduce(into: [:]) { sum, q in for (k, v) in q { sum[k, default: 0] += v } }
    }

    static func standings(_ t: RDTotals, plan: TargetPlan, unit: TargetUnit, elapsed: Int, gdp: Money?, seasonalShare: Int? = nil) -> [RDStanding] {
        RDIndicator.allCases.map { indicator in
            let actual: Int64?
            switch indicator {
            case .totalRD: actual = t.statisticalRD.fen
            case .shareWithRD: actual = t.shareWithRD.map(Int64.init)
            case .intensity: actual = unit == .district ? gdp.flatMap { RDIndicators.intensity(rd: t.statisticalRD, gdp: $0) }.map(Int64.init) : nil
            }
            let target = plan.target(indicator, unit)
            let progress = target.flatMap { target in
                actual.map { RDProgress(target: target, actual: $0, quartersElapsed: elapsed, seasonalShare: seasonalShare) }
            }
            return RDStanding(indicator: indicator, actual: actual, target: target, progress: progress)
        }
    }

    public func overview(year: Int, on date: LocalDate) async throws -> RDOverview {
        let through = Quarter.reportedThrough(year: year, on: date)
        let due = Quarter.latestDue(on: date)
        return try await transactor.read { stores in
            let first = Quarter(year: year, quarter: 1)!
            let last = through ?? first
            let perTown = try await Self.totals(stores, year: year, through: through)
            let district = perTown.values.reduce(RDTotals(), +)
            let gdp = try await stores.rd.fetchGDP(year: year)
            let plan = try await stores.rd.fetchPlan(year: year)
            let elapsed = through?.quarter ?? 0
            let lastYear = try await stores.rd.quarterTotals(year: year - 1)
            let towns = try await stores.district.fetchTowns().map { town in
                let t = perTown[town.code] ?? RDTotals()
                return (town: town, totals: t, standings: Self.standings(t, plan: plan, unit: .town(town.code), elapsed: elapsed, gdp: nil,
                                                                          seasonalShare: Self.shape(lastYear[town.code], through: elapsed)))
            }.sorted { ($0.totals.statisticalRD, $0.town.code) > ($1.totals.statisticalRD, $1.town.code) }
            let idle = through == nil ? [] : try await stores.rd.idleTwoQuarters(last, town: nil)
            return RDOverview(
                year: year, through: through, district: district, gdp: gdp,
                standings: Self.standings(district, plan: plan, unit: .district, elapsed: elapsed, gdp: gdp,
                                          seasonalShare: Self.shape(Self.district(lastYear), through: elapsed)), towns: towns,
                series: try await stores.rd.series(from: (through ?? due).adding(quarters: -7), to: through ?? due, town: nil),
                idleFirms: idle.count, lateFirms: try await stores.rd.missingReports(due, town: nil).count, dueQuarter: due)
        }
    }

    public func town(_ code: String, year: Int, on date: LocalDate, firmLimit: Int = 500) async throws -> RDTownView? {
        let through = Quarter.reportedThrough(year: year, on: date)
        let due = Quarter.latestDue(on: date)
        return try await transactor.read { stores in
            guard let town = try await stores.district.fetchTowns().first(where: { $0.code == code }) else { return nil }
            let first = Quarter(year: year, quarter: 1)!, last = through ?? first
            let totals = try await Self.totals(stores, year: year, through: through)[code] ?? RDTotals()
            let plan = try await stores.rd.fetchPlan(year: year)
            let idle = through == nil ? [] : try await stores.rd.idleTwoQuarters(last, town: code)
            var held: [USCC: [Designation]] = [:]
            for f in idle { held[f.uscc] = try await stores.registry.fetchDesignations(f.uscc) }
            let qualified: Set<DesignationKind> = [.highTech, .techSME]
            return RDTownView(
                town: town, year: year, through: through, totals: totals,
                standings: Self.standings(totals, plan: plan, unit: .town(code), elapsed: through?.quarter ?? 0, gdp: nil,
                                          seasonalShare: Self.shape(try await stores.rd.quarterTotals(year: year - 1)[code], through: through?.quarter ?? 0)),
                firms: through == nil ? [] : try await stores.rd.firms(from: first, to: last, town: code, limit: firmLimit),
                idle: idle.map { f in
                    (f, NextStep.suggest(holdsRDQualification: (held[f.uscc] ?? []).contains { qualified.contains($0.kind) && $0.isValid(on: date) }))
                },
                late: try await stores.rd.missingReports(due, town: code), dueQuarter: due,
                series: try await stores.rd.series(from: (through ?? due).adding(quarters: -7), to: through ?? due, town: code))
        }
    }
}
