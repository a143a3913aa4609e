import Cashout
import Foundation
import Kernel
import Lending
import RDMonitoring
import Registry
import Storage

/// The R&D figures of one calendar year (letter-figures.md F11–F13), from the quarterly reports.
public struct RDFigures: Sendable, Codable, Equatable {
    public var year: Int
    /// F11 in tenths of a percent, with its numerator and denominator.
    public var shareWithRD: Int?
    public var aboveScaleIndustrial: Int
    public var aboveScaleWithRD: Int
    /// F12: statistical basis only.
    public var totalRD: Money
    public var gdp: Money?
    /// F13 in basis points.
    public var intensity: Int?
    /// Firms that reported in the year.
    public var firms: Int
}

/// One figure of the letter as the platform reports it: its value, its period, how it is
/// defined, and where in the web the records behind it are listed.
public struct LetterFigure: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var value: String
    public var period: String
    public var definition: String
    public var drillDown: String?
}

public struct StatisticsReport: Sendable, Codable, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    public var figures: [LetterFigure]
}

extension DistrictStatistics {
    /// The 科技型企业 batch F7 names by default: the first of the report date's year.
    public static func defaultBatch(for to: LocalDate) -> String { "\(to.year)-1" }

    public func rdFigures(year: Int) async throws -> RDFigures {
        try await transactor.read { stores in
            let t = try await stores.rd.yearTotals(year).values.reduce(RDTotals(), +)
            let gdp = try await stores.rd.fetchGDP(year: year)
            return RDFigures(year: year, shareWithRD: t.shareWithRD, aboveScaleIndustrial: t.aboveScaleIndustrial, aboveScaleWithRD: t.aboveScaleWithRD,
                             totalRD: t.statisticalRD, gdp: gdp, intensity: gdp.flatMap { RDIndicators.intensity(rd: t.statisticalRD, gdp: $0) }, firms: t.firms)
        }
    }

