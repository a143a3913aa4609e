import Accounts
import Foundation
import Hummingbird
import Kernel
import RDMonitoring
import Registry
import Services
import Spreadsheet
import Storage
import StorageSQL
import WebPages

/// R&D monitoring in the browser: the district dashboard, a town's page, the targets, the
/// statistics report, and a firm's quarterly reports.
enum MonitoringPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/monitoring", .permission(.viewMonitoring)) { request, context in
            let user = try context.requireUser()
            // A town officer's view of R&D is their own town's.
            if user.role == .townOfficer {
                guard let town = user.townCode else { throw AppError.forbidden }
                return .see("/monitoring/towns/\(town)")
            }
            let year = try self.year(request, deps)
            return .html(MonitoringPage.render(try await deps.rd.overview(year: year, on: deps.defaultAsOf), context.chrome(request)))
        }

        routes.add(.get, "/monitoring/towns/:code", .permission(.viewMonitoring)) { request, context in
            let user = try context.requireUser()
            let code = context.parameters.get("code") ?? ""
            if user.role == .townOfficer && user.townCode != code {
                try await deps.auditDenial(user, "GET \(request.uri.path)")
                throw AppError.forbidden
            }
            guard let view = try await deps.rd.town(code, year: try year(request, deps), on: deps.defaultAsOf) else { throw AppError.notFound("镇街 / town") }
            return .html(TownMonitoringPage.render(view, context.chrome(request)))
        }

        routes.add(.get, "/monitoring/targets", .permission(.viewStatistics)) { request, context in
            try await targetsPage(request, context, deps, year: try year(request, deps), status: .ok)
        }

        routes.add(.post, "/monitoring/targets", .permission(.manageTargets)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let year = Int(form["year"] ?? ""), (1949...2200).contains(year) else { throw AppError.invalid([Problem(path: "year", message: "a year")]) }
            var errors: [String: String] = [:], targets: [RDTarget] = []
            let towns = try await deps.directory.towns()
            // Each message sits beside its field, so it names the problem, not the field.
            /// 万元 unless the figure says otherwise (“1.2亿”).
            func wan(_ name: String) -> Int64? {
                guard let t = form.text(name) else { return nil }
                guard let m = try? Money(formText: t, defaultUnit: .wan), m.fen >= 0 else {
                    errors[name] = "“\(t)”不是金额 / not an amount: \(t)"; return nil
                }
                return m.fen
            }
            func percent(_ name: String, scale: Int64) -> Int64? {
                guard let t = form.text(name) else { return nil }
                guard let v = ExactDecimal.scaled(t, by: scale, within: 0...100) else {
                    errors[name] = "须为 0–100 的百分比，最多 \(scale == 10 ? 1 : 2) 位小数 / a percentage from 0 to 100, at most \(scale == 10 ? 1 : 2) decimals: \(t)"; return nil
                }
                return v
            }
            if let v = wan("totalRD") { targets.append(RDTarget(year: year, indicator: .totalRD, unit: .district, value: v)) }
            if let v = percent("shareWithRD", scale: 10) { targets.append(RDTarget(year: year, indicator: .shareWithRD, unit: .district, value: v)) }
            if let v = percent("intensity", scale: 100) { targets.append(RDTarget(year: year, indicator: .intensity, unit: .district, value: v)) }
            for town in towns {
                if let v = wan("town.\(town.code)") { targets.append(RDTarget(year: year, indicator: .totalRD, unit: .town(town.code), value: v)) }
            }
            let gdp = wan("gdp")
            // Departments and key firms are kept: the form sets the district and the towns.
            let kept = try await deps.rd.plan(year: year).targets.filter { t in if case .department = t.unit { return true }; if case .firm = t.unit { return true }; return false }
            let plan = TargetPlan(year: year, targets: targets + kept)
            if !plan.problems.isEmpty { errors[""] = plan.problems.joined(separator: "\n") }
            guard errors.isEmpty else {
                let typed = Dictionary(uniqueKeysWithValues: (["totalRD", "shareWithRD", "intensity", "gdp"] + towns.map { "town.\($0.code)" }).map { ($0, form[$0] ?? "") })
                return try await targetsPage(request, context, deps, year: year, errors: errors, form: typed, status: .unprocessableContent)
            }
            try await deps.rd.setPlan(plan, actor: user.actorName)
            if let gdp, gdp > 0 { try await deps.rd.setGDP(year: year, gdp: Money(fen: gdp), actor: user.actorName) }
            return .see("/monitoring/targets?year=\(year)", flash: context.lang.t("已保存 \(year) 年目标。", "Targets for \(year) saved."))
        }

        routes.add(.get, "/statistics", .permission(.viewStatistics)) { request, context in
            let (from, to) = try period(request, deps)
            return .html(StatisticsPage.render(try await deps.statistics.report(from: from, to: to, batch: batch(to)), context.chrome(request)))
        }

        routes.add(.get, "/statistics/export", .permission(.viewStatistics)) { request, context in
            try await statisticsFile(request, context, deps)
        }

        routes.add(.get, "/enterprises/:uscc/rd-reports", .permission(.readEnterprise)) { request, context in
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
            return try await reportsPage(uscc, request, context, deps, errors: [:], form: [:], status: .ok)
        }

        routes.add(.post, "/enterprises/:uscc/rd-reports", .permission(.reportRD)) { request, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .reportRD, on: uscc, path: request.uri.path)
            let form = try await Forms.read(request, context)
            let values = Dictionary(uniqueKeysWithValues: ["quarter", "operatingRevenue", "statisticalRD", "taxDeductionRD", "highTechRD", "rdProjects", "rdStaff", "employees"]
                .map { ($0, (form[$0] ?? "").trimmingCharacters(in: .whitespaces)) })
            // Each message sits beside its field, so it names the problem, not the field.
            var errors: [String: String] = [:]
            func money(_ k: String, required: Bool) -> Money? {
                let t = values[k] ?? ""
                if t.isEmpty { if required { errors[k] = "必填 / required" }; return nil }
                guard let m = try? Money(formText: t) else { errors[k] = "“\(t)”不是金额 / not an amount: \(t)"; return nil }
                return m
            }
            func count(_ k: String) -> Int? {
                let t = values[k] ?? ""
                if t.isEmpty { return nil }
                guard let n = Int(t) else { errors[k] = "须为整数 / a whole number: \(t)"; return nil }
                return n
            }
            let quarter = Quarter(values["quarter"] ?? "")
            if quarter == nil { errors["quarter"] = "请选择季度 / choose a quarter" }
            let revenue = money("operatingRevenue", required: true), statistical = money("statisticalRD", required: true)
            let report = quarter.flatMap { q in revenue.flatMap { r in statistical.map { s in
                RDReport(uscc: uscc, quarter: q, statisticalRD: s, taxDeductionRD: money("taxDeductionRD", required: false),
                         highTechRD: money("highTechRD", required: false), operatingRevenue: r, rdStaff: count("rdStaff"),
                         employees: count("employees"), rdProjects: count("rdProjects") ?? 0)
            } } }
            if let q = quarter, q >= Quarter(containing: deps.today) { errors["quarter"] = "只能填报已结束的季度 / only a quarter that has ended" }
            guard errors.isEmpty, let report else { return try await reportsPage(uscc, request, context, deps, errors: errors, form: values, status: .unprocessableContent) }
            do { try await deps.rd.submit([report], actor: user.actorName) } catch let e as RDError {
                switch e {
                case .invalid(let p):
                    // "reports[0].statistical" → the form's "statisticalRD"; anything else about the report as a whole.
                    let byField = Problem.byField(p, fields: values.keys) { RDBasis(rawValue: $0).map { $0.rawValue + "RD" } ?? $0 }
                    return try await reportsPage(uscc, request, context, deps, errors: byField, form: values, status: .unprocessableContent)
                }
            }
            return .see("/enterprises/\(uscc.code)/rd-reports", flash: context.lang.t("已提交\(Format.quarter(report.quarter, context.lang))季报。", "Report for \(Format.quarter(report.quarter, context.lang)) filed."))
        }
    }

    /// The `year` asked for; by default the year of the last quarter ended by the report date,
    /// the year being monitored.
    static func year(_ request: Request, _ deps: AppDependencies) throws -> Int {
        guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else { return Quarter(containing: deps.defaultAsOf).previous.year }
        guard let y = Int(text), (1949...2200).contains(y) else { throw AppError.invalid([Problem(path: "year", message: "a year")]) }
        return y
    }

    /// `from` and `to` from the query; by default from 1 January of the year before to the report date.
    /// The letter's figures for a period as a workbook, for the page and the API alike.
    static func statisticsFile(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies) async throws -> Response {
        let (from, to) = try period(request, deps)
        let report = try await deps.statistics.report(from: from, to: to, batch: batch(to))
        let data = try XLSX.write(StatisticsSheet.table(report), sheetName: "统计报表")
        return try await Download.file(data, type: Download.xlsxType, ascii: "statistics-\(from)-\(to).xlsx", chinese: "统计报表（\(from)至\(to)）.xlsx",
                                       audit: "statistics", detail: "\(from)–\(to)", by: context.user, deps)
    }

    static func period(_ request: Request, _ deps: AppDependencies) throws -> (LocalDate, LocalDate) {
        let to = try QualificationPages.date(request, "to") ?? deps.defaultAsOf
        let from = try QualificationPages.date(request, "from") ?? LocalDate(year: to.year - 1, month: 1, day: 1)!
        guard from <= to else { throw AppError.invalid([Problem(path: "from", message: "after to")]) }
        return (from, to)
    }

    static func batch(_ to: LocalDate) -> String { DistrictStatistics.defaultBatch(for: to) }

    static func targetsPage(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, year: Int, errors: [String: String] = [:],
                            form: [String: String]? = nil, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let gdp = try await deps.database.read { try await $0.rd.fetchGDP(year: year) }
        return .html(TargetsPage.render(.init(year: year, plan: try await deps.rd.plan(year: year), towns: try await deps.directory.towns(), gdp: gdp,
                                              canEdit: AccessPolicy.allows(user.role, .manageTargets), errors: errors, form: form), context.chrome(request)), status: status)
    }

    static func reportsPage(_ uscc: USCC, _ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String: String],
                            form: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let record = try await deps.registry.record(uscc, historyLimit: 0)
        let reports = try await deps.rd.reports(of: uscc)
        let next = reports.last.map { $0.report.quarter.next } ?? Quarter(containing: deps.today).previous
        let owner = RecordOwner(uscc: uscc, townCode: record.enterprise.townCode)
        return .html(RDReportsPage.render(.init(uscc: uscc, name: record.enterprise.name, reports: reports,
                                                canFile: AccessPolicy.allows(user, .reportRD, on: owner), next: next, errors: errors, form: form),
                                          context.chrome(request)), status: status)
    }
}
