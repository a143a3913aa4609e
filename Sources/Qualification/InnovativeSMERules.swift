import Kernel
import Registry

/// 创新型中小企业 (工信部企业〔2022〕63号 附件 1; rules.md §6.1): six indicators in three blocks,
/// the block minimums, and the direct conditions. Every number is data.
public struct InnovativeSMERules: Sendable, Hashable, Codable {
    public var rdToOperatingRevenue: BandTable
    public var mainBusinessGrowth: BandTable
    /// Asset-liability ratio: below `lowBelow` earns `lowPoints`; up to and including `midUpTo`
    /// earns `midPoints`; above earns 0. [I] "55%–75%" is read as inclusive at both ends.
    public var debtLowBelow: Fraction, debtLowPoints: Int, debtMidUpTo: Fraction, debtMidPoints: Int
    public var mainBusinessShare: BandTable
    public var ipHighValueClassI: Int, ipSelfDevelopedClassI: Int, ipClassI: Int, ipClassII: Int
    public var strategicFieldPoints: Int, otherFieldPoints: Int
    public var passTotal: Int, minInnovation: Int, minGrowth: Int, minSpecialisation: Int
    /// Direct condition (四): new equity financing by qualified institutional investors.
    public var minEquityFinancing: Money
    public var directRouteYears: Int

    public static let basis: StaticString = "工信部企业〔2022〕63号 附件1 创新型中小企业评价标准"

    public static let cn2022 = InnovativeSMERules(
        rdToOperatingRevenue: BandTable(percent: [(5, 20), (3, 15), (2, 10), (1, 5)], basis: basis.description + " 一、创新能力"),
        // Growth "0–5%: 5" includes zero growth; below zero earns nothing.
        mainBusinessGrowth: BandTable([.init(atLeast: .percent(15), points: 20), .init(atLeast: .percent(10), points: 15),
                                       .init(atLeast: .percent(5), points: 10), .init(atLeast: Fraction(0, 1), points: 5)],
                                      basis: basis.description + " 二、成长性"),
        debtLowBelow: .percent(55), debtLowPoints: 10, debtMidUpTo: .percent(75), debtMidPoints: 5,
        mainBusinessShare: BandTable(percent: [(70, 20), (60, 15), (55, 10), (50, 5)], basis: basis.description + " 三、专业化"),
        ipHighValueClassI: 20, ipSelfDevelopedClassI: 15, ipClassI: 10, ipClassII: 5,
        strategicFieldPoints: 10, otherFieldPoints: 5,
        passTotal: 60, minInnovation: 20, minGrowth: 15, minSpecialisation: 15,
        minEquityFinancing: Money(yuan: 5_000_000), directRouteYears: 3)
}

public struct InnovativeSMEInput: Sendable {
    public var evaluationYear: Int
    public var asOf: LocalDate
    public var sme: Bool?
    public var latest: FiscalYearFacts?
    public var previous: FiscalYearFacts?
    public var ip: [IPItem]
    public var awards: [Award]
    public var rdInstitutions: [RDInstitution]
    public var equityFinancing: [EquityFinancing]
    public var designations: [Designation]
    public var strategicEmergingIndustry: Bool?
    public var compliance: Compliance

    public init(evaluationYear: Int, asOf: LocalDate, sme: Bool?, latest: FiscalYearFacts?, previous: FiscalYearFacts? = nil,
                ip: [IPItem] = [], awards: [Award] = [], rdInstitutions: [RDInstitution] = [], equityFinancing: [EquityFinancing] = [],
                designations: [Designation] = [], strategicEmergingIndustry: Bool? = nil, compliance: Compliance = Compliance()) {
        self.evaluationYear = evaluationYear; self.asOf = asOf; self.sme = sme; self.latest = latest; self.previous = previous
        self.ip = ip; self.awards = awards; self.rdInstitutions = rdInstitutions; self.equityFinancing = equityFinancing
        self.designations = designations; self.strategicEmergingIndustry = strategicEmergingIndustry; self.compliance = compliance
    }
}

public struct InnovativeSMEResult: Sendable, Hashable {
    public enum Route: String, Sendable, Hashable, Codable, CaseIterable { case score, award, honour, rdInstitution, equityFinancing }
    public var score: Int
    public var innovation: Int
    public var growth: Int
    public var specialisation: Int
    public var qualifies: Bool
    public var route: Route?
    public var checks: [Check]
    /// The score as counted and the most the unknown facts could make it, when they could still
    /// lift it to the pass mark (assessment-v1.md, revised 2026-12); nil otherwise.
    public var scoreRange: PointRange? = nil
}