    /// Every letter figure the records hold, for `from...to`: the registry's and the loans' over
    /// the period (at its end), the R&D figures for the last whole calendar year ending by `to`
    /// [I], as the letter of mid-2024 reports 2023's.
    public func report(from: LocalDate, to: LocalDate, batch: String) async throws -> StatisticsReport {
        let f = try await registryFigures(since: from, asOf: to, batch: batch)
        let rdYear = to.month == 12 && to.day == 31 ? to.year : to.year - 1
        let rd = try await rdFigures(year: rdYear)
        let period = "\(from)–\(to)", at = "\(to)"
        func n(_ v: Int) -> String { String(v) }
        func loans(_ l: LoanFigures) -> String { "\(l.enterprises) 家 / firms, \(l.enterpriseTimes) 家次 / times, \(l.amount.yuanText) 元" }
        let half = LocalDate(year: to.year, month: to.month <= 6 ? 1 : 7, day: 1)!
        var figures = [
            LetterFigure(id: "F1", label: "高企培育库入库 / pool admissions", value: n(f.poolAdmitted), period: period,
                         definition: "高企培育库 designations issued in the period", drillDown: "/pool?asOf=\(at)"),
            LetterFigure(id: "F2", label: "新增专精特新“小巨人” / new little giants", value: n(f.newLittleGiants), period: period,
                         definition: "littleGiant designations issued in the period", drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=littleGiant&list=new"),
            LetterFigure(id: "F3", label: "新增市级专精特新 / new specialised SMEs", value: n(f.newSpecialised), period: period,
                         definition: "specializedSME designations issued in the period", drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=specializedSME&list=new"),
            LetterFigure(id: "F4", label: "专精特新累计 / specialised SMEs", value: n(f.specialisedValid), period: at,
                         definition: "specializedSME designations valid on the date", drillDown: "/ladder?asOf=\(at)&kind=specializedSME&list=holders"),
            LetterFigure(id: "F5", label: "新增科技型企业 / new S&T enterprises", value: n(f.newTechEnterprises), period: period,
                         definition: "重庆市科技型企业 designations issued in the period", drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=cqTechEnterprise&list=new"),
            LetterFigure(id: "F6", label: "科技型企业累计 / S&T enterprises", value: n(f.techEnterprises), period: at,
                         definition: "重庆市科技型企业 valid on the date", drillDown: "/ladder?asOf=\(at)&kind=cqTechEnterprise&list=holders"),
            LetterFigure(id: "F7", label: "科技型企业批次 \(f.batch) / in batch \(f.batch)", value: n(f.techEnterprisesInBatch), period: f.batch,
                         definition: "重庆市科技型企业 of the named batch", drillDown: nil),
            LetterFigure(id: "F8", label: "高新技术企业 / high-tech enterprises", value: n(f.highTechValid), period: at,
                         definition: "高新技术企业 certificates valid on the date", drillDown: "/ladder?asOf=\(at)&kind=highTech&list=holders"),
            LetterFigure(id: "F11", label: "规上工业企业有研发活动占比 / above-scale industrial firms with R&D", value: rd.shareWithRD.map { RDIndicators.percentText($0, places: 1) } ?? "—",
                         period: "\(rdYear)", definition: "\(rd.aboveScaleWithRD) of \(rd.aboveScaleIndustrial) above-scale industrial firms (B/C/D, revenue ≥ 20 million yuan a year) reported statistical R&D or an R&D project",
                         drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F12", label: "全社会研发经费 / total R&D expenditure", value: "\(rd.totalRD.yuanText) 元", period: "\(rdYear)",
                         definition: "statistical R&D expenditure of the \(rd.firms) firms that reported (the statistical basis only)", drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F13", label: "研发投入强度 / R&D intensity", value: rd.intensity.map { RDIndicators.percentText($0, places: 2) } ?? "—", period: "\(rdYear)",
                         definition: "F12 / district GDP (\(rd.gdp.map { $0.yuanText + " 元" } ?? "not entered"))", drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F16", label: "企业创新平台 / 其中市级 / innovation platforms / municipal", value: "\(f.platforms) / \(f.municipalPlatforms)", period: at,
                         definition: "platforms registered by the date", drillDown: nil),
            LetterFigure(id: "F19", label: "引进人才 / 高技能人才储备 / talents introduced / high-skill reserve", value: "\(f.talentsIntroduced) / \(f.highSkillReserve)", period: at,
                         definition: "talents registered by the date", drillDown: nil),
            LetterFigure(id: "F20", label: "创新积分贷 / innovation-points loans", value: loans(f.innovationPointsLoans), period: "– \(at)",
                         definition: "loans of the product drawn by the date", drillDown: "/loans?product=innovationPoints&to=\(at)"),
            LetterFigure(id: "F21", label: "知识价值信用贷款（半年）/ knowledge-value loans, half year", value: loans(f.knowledgeValueLoansHalfYear),
                         period: "\(half)–\(at)", definition: "knowledge-value loans drawn in the half year", drillDown: "/loans?product=knowledgeValue&from=\(half)&to=\(at)"),
            LetterFigure(id: "F22", label: "知识价值信用贷款累计 / knowledge-value loans, cumulative", value: loans(f.knowledgeValueLoans), period: "– \(at)",
                         definition: "knowledge-value loans drawn by the date; firm-times count each loan", drillDown: "/loans?product=knowledgeValue&to=\(at)"),
        ]
        if let w = f.whiteListed {
            figures.append(LetterFigure(id: "F23", label: "再贷款白名单 / re-lending white list", value: n(w), period: at,
                                        definition: "firms on the latest white list published by the date", drillDown: "/whitelist"))
        }
        let cashout = try await cashoutFigures(year: rdYear)
        if let i = figures.firstIndex(where: { $0.id == "F11" }) { figures.insert(contentsOf: cashout.beforeRD, at: i) }
        figures += cashout.rounds
        figures += try await transactor.read { try await ProgrammeFigures.read($0, asOf: to) }.letterFigures(asOf: to)
        // In the letter's order (F1, F2, …), wherever each group was read.
        figures.sort { (Int($0.id.dropFirst()) ?? 0) < (Int($1.id.dropFirst()) ?? 0) }
        return StatisticsReport(from: from, to: to, figures: figures)
    }

    /// F9 (the 高企 subsidy amounts as published), F10 (subsidies paid in `year`, from the
    /// ledger's postings) and F24 (the latest round's policies that paid anything).
    func cashoutFigures(year: Int) async throws -> (beforeRD: [LetterFigure], rounds: [LetterFigure]) {
        let service = CashoutService(transactor: transactor, clock: { Date() })
        let policies = try await service.policies().map(\.policy)
        guard !policies.isEmpty else { return ([], []) }
        func hteAmount(_ r: Condition.Recognition) -> String {
            policies.first { $0.eligibility == .recognisedInYear(.highTech, r) }.flatMap { p -> String? in
                if case .fixed(let m) = p.amount { return m.yuanText } else { return nil }
            } ?? "—"
        }
        let paid = try await service.paid(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
        var before = [
            LetterFigure(id: "F9", label: "高企首次 / 再次认定补助 / high-tech subsidy, first / later recognition", value: "\(hteAmount(.first)) / \(hteAmount(.later)) 元",
                         period: "policy rule", definition: "the fixed amounts of the published policies paying a first and a later 高企 recognition", drillDown: "/cashout"),
            LetterFigure(id: "F10", label: "兑现财政扶持资金 / subsidies paid", value: "\(paid.yuanText) 元", period: "\(year)",
                         definition: "payments posted in the budget ledger in \(year), all cash-out policies", drillDown: "/cashout/applications?status=paid"),
        ]
        if hteAmount(.first) == "—" { before.removeFirst() }
        guard let round = try await service.latestRound() else { return (before, []) }
        let cashed = try await service.policiesCashed(round: round)
        return (before, [LetterFigure(id: "F24", label: "集中兑现政策 / policies cashed in one round", value: String(cashed), period: "round \(round)",
                                      definition: "policies of the latest round with at least one payment", drillDown: "/cashout")])
    }
}
