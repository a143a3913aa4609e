import Accounts
import Foundation
import Hummingbird
import Kernel
import RDMonitoring
import Services
import Spreadsheet
import Storage

/// Quarterly R&D reports, the year's targets and the statistics report as JSON.
enum MonitoringAPI {
    struct ReportIn: Decodable {
        var uscc: String
        var quarter: String
        var operatingRevenue: API.Yuan
        var statisticalRD: API.Yuan
        var taxDeductionRD: API.Yuan?
        var highTechRD: API.Yuan?
        var rdProjects: Int?
        var rdStaff: Int?
        var employees: Int?
    }
    struct ReportsIn: Decodable, KnownKeys {
        var reports: [ReportIn]
        static let keys: Set<String> = ["reports"]
    }
    struct TargetIn: Decodable { var indicator: String; var unit: String; var code: String?; var value: Int64 }
    struct TargetsIn: Decodable, KnownKeys {
        var year: Int
        var targets: [TargetIn]
        static let keys: Set<String> = ["year", "targets"]
    }
    struct TargetOut: Encodable { let indicator: String; let unit: String; let code: String; let value: Int64 }
    struct TargetsOut: Encodable { let year: Int; let targets: [TargetOut] }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.post, "/api/v1/rd-reports", .permission(.reportRD), doc: APIDoc(
            "File quarterly R&D reports, all or nothing (the three R&D bases kept apart)", id: "fileRDReports", request: "RDReports", response: "Count", status: 201)) { request, context in
            let user = try context.requireUser()
            let body = try await APIRoutes.decode(ReportsIn.self, request)
            guard !body.reports.isEmpty, body.reports.count <= 10_000 else {
                throw AppError.invalid([Problem(path: "reports", message: "1 to 10,000 reports per request")])
            }
            var problems: [Problem] = [], reports: [RDReport] = []
            for (i, r) in body.reports.enumerated() {
                guard let uscc = try? USCC(r.uscc) else { problems.append(Problem(path: "reports[\(i)].uscc", message: "not a valid USCC")); continue }
                guard let q = Quarter(r.quarter) else { problems.append(Problem(path: "reports[\(i)].quarter", message: "a quarter like 2024Q1")); continue }
                if q >= Quarter(containing: deps.today) { problems.append(Problem(path: "reports[\(i)].quarter", message: "a quarter not yet ended")); continue }
                reports.append(RDReport(uscc: uscc, quarter: q, statisticalRD: r.statisticalRD.money, taxDeductionRD: r.taxDeductionRD?.money,
                                        highTechRD: r.highTechRD?.money, operatingRevenue: r.operatingRevenue.money, rdStaff: r.rdStaff,
                                        employees: r.employees, rdProjects: r.rdProjects ?? 0))
            }
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            // Every firm must be in the caller's scope; one outside it refuses the whole request.
            for uscc in Set(reports.map(\.uscc)) { try await deps.authorize(context, .reportRD, on: uscc, path: request.uri.path) }
            let n = try await deps.rd.submit(reports, actor: user.actorName)
            return try .json(["count": n], status: .created)
        }

        routes.add(.get, "/api/v1/rd-targets", .permission(.viewStatistics), doc: APIDoc(
            "The year's R&D targets and their split", id: "getRDTargets", response: "RDTargets", query: [("year", "integer", "default: the year being monitored")])) { request, _ in
            let year = try MonitoringPages.year(request, deps)
            let plan = try await deps.rd.plan(year: year)
            return try .json(TargetsOut(year: year, targets: plan.targets.map { TargetOut(indicator: $0.indicator.rawValue, unit: $0.unit.kind, code: $0.unit.code, value: $0.value) }))
        }

        routes.add(.post, "/api/v1/rd-targets", .permission(.manageTargets), doc: APIDoc(
            "Replace the year's R&D targets (district, towns, departments, key firms); an additive split must add up", id: "setRDTargets",
            request: "RDTargets", response: "RDTargets", status: 201)) { request, context in
            let user = try context.requireUser()
            let body = try await APIRoutes.decode(TargetsIn.self, request)
            guard (1949...2200).contains(body.year) else { throw AppError.invalid([Problem(path: "year", message: "a year between 1949 and 2200")]) }
            var problems: [Problem] = [], targets: [RDTarget] = []
            for (i, t) in body.targets.enumerated() {
                guard let indicator = RDIndicator(rawValue: t.indicator) else {
                    problems.append(Problem(path: "targets[\(i)].indicator", message: RDIndicator.allCases.map(\.rawValue).joined(separator: ", "))); continue
                }
                guard let unit = TargetUnit(kind: t.unit, code: t.code ?? "") else {
                    problems.append(Problem(path: "targets[\(i)].unit", message: "district, town, department or firm, with its code")); continue
                }
                targets.append(RDTarget(year: body.year, indicator: indicator, unit: unit, value: t.value))
            }
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            let plan = TargetPlan(year: body.year, targets: targets)
            try await deps.rd.setPlan(plan, actor: user.actorName)
            return try .json(TargetsOut(year: plan.year, targets: plan.targets.map { TargetOut(indicator: $0.indicator.rawValue, unit: $0.unit.kind, code: $0.unit.code, value: $0.value) }),
                             status: .created)
        }

        routes.add(.get, "/api/v1/statistics", .permission(.viewStatistics), doc: APIDoc(
            "Every figure of the letter the records hold for a period, with its definition (format=xlsx for a file)", id: "getStatistics",
            response: "Statistics", query: [("from", "string", "YYYY-MM-DD"), ("to", "string", "YYYY-MM-DD; default the report date"),
                                             ("format", "string", "json (default) or xlsx")])) { request, context in
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json":
                let (from, to) = try MonitoringPages.period(request, deps)
                return try .json(try await deps.statistics.report(from: from, to: to, batch: MonitoringPages.batch(to)))
            case "xlsx": return try await MonitoringPages.statisticsFile(request, context, deps)
            default: throw AppError.invalid([Problem(path: "format", message: "json or xlsx")])
            }
        }
    }
}