public enum InnovativeSMEEvaluator {
    public static func evaluate(_ input: InnovativeSMEInput, rules r: InnovativeSMERules, general: GeneralConditions = .cn2022) -> InnovativeSMEResult {
        let f = input.latest
        let b = InnovativeSMERules.basis
        // 一、创新能力: IP related to leading products, and R&D intensity.
        // Each indicator counts what the facts show; an unknown one counts 0, and its block's room
        // adds what it could still earn, for the score's upper end.
        var innovationRoom = 0, growthRoom = 0, specialisationRoom = 0
        func ip(_ tally: IPTally) -> Int {
            tally.points(highValue: r.ipHighValueClassI, selfDeveloped: r.ipSelfDevelopedClassI, classI: r.ipClassI, classII: r.ipClassII)
        }
        let ipPoints = ip(IPTally(input.ip))
        innovationRoom += ip(IPTally(input.ip, optimistic: true)) - ipPoints
        var rdPoints = 0
        if let rd = f?.rdExpense, let rev = f?.operatingRevenue, rev.fen > 0 { rdPoints = r.rdToOperatingRevenue.points(for: Fraction(rd.fen, rev.fen)) } else { innovationRoom += r.rdToOperatingRevenue.most }
        // 二、成长性: main-business revenue growth (needs last year's), and the debt ratio.
        var growthPoints = 0
        if let now = f?.mainBusinessRevenue, let before = input.previous?.mainBusinessRevenue, before.fen > 0 {
            if now.fen >= before.fen { growthPoints = r.mainBusinessGrowth.points(for: Fraction(now.fen - before.fen, before.fen)) }
        } else {
            growthRoom += r.mainBusinessGrowth.most
        }
        var debtPoints = 0
        if let assets = f?.totalAssets, let debt = f?.totalLiabilities, assets.fen > 0 {
            let ratio = Fraction(debt.fen, assets.fen)
            debtPoints = ratio < r.debtLowBelow ? r.debtLowPoints : (r.debtMidUpTo >= ratio ? r.debtMidPoints : 0)
        } else {
            growthRoom += r.debtLowPoints
        }
        // 三、专业化: the leading product's field, and the main-business share. An unknown field
        // counts 0, like every unknown fact (assessment-v1.md, revised 2026-12).
        let fieldPoints = input.strategicEmergingIndustry.map { $0 ? r.strategicFieldPoints : r.otherFieldPoints } ?? 0
        if input.strategicEmergingIndustry == nil { specialisationRoom += r.strategicFieldPoints }
        var sharePoints = 0
        if let mb = f?.mainBusinessRevenue, let rev = f?.operatingRevenue, rev.fen > 0 { sharePoints = r.mainBusinessShare.points(for: Fraction(mb.fen, rev.fen)) } else { specialisationRoom += r.mainBusinessShare.most }

        let innovation = ipPoints + rdPoints, growth = growthPoints + debtPoints, specialisation = fieldPoints + sharePoints
        let score = innovation + growth + specialisation, unknownRoom = innovationRoom + growthRoom + specialisationRoom
        /// Met by what is known; unknown while the unknown parts could still reach the mark; else unmet.
        func status(_ value: Int, room: Int, mark: Int) -> Check.Status { value >= mark ? .met : value + room >= mark ? .unknown : .unmet }
        // Room for the checks appended below, so the array is allocated once.
        var checks: [Check] = []
        checks.reserveCapacity(9)
        checks.append(contentsOf: [
            Check(id: "innovativeSME.sme", status: Check.holds(input.sme), basis: "工信部联企业〔2011〕300号"),
            Check(id: "innovativeSME.total", status: status(score, room: unknownRoom, mark: r.passTotal),
                  value: .count(score), required: .count(r.passTotal), basis: b),
            Check(id: "innovativeSME.innovationBlock", status: status(innovation, room: innovationRoom, mark: r.minInnovation), value: .count(innovation), required: .count(r.minInnovation), basis: b),
            Check(id: "innovativeSME.growthBlock", status: status(growth, room: growthRoom, mark: r.minGrowth), value: .count(growth), required: .count(r.minGrowth), basis: b),
            Check(id: "innovativeSME.specialisationBlock", status: status(specialisation, room: specialisationRoom, mark: r.minSpecialisation), value: .count(specialisation), required: .count(r.minSpecialisation), basis: b),
        ] as [Check])
        if input.strategicEmergingIndustry == nil {
            checks.append(Check(id: "innovativeSME.productField", status: .unknown, basis: b, article: " 三、专业化（主导产品领域未知，未计分 / field unknown, not scored）"))
        }
        if input.previous?.mainBusinessRevenue == nil {
            checks.append(Check(id: "innovativeSME.mainBusinessGrowth", status: .unknown, basis: b, article: " 二、成长性（上年主营业务收入未知 / last year's revenue unknown）"))
        }
        let since = input.evaluationYear - r.directRouteYears + 1
        let financed = input.equityFinancing.filter { $0.qualifiedInvestor && $0.date.year >= since }.reduce(Money.zero) { $0 + $1.amount }
        let direct: [(InnovativeSMEResult.Route, Bool)] = [
            (.award, input.awards.contains { $0.year >= since }),
            (.honour, input.designations.contains { $0.kind == .highTech && $0.isValid(on: input.asOf) }),
            (.rdInstitution, input.rdInstitutions.contains { $0.level == .national || $0.level == .provincial }),
            (.equityFinancing, financed >= r.minEquityFinancing),
        ]
        let byScore = checks[1...4].allSatisfy { $0.status == .met }
        let generalCheck = general.check(input.compliance, id: "innovativeSME.generalConditions")
        checks.append(generalCheck)
        let route: InnovativeSMEResult.Route? = input.sme == true && !general.blocks(generalCheck) ? (byScore ? .score : direct.first { $0.1 }?.0) : nil
        let range = score < r.passTotal && score + unknownRoom >= r.passTotal ? PointRange(score, score + unknownRoom) : nil
        return InnovativeSMEResult(score: score, innovation: innovation, growth: growth, specialisation: specialisation,
                                   qualifies: route != nil, route: route, checks: checks, scoreRange: range)
    }
}
