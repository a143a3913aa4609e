import Kernel
import Registry

/// What the 科技型中小企业 evaluation reads: the evaluation year's books, IP, awards, R&D
/// institutions, standards led, designations held, and compliance.
public struct TechSMEInput: Sendable {
    public var evaluationYear: Int
    public var asOf: LocalDate
    public var year: FiscalYearFacts?
    public var ip: [IPItem]
    public var awards: [Award]
    public var rdInstitutions: [RDInstitution]
    public var standardsLed: [StandardLed]
    public var designations: [Designation]
    public var compliance: Compliance

    public init(evaluationYear: Int, asOf: LocalDate, year: FiscalYearFacts?, ip: [IPItem] = [], awards: [Award] = [],
                rdInstitutions: [RDInstitution] = [], standardsLed: [StandardLed] = [], designations: [Designation] = [],
                compliance: Compliance = Compliance()) {
        self.evaluationYear = evaluationYear; self.asOf = asOf; self.year = year; self.ip = ip; self.awards = awards
        self.rdInstitutions = rdInstitutions; self.standardsLed = standardsLed; self.designations = designations; self.compliance = compliance
    }
}

public struct TechSMEResult: Sendable, Hashable {
    /// The basic conditions alone (size, residency, compliance): 第六条.
    public var eligibility: Check.Status
    public var score: Int
    public var stStaffPoints: Int
    public var rdInputPoints: Int
    public var achievementPoints: Int
    public var qualifies: Bool
    /// `score`, or the first direct route that holds (第八条), or nil.
    public var route: Route?
    public var checks: [Check]
    /// Why the provincial office would check on site (rules.md §11.2 K6); empty when none applies.
    /// Not a condition: a flagged firm may still qualify.
    public var onSiteCheck: [OnSiteReason]

    public enum Route: String, Sendable, Hashable, Codable, CaseIterable { case score, highTech, award, rdInstitution, standard }
    public enum OnSiteReason: String, Sendable, Hashable, Codable, CaseIterable {
        case fewEmployees, highStStaffShare, firstApplication, recentSanction
    }
    public var eligible: Bool { eligibility == .met }
}

