import Kernel
import Registry
import Testing
@testable import Qualification

/// The MIIT general conditions (rules.md §6.0; assessment-v1.md, revised 2026-12): every tier,
/// every route, direct routes included; a listed or sanctioned firm does not qualify; absent
/// facts leave the check unknown, shown and — by the data's choice — not held against the firm.
@Suite struct GeneralConditionsTests {
    static let clean = Compliance(restrictedIndustry: false, seriousIncidentLastYear: false, dishonestList: false, abnormalOperationList: false)

    static func with(_ change: (inout Compliance) -> Void) -> Compliance { var c = clean; change(&c); return c }

    static let failing: [Compliance] = [
        with { $0.dishonestList = true }, with { $0.abnormalOperationList = true },
        with { $0.seriousIncidentLastYear = true }, with { $0.restrictedIndustry = true },
    ]
    static let unknown: [Compliance] = [
        with { $0.dishonestList = nil }, with { $0.abnormalOperationList = nil },
        with { $0.seriousIncidentLastYear = nil }, with { $0.restrictedIndustry = nil }, Compliance(),
    ]

    /// 创新型 by its award route (the contract example's route): the conditions bind it too.
    func innovative(_ c: Compliance, general: GeneralConditions = .cn2022) -> InnovativeSMEResult {
        InnovativeSMEEvaluator.evaluate(InnovativeSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: true, latest: HighTechTests.example,
                                                           awards: [Award(level: .national, year: 2022, rank: 2)], compliance: c),
                                        rules: .cn2022, general: general)
    }

    func specialized(_ c: Compliance, general: GeneralConditions = .cn2022) -> SpecializedSMEResult {
        SpecializedSMEEvaluator.evaluate(SpecializedSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: true, years: [HighTechTests.example],
                                                             yearsInNiche: 4, awards: [Award(level: .national, year: 2022, rank: 2)], compliance: c),
                                         rules: .cn2022, general: general)
    }

    func status(_ checks: [Check], _ id: String) -> Check.Status? { checks.first { $0.id == id }?.status }

    @Test func aCleanFirmQualifiesByItsDirectRoute() {
        #expect(innovative(Self.clean).qualifies && innovative(Self.clean).route == .award)
        #expect(status(innovative(Self.clean).checks, "innovativeSME.generalConditions") == .met)
        #expect(specialized(Self.clean).qualifies && status(specialized(Self.clean).checks, "specializedSME.generalConditions") == .met)
    }

    @Test(arguments: failing)
    func aListedOrSanctionedFirmDoesNotQualifyOnAnyRoute(_ c: Compliance) {
        let i = innovative(c), s = specialized(c)
        #expect(!i.qualifies && i.route == nil && status(i.checks, "innovativeSME.generalConditions") == .unmet)
        #expect(!s.qualifies && s.route == nil && status(s.checks, "specializedSME.generalConditions") == .unmet)
        let giant = LittleGiantEvaluator.evaluate(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, years: [HighTechTests.example], yearsInNiche: 4, ip: [],
                                                  awards: [], rdInstitutions: [], equityFinancing: [], designations: [], compliance: c, rules: .cn2022)
        // 小巨人 never qualifies on data alone (its evidence checks stay unknown), so only the check can show the listing.
        #expect(status(giant.checks, "littleGiant.generalConditions") == .unmet)
    }

    @Test(arguments: unknown)
    func absentFactsAreUnknownAndBlockOnlyWhenTheDataSaysSo(_ c: Compliance) {
        let i = innovative(c)
        #expect(status(i.checks, "innovativeSME.generalConditions") == .unknown && i.qualifies, "shown as unknown, not held against the firm")
        let strict = GeneralConditions(unknownBlocks: true)
        #expect(!innovative(c, general: strict).qualifies && !specialized(c, general: strict).qualifies, "the stricter reading, one flag away")
    }
}
