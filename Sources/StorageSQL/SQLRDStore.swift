import Kernel
import RDMonitoring
import SQLKit
import Storage

struct SQLRDStore: RDStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func upsertReports(_ reports: [StoredRDReport]) async throws {
        try await bulk.insertMany(
            into: "rd_reports",
            columns: ["uscc", "quarter", "town_code", "industrial", "statistical_rd_fen", "tax_rd_fen", "hte_rd_fen", "operating_revenue_fen",
                      "rd_staff", "employees", "rd_projects", "submitted_at", "submitted_by"],
            rows: reports.map { s in
                let r = s.report
                return [r.uscc.code, r.quarter.code, s.townCode, s.industrial, r.statisticalRD.fen, r.taxDeductionRD?.fen, r.highTechRD?.fen,
                        r.operatingRevenue.fen, r.rdStaff, r.employees, r.rdProjects, s.submittedAt, s.submittedBy]
            },
            upsertOn: ["uscc", "quarter"])
        // Each touched firm-year summed again from its quarters.
        for (year, firms) in Dictionary(grouping: Set(reports.map { FirmYear(uscc: $0.report.uscc.code, year: $0.report.quarter.year) }), by: \.year) {
            for chunk in firms.map(\.uscc).chunked(into: 500) {
                try await db.raw("""
                    INSERT INTO rd_firm_years \(unsafeRaw: Self.firmYearSelect) FROM rd_reports
                    WHERE uscc IN (\(binds: Array(chunk))) AND quarter BETWEEN \(bind: year * 10 + 1) AND \(bind: year * 10 + 4)
                    GROUP BY uscc, quarter / 10
                    ON CONFLICT (uscc, year) DO UPDATE SET town_code = excluded.town_code, industrial = excluded.industrial, quarters = excluded.quarters,
                      active = excluded.active, revenue_fen = excluded.revenue_fen, statistical_rd_fen = excluded.statistical_rd_fen,
                      tax_rd_fen = excluded.tax_rd_fen, tax_reports = excluded.tax_reports, hte_rd_fen = excluded.hte_rd_fen, hte_reports = excluded.hte_reports
                    """).run()
            }
        }
    }

    struct FirmYear: Hashable { let uscc: String; let year: Int }

    /// The columns of `rd_firm_years` from a firm's quarters (its town: the larger code if it
    /// moved within the year [I]).
    /// Named as the table's columns, so the same select also serves as a table of its own.
    static let firmYearSelect = """
        SELECT uscc, quarter / 10 AS year, MAX(town_code) AS town_code, MAX(CASE WHEN industrial THEN 1 ELSE 0 END) AS industrial,
          COUNT(*) AS quarters, MAX(CASE WHEN statistical_rd_fen > 0 OR rd_projects > 0 THEN 1 ELSE 0 END) AS active,
          SUM(operating_revenue_fen) AS revenue_fen, SUM(statistical_rd_fen) AS statistical_rd_fen,
          COALESCE(SUM(tax_rd_fen), 0) AS tax_rd_fen, COUNT(tax_rd_fen) AS tax_reports,
          COALESCE(SUM(hte_rd_fen), 0) AS hte_rd_fen, COUNT(hte_rd_fen) AS hte_reports
        """

    func fetchReports(_ uscc: USCC) async throws -> [StoredRDReport] {
        try await reports("uscc = \(bind: uscc.code)", limit: nil)
    }

    func fetchReports(usccs: [USCC]) async throws -> [String: RDReport] {
        var out: [String: RDReport] = [:]
        for chunk in usccs.map(\.code).chunked(into: 500) {
            for s in try await reports("uscc IN (\(binds: Array(chunk)))", limit: nil) { out["\(s.report.uscc.code) \(s.report.quarter)"] = s.report }
        }
        return out
    }

    func forEachReportBatch(batchSize: Int, _ body: @Sendable ([StoredRDReport]) async throws -> Void) async throws {
        var after = ""
        while true {
            let batch = try await reports("uscc > \(bind: after)", limit: batchSize, wholeFirms: true)
            guard let last = batch.last else { return }
            try await body(batch)
            after = last.report.uscc.code
        }
    }

    /// Reports matching `condition`, firm by firm, quarter by quarter. With `wholeFirms`, the
    /// limit counts firms, so a batch never splits a firm's quarters.
    private func reports(_ condition: SQLQueryString, limit: Int?, wholeFirms: Bool = false) async throws -> [StoredRDReport] {
        let scope: SQLQueryString = wholeFirms && limit != nil
            ? "uscc IN (SELECT DISTINCT uscc FROM rd_reports WHERE \(condition) ORDER BY uscc LIMIT \(literal: limit!))"
            : condition
        return try await db.raw("SELECT * FROM rd_reports WHERE \(scope) ORDER BY uscc, quarter").all().map { row in
            guard let q = Quarter(code: try row.decode(column: "quarter", as: Int.self)) else { throw RowMappingError.badValue("quarter", "") }
            let money = { (c: String) in try row.decode(column: c, as: Int64?.self).map { Money(fen: $0) } }
            return StoredRDReport(
                report: RDReport(uscc: try row.decode(column: "uscc", as: USCC.self), quarter: q,
                                 statisticalRD: Money(fen: try row.decode(column: "statistical_rd_fen", as: Int64.self)),
                                 taxDeductionRD: try money("tax_rd_fen"), highTechRD: try money("hte_rd_fen"),
                                 operatingRevenue: Money(fen: try row.decode(column: "operating_revenue_fen", as: Int64.self)),
                                 rdStaff: try row.decode(column: "rd_staff", as: Int?.self), employees: try row.decode(column: "employees", as: Int?.self),
                                 rdProjects: try row.decode(column: "rd_projects", as: Int.self)),
                townCode: try row.decode(column: "town_code", as: String?.self), industrial: try row.decode(column: "industrial", as: Bool.self),
                submittedAt: try row.decode(column: "submitted_at", as: String.self), submittedBy: try row.decode(column: "submitted_by", as: String.self))
        }
    }

    /// Per firm over the quarters: the one aggregation every figure starts from. A firm that
    /// moved within the period counts in one town (the larger code) [I].
    static let perFirm: SQLQueryString = """
        SELECT uscc, MAX(town_code) AS town_code, COUNT(*) AS q,
          MAX(CASE WHEN industrial THEN 1 ELSE 0 END) AS ind,
          MAX(CASE WHEN statistical_rd_fen > 0 OR rd_projects > 0 THEN 1 ELSE 0 END) AS active,
          CAST(SUM(operating_revenue_fen) AS BIGINT) AS rev, CAST(SUM(statistical_rd_fen) AS BIGINT) AS rd,
          CAST(COALESCE(SUM(tax_rd_fen), 0) AS BIGINT) AS tax, COUNT(tax_rd_fen) AS tax_n,
          CAST(COALESCE(SUM(hte_rd_fen), 0) AS BIGINT) AS hte, COUNT(hte_rd_fen) AS hte_n
        FROM rd_reports
        """

    /// Above scale over the firm's reported quarters (rules.md §9, annualised [I]).
    static func aboveScale(_ f: String) -> SQLQueryString {
        "\(unsafeRaw: f).ind = 1 AND \(unsafeRaw: f).rev * 4 >= \(literal: RDIndicators.aboveScaleRevenue.fen) * \(unsafeRaw: f).q"
    }

    func yearTotals(_ year: Int) async throws -> [String?: RDTotals] {
        try await totals(from: "rd_firm_years WHERE year = \(bind: year)")
    }

    /// The year's first quarters through `through` only: summed from the reports themselves, so
    /// a quarter filed before it fell due counts nowhere yet. A whole year reads the kept sums.
    func yearTotals(_ year: Int, through: Quarter) async throws -> [String?: RDTotals] {
        guard through.year == year, through.quarter < 4 else { return try await yearTotals(year) }
        return try await totals(from: """
            (\(unsafeRaw: Self.firmYearSelect) FROM rd_reports WHERE quarter BETWEEN \(bind: year * 10 + 1) AND \(bind: through.code)
             GROUP BY uscc, quarter / 10) f
            """)
    }

    private func totals(from source: SQLQueryString) async throws -> [String?: RDTotals] {
        let above: SQLQueryString = "industrial = 1 AND revenue_fen * 4 >= CAST(\(literal: RDIndicators.aboveScaleRevenue.fen) AS BIGINT) * quarters"
        let rows = try await db.raw("""
            SELECT town_code, COUNT(*) AS firms,
              CAST(SUM(CASE WHEN \(above) THEN 1 ELSE 0 END) AS BIGINT) AS above,
              CAST(SUM(CASE WHEN \(above) AND active = 1 THEN 1 ELSE 0 END) AS BIGINT) AS above_active,
              CAST(SUM(statistical_rd_fen) AS BIGINT) AS rd, CAST(SUM(tax_rd_fen) AS BIGINT) AS tax, CAST(SUM(tax_reports) AS BIGINT) AS tax_n,
              CAST(SUM(hte_rd_fen) AS BIGINT) AS hte, CAST(SUM(hte_reports) AS BIGINT) AS hte_n, CAST(SUM(revenue_fen) AS BIGINT) AS rev
            FROM \(source) GROUP BY town_code
            """).all()
        var out: [String?: RDTotals] = [:]
        for row in rows {
            let n = { (c: String) in try row.decode(column: c, as: Int64.self) }
            out[try row.decode(column: "town_code", as: String?.self)] = RDTotals(
                firms: Int(try n("firms")), aboveScaleIndustrial: Int(try n("above")), aboveScaleWithRD: Int(try n("above_active")),
                statisticalRD: Money(fen: try n("rd")), taxDeductionRD: Money(fen: try n("tax")), taxDeductionReports: Int(try n("tax_n")),
                highTechRD: Money(fen: try n("hte")), highTechReports: Int(try n("hte_n")), operatingRevenue: Money(fen: try n("rev")))
        }
        return out
    }

    func quarterTotals(year: Int) async throws -> [String?: [Int: Int64]] {
        var out: [String?: [Int: Int64]] = [:]
        for row in try await db.raw("""
            SELECT town_code, quarter, CAST(SUM(statistical_rd_fen) AS BIGINT) AS rd FROM rd_reports
            WHERE quarter BETWEEN \(bind: year * 10 + 1) AND \(bind: year * 10 + 4) GROUP BY town_code, quarter
            """).all() {
            out[try row.decode(column: "town_code", as: String?.self), default: [:]][try row.decode(column: "quarter", as: Int.self) % 10] = try row.decode(column: "rd", as: Int64.self)
        }
        return out
    }

    func series(from: Quarter, to: Quarter, town: String?) async throws -> [(Quarter, Money)] {
        let filter: SQLQueryString = town.map { "AND town_code = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT quarter, CAST(SUM(statistical_rd_fen) AS BIGINT) AS rd FROM rd_reports
            WHERE quarter BETWEEN \(bind: from.code) AND \(bind: to.code) \(filter) GROUP BY quarter ORDER BY quarter
            """).all().compactMap { row in
            Quarter(code: try row.decode(column: "quarter", as: Int.self)).map { ($0, Money(fen: (try? row.decode(column: "rd", as: Int64.self)) ?? 0)) }
        }
    }

    private func firmRows(_ quarters: SQLQueryString, town: String?, having: SQLQueryString, limit: Int) async throws -> [RDFirmRow] {
        let filter: SQLQueryString = town.map { "AND town_code = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT f.*, e.name FROM (\(Self.perFirm) WHERE \(quarters) \(filter) GROUP BY uscc) f
            JOIN enterprises e ON e.uscc = f.uscc WHERE \(having) ORDER BY f.rd DESC, f.uscc LIMIT \(literal: limit)
            """).all().map { row in
            let q = try row.decode(column: "q", as: Int.self), rev = Money(fen: try row.decode(column: "rev", as: Int64.self))
            return RDFirmRow(uscc: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                             townCode: try row.decode(column: "town_code", as: String?.self), quarters: q, revenue: rev,
                             statisticalRD: Money(fen: try row.decode(column: "rd", as: Int64.self)),
                             aboveScaleIndustrial: try row.decode(column: "ind", as: Int.self) == 1 && RDIndicators.isAboveScale(revenue: rev, quarters: q),
                             hasRDActivity: try row.decode(column: "active", as: Int.self) == 1)
        }
    }

    func firms(from: Quarter, to: Quarter, town: String?, limit: Int) async throws -> [RDFirmRow] {
        try await firmRows("quarter BETWEEN \(bind: from.code) AND \(bind: to.code)", town: town, having: "1 = 1", limit: limit)
    }

    func idleTwoQuarters(_ quarter: Quarter, town: String?) async throws -> [RDFirmRow] {
        try await firmRows("quarter IN (\(bind: quarter.previous.code), \(bind: quarter.code))", town: town,
                           having: "f.q = 2 AND f.active = 0 AND \(Self.aboveScale("f"))", limit: 10_000)
    }

    func missingReports(_ quarter: Quarter, town: String?) async throws -> [(USCC, String)] {
        let filter: SQLQueryString = town.map { "AND p.town_code = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT p.uscc, e.name FROM rd_reports p JOIN enterprises e ON e.uscc = p.uscc
            WHERE p.quarter = \(bind: quarter.previous.code) \(filter)
              AND NOT EXISTS (SELECT 1 FROM rd_reports c WHERE c.uscc = p.uscc AND c.quarter = \(bind: quarter.code))
            ORDER BY e.name, p.uscc
            """).all().map { (try $0.decode(column: "uscc", as: USCC.self), try $0.decode(column: "name", as: String.self)) }
    }

    func setGDP(year: Int, gdp: Money) async throws {
        try await bulk.insertMany(into: "district_gdp", columns: ["year", "gdp_fen"], rows: [[year, gdp.fen]], upsertOn: ["year"])
    }

    func fetchGDP(year: Int) async throws -> Money? {
        guard let row = try await db.raw("SELECT gdp_fen FROM district_gdp WHERE year = \(bind: year)").first() else { return nil }
        return Money(fen: try row.decode(column: "gdp_fen", as: Int64.self))
    }

    func replacePlan(_ plan: TargetPlan) async throws {
        try await db.raw("DELETE FROM rd_targets WHERE year = \(bind: plan.year)").run()
        try await bulk.insertMany(into: "rd_targets", columns: ["year", "indicator", "unit_kind", "unit_code", "value"],
                                  rows: plan.targets.map { [$0.year, $0.indicator.rawValue, $0.unit.kind, $0.unit.code, $0.value] })
    }

    func fetchPlan(year: Int) async throws -> TargetPlan {
        let targets = try await db.raw("SELECT * FROM rd_targets WHERE year = \(bind: year) ORDER BY indicator, unit_kind, unit_code").all().compactMap { row -> RDTarget? in
            guard let unit = TargetUnit(kind: try row.decode(column: "unit_kind", as: String.self), code: try row.decode(column: "unit_code", as: String.self)),
                  let indicator = RDIndicator(rawValue: try row.decode(column: "indicator", as: String.self)) else { return nil }
            return RDTarget(year: year, indicator: indicator, unit: unit, value: try row.decode(column: "value", as: Int64.self))
        }
        return TargetPlan(year: year, targets: targets)
    }
}