/// 科技型中小企业: eligibility (第六条), the 100-point table (第七条) and the direct routes (第八条).
public enum TechSMEEvaluator {
    public static func evaluate(_ input: TechSMEInput, rules r: TechSMERules) -> TechSMEResult {
        let f = input.year
        let basis6 = TechSMERules.basisEligibility
        // Room for the checks appended below, so the array is allocated once.
        var checks: [Check] = []
        checks.reserveCapacity(13)
        checks.append(contentsOf: [
            Check(id: "techSME.employees", status: Check.holds(f?.employees.map { $0 <= r.maxEmployees }),
                  value: f?.employees.map(Check.Value.count), required: .count(r.maxEmployees), basis: basis6, article: " (二)"),
            Check(id: "techSME.salesRevenue", status: Check.holds(f?.salesRevenue.map { $0 <= r.maxSalesRevenue }),
                  value: f?.salesRevenue.map(Check.Value.money), required: .money(r.maxSalesRevenue), basis: basis6, article: " (二)"),
            Check(id: "techSME.totalAssets", status: Check.holds(f?.totalAssets.map { $0 <= r.maxTotalAssets }),
                  value: f?.totalAssets.map(Check.Value.money), required: .money(r.maxTotalAssets), basis: basis6, article: " (二)"),
            Check(id: "techSME.resident", status: Check.holds(input.compliance.residentEnterprise), basis: basis6, article: " (一)"),
            Check(id: "techSME.taxOnBooks", status: Check.holds(input.compliance.taxOnBooks), basis: basis6, article: " (一), 国科火字〔2022〕67号"),
            Check(id: "techSME.notRestricted", status: Check.holds(input.compliance.restrictedIndustry.map { !$0 }), basis: basis6, article: " (三)"),
            Check(id: "techSME.noSeriousIncident", status: Check.holds(input.compliance.seriousIncidentLastYear.map { !$0 }), basis: basis6, article: " (四)"),
            Check(id: "techSME.notDishonest", status: Check.holds(input.compliance.dishonestList.map { !$0 }), basis: basis6, article: " (四)"),
            Check(id: "techSME.notAbnormal", status: Check.holds(input.compliance.abnormalOperationList.map { !$0 }), basis: basis6, article: " (四)"),
        ] as [Check])
        // Sanctions (国科火字〔2022〕67号): a number revoked this year bars a new registration
        // until the year ends; one revoked for falsification bars it for three years.
        var revokedThisYear = false, barred = false, recentlyRevoked = false, heldBefore = false
        for d in input.designations where d.kind == .techSME {
            heldBefore = heldBefore || d.issuedOn < input.asOf
            guard let year = d.revokedOn?.year else { continue }
            revokedThisYear = revokedThisYear || year == input.asOf.year
            recentlyRevoked = recentlyRevoked || input.asOf.year - year < r.falsificationBarYears
            barred = barred || (d.revokedFor == .falsification && input.asOf.year < year + r.falsificationBarYears)
        }
        checks.append(Check(id: "techSME.notRevokedThisYear", status: revokedThisYear ? .unmet : .met, basis: TechSMERules.basisSanctions))
        checks.append(Check(id: "techSME.noFalsificationBar", status: barred ? .unmet : .met, basis: TechSMERules.basisSanctions))
        let eligibility = checks.combined

        // 第七条: unknown facts earn nothing (and are reported as unknown above or below).
        var stShare: Fraction?
        if let e = f?.employees, let s = f?.stStaff, e > 0 { stShare = Fraction(Int64(s), Int64(e)) }
        let stPoints = stShare.map(r.stStaff.points(for:)) ?? 0
        var rdPoints = 0
        if let rd = f?.rdExpense {
            if let sales = f?.salesRevenue, sales.fen > 0 { rdPoints = max(rdPoints, r.rdToSales.points(for: Fraction(rd.fen, sales.fen))) }
            if let cost = f?.totalCostAndExpense, cost.fen > 0 { rdPoints = max(rdPoints, r.rdToCost.points(for: Fraction(rd.fen, cost.fen))) }
        }
        let ip = IPTally(input.ip)
        let ipPoints = ip.classI > 0 ? r.classIPoints : r.classIIPoints.first { ip.classII >= $0.count }?.points ?? 0
        let score = stPoints + rdPoints + ipPoints
        checks.append(Check(id: "techSME.score", status: score >= r.passScore ? .met : .unmet, value: .count(score),
                            required: .count(r.passScore), basis: TechSMERules.basisPassMark))
        checks.append(Check(id: "techSME.stStaffNonZero", status: stShare == nil ? .unknown : (stPoints > 0 ? .met : .unmet),
                            value: stShare.map(Check.Value.ratio), required: .ratio(r.stStaff.bands.last?.atLeast ?? .percent(10)),
                            basis: TechSMERules.basisPassMark))

        // 第八条: direct routes, in the order the article lists them.
        let since = input.evaluationYear - r.directRouteYears + 1
        let direct: [(TechSMEResult.Route, Bool)] = [
            (.highTech, input.designations.contains { $0.kind == .highTech && $0.isValid(on: input.asOf) }),
            (.award, input.awards.contains { $0.level == .national && $0.year >= since && ($0.rank ?? Int.max) <= r.awardTopRank }),
            (.rdInstitution, input.rdInstitutions.contains { $0.level == .national || $0.level == .provincial }),
            (.standard, input.standardsLed.contains { $0.year >= since }),
        ]
        let byScore = score >= r.passScore && stPoints > 0
        let route: TechSMEResult.Route? = eligibility == .met ? (byScore ? .score : direct.first { $0.1 }?.0) : nil
        var onSite: [TechSMEResult.OnSiteReason] = []
        if let e = f?.employees {
            if e <= r.onSiteMaxEmployees { onSite.append(.fewEmployees) }
            if e >= r.onSiteStShareMinEmployees, let share = stShare, share >= r.onSiteStShare { onSite.append(.highStStaffShare) }
        }
        if !heldBefore { onSite.append(.firstApplication) }
        if recentlyRevoked { onSite.append(.recentSanction) }
        return TechSMEResult(eligibility: eligibility, score: score, stStaffPoints: stPoints, rdInputPoints: rdPoints,
                             achievementPoints: ipPoints, qualifies: route != nil, route: route, checks: checks, onSiteCheck: onSite)
    }
}
