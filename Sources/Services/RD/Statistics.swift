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
/// The texts are Chinese, as the bureau's reports write them; `en` holds the same in English for
/// the English page (issue 22, item 3: a page shows one language, whole).
public struct LetterFigure: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var value: String
    public var period: String
    public var definition: String
    public var drillDown: String?
    public var en: English

    public struct English: Sendable, Codable, Equatable {
        public var label: String
        public var value: String
        public var period: String
        public var definition: String
    }

    /// Each text as (Chinese, English); a value or period the same in both may be given once.
    public init(id: String, label: (String, String), value: (String, String), period: (String, String), definition: (String, String), drillDown: String?) {
        self.id = id; self.label = label.0; self.value = value.0; self.period = period.0; self.definition = definition.0; self.drillDown = drillDown
        en = English(label: label.1, value: value.1, period: period.1, definition: definition.1)
    }

    public init(id: String, label: (String, String), value: String, period: String, definition: (String, String), drillDown: String?) {
        self.init(id: id, label: label, value: (value, value), period: (period, period), definition: definition, drillDown: drillDown)
    }

    public init(id: String, label: (String, String), value: String, period: (String, String), definition: (String, String), drillDown: String?) {
        self.init(id: id, label: label, value: (value, value), period: period, definition: definition, drillDown: drillDown)
    }

    public init(id: String, label: (String, String), value: (String, String), period: String, definition: (String, String), drillDown: String?) {
        self.init(id: id, label: label, value: value, period: (period, period), definition: definition, drillDown: drillDown)
    }
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
        func n(_ v: Int) -> String { MoneyText.count(v) }
        func loans(_ l: LoanFigures) -> (String, String) {
            ("\(n(l.enterprises)) 家，\(n(l.enterpriseTimes)) 家次，\(MoneyText.amountZh(l.amount))",
             "\(n(l.enterprises)) firms, \(n(l.enterpriseTimes)) firm-times, \(MoneyText.amountEn(l.amount))")
        }
        let half = LocalDate(year: to.year, month: to.month <= 6 ? 1 : 7, day: 1)!
        let year = ("\(rdYear) 年", "\(rdYear)")
        var figures = [
            LetterFigure(id: "F1", label: ("高企培育库入库", "Pool admissions"), value: n(f.poolAdmitted), period: period,
                         definition: ("期间内纳入高企培育库的企业", "firms admitted to the high-tech pool in the period"), drillDown: "/pool?asOf=\(at)"),
            LetterFigure(id: "F2", label: ("新增专精特新“小巨人”", "New little giants"), value: n(f.newLittleGiants), period: period,
                         definition: ("期间内认定的专精特新“小巨人”企业", "little-giant designations issued in the period"), drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=littleGiant&list=new"),
            LetterFigure(id: "F3", label: ("新增市级专精特新", "New specialised SMEs"), value: n(f.newSpecialised), period: period,
                         definition: ("期间内认定的专精特新中小企业", "specialised SME designations issued in the period"), drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=specializedSME&list=new"),
            LetterFigure(id: "F4", label: ("专精特新累计", "Specialised SMEs"), value: n(f.specialisedValid), period: at,
                         definition: ("截止日有效的专精特新中小企业", "specialised SME designations valid on the date"), drillDown: "/ladder?asOf=\(at)&kind=specializedSME&list=holders"),
            LetterFigure(id: "F5", label: ("新增科技型企业", "New S&T enterprises"), value: n(f.newTechEnterprises), period: period,
                         definition: ("期间内入库的重庆市科技型企业", "Chongqing S&T enterprises registered in the period"), drillDown: "/ladder?asOf=\(at)&since=\(from)&kind=cqTechEnterprise&list=new"),
            LetterFigure(id: "F6", label: ("科技型企业累计", "S&T enterprises"), value: n(f.techEnterprises), period: at,
                         definition: ("截止日有效的重庆市科技型企业", "Chongqing S&T enterprises valid on the date"), drillDown: "/ladder?asOf=\(at)&kind=cqTechEnterprise&list=holders"),
            LetterFigure(id: "F7", label: ("科技型企业（\(f.batch) 批次）", "S&T enterprises in batch \(f.batch)"), value: n(f.techEnterprisesInBatch), period: f.batch,
                         definition: ("该批次入库的重庆市科技型企业", "Chongqing S&T enterprises of the named batch"), drillDown: nil),
            LetterFigure(id: "F8", label: ("高新技术企业", "High-tech enterprises"), value: n(f.highTechValid), period: at,
                         definition: ("截止日证书有效的高新技术企业", "high-tech certificates valid on the date"), drillDown: "/ladder?asOf=\(at)&kind=highTech&list=holders"),
            LetterFigure(id: "F11", label: ("规上工业企业有研发活动占比", "Above-scale industrial firms with R&D"),
                         value: rd.shareWithRD.map { RDIndicators.percentText($0, places: 1) } ?? "—", period: year,
                         definition: ("规上工业企业（B/C/D 门类，年营业收入 2000 万元以上）\(n(rd.aboveScaleIndustrial)) 家中，填报统计口径研发经费或研发项目的 \(n(rd.aboveScaleWithRD)) 家",
                                      "\(rd.aboveScaleWithRD) of \(rd.aboveScaleIndustrial) above-scale industrial firms (B/C/D, revenue ≥ 20 million yuan a year) reported statistical R&D or an R&D project"),
                         drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F12", label: ("全社会研发经费", "Total R&D expenditure"), value: (MoneyText.amountZh(rd.totalRD), MoneyText.amountEn(rd.totalRD)), period: year,
                         definition: ("\(n(rd.firms)) 家填报企业的研发经费内部支出（仅统计口径）", "statistical R&D expenditure of the \(rd.firms) firms that reported (the statistical basis only)"),
                         drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F13", label: ("研发投入强度", "R&D intensity"), value: rd.intensity.map { RDIndicators.percentText($0, places: 2) } ?? "—", period: year.0,
                         definition: ("F12 ÷ 地区生产总值（\(rd.gdp.map(MoneyText.amountZh) ?? "未录入")）", "F12 / district GDP (\(rd.gdp.map(MoneyText.amountEn) ?? "not entered"))"),
                         drillDown: "/monitoring?year=\(rdYear)"),
            LetterFigure(id: "F16", label: ("企业创新平台 / 其中市级", "Innovation platforms / municipal"), value: "\(n(f.platforms)) / \(n(f.municipalPlatforms))", period: at,
                         definition: ("截止日登记的企业创新平台", "platforms registered by the date"), drillDown: nil),
            LetterFigure(id: "F19", label: ("引进人才 / 高技能人才储备", "Talents introduced / high-skill reserve"), value: "\(n(f.talentsIntroduced)) / \(n(f.highSkillReserve))", period: at,
                         definition: ("截止日登记的人才", "talents registered by the date"), drillDown: nil),
            LetterFigure(id: "F20", label: ("创新积分贷", "Innovation-points loans"), value: loans(f.innovationPointsLoans), period: ("截至 \(at)", "to \(at)"),
                         definition: ("截止日前发放的创新积分贷", "loans of the product drawn by the date"), drillDown: "/loans?product=innovationPoints&to=\(at)"),
            LetterFigure(id: "F21", label: ("知识价值信用贷款（半年）", "Knowledge-value loans, half year"), value: loans(f.knowledgeValueLoansHalfYear),
                         period: ("\(half)–\(at)", "\(half)–\(at)"), definition: ("本半年发放的知识价值信用贷款", "knowledge-value loans drawn in the half year"),
                         drillDown: "/loans?product=knowledgeValue&from=\(half)&to=\(at)"),
            LetterFigure(id: "F22", label: ("知识价值信用贷款累计", "Knowledge-value loans, cumulative"), value: loans(f.knowledgeValueLoans), period: ("截至 \(at)", "to \(at)"),
                         definition: ("截止日前发放的知识价值信用贷款；每笔贷款计一家次", "knowledge-value loans drawn by the date; firm-times count each loan"),
                         drillDown: "/loans?product=knowledgeValue&to=\(at)"),
        ]
        if let w = f.whiteListed {
            figures.append(LetterFigure(id: "F23", label: ("再贷款白名单", "Re-lending white list"), value: n(w), period: at,
                                        definition: ("截止日前最近一次发布的白名单所列企业", "firms on the latest white list published by the date"), drillDown: "/whitelist"))
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
        func hteAmount(_ r: Condition.Recognition) -> Money? {
            policies.first { $0.eligibility == .recognisedInYear(.highTech, r) }.flatMap { p -> Money? in
                if case .fixed(let m) = p.amount { return m } else { return nil }
            }
        }
        let first = hteAmount(.first), later = hteAmount(.later)
        let paid = try await service.paid(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
        var before = [
            LetterFigure(id: "F9", label: ("高企首次 / 再次认定补助", "High-tech subsidy, first / later recognition"),
                         value: ("\(first.map(MoneyText.amountZh) ?? "—") / \(later.map(MoneyText.amountZh) ?? "—")", "\(first.map(MoneyText.amountEn) ?? "—") / \(later.map(MoneyText.amountEn) ?? "—")"),
                         period: ("政策规定", "policy rule"), definition: ("已发布政策对首次、再次认定高企的定额补助", "the fixed amounts of the published policies paying a first and a later high-tech recognition"),
                         drillDown: "/cashout"),
            LetterFigure(id: "F10", label: ("兑现财政扶持资金", "Subsidies paid"), value: (MoneyText.amountZh(paid), MoneyText.amountEn(paid)), period: ("\(year) 年", "\(year)"),
                         definition: ("\(year) 年预算台账中的拨付，含全部兑现政策", "payments posted in the budget ledger in \(year), all cash-out policies"), drillDown: "/cashout/applications?status=paid"),
        ]
        if first == nil { before.removeFirst() }
        guard let round = try await service.latestRound() else { return (before, []) }
        let cashed = try await service.policiesCashed(round: round)
        return (before, [LetterFigure(id: "F24", label: ("集中兑现政策", "Policies cashed in one round"), value: (String(cashed), String(cashed)), period: ("\(round) 批次", "round \(round)"),
                                      definition: ("最近一批次中已有拨付的政策", "policies of the latest round with at least one payment"), drillDown: "/cashout")])
    }
}
