import Kernel
import Registry
import Testing
@testable import Qualification

/// Unknown is unknown (assessment-v1.md, revised 2026-12; issue 18, item 3): an IP item's unstated
/// attributes earn nothing, a score with unknown parts that could still reach the pass mark is
/// reported with its range and an `unknown` check, and neither side of the pass mark is guessed.
@Suite struct UnknownFactsTests {
    let innovative = InnovativeSMETests()

    static let unstated = IPItem(kind: .invention, valid: false, relatedToMainProduct: false, selfDeveloped: false,
                                 unknown: [.valid, .relatedToMainProduct, .selfDeveloped])

    func total(_ r: InnovativeSMEResult) -> Check.Status? { r.checks.first { $0.id == "innovativeSME.total" }?.status }

    @Test func anUnstatedIPItemEarnsNothingButMightEarnTheMost() {
        let stated = InnovativeSMEEvaluator.evaluate(innovative.input(), rules: .cn2022)
        let unknown = InnovativeSMEEvaluator.evaluate(innovative.input(ip: [Self.unstated]), rules: .cn2022)
        // A stated valid, related, self-developed class-I item earns 15; unstated it earns 0.
        #expect(stated.innovation - unknown.innovation == 15, "\(stated.innovation) vs \(unknown.innovation)")
        #expect(IPTally([Self.unstated]).tier == .none && IPTally([Self.unstated], optimistic: true).tier == .selfDevelopedClassI)
        let hte = HighTechEvaluator.evaluate(HighTechTests().input(ip: [Self.unstated]), rules: .cn2016)
        #expect(hte.conditions.first { $0.id == "highTech.coreIP" }?.status == .unknown, "core IP unknown, not failed")
        #expect(hte.verdict != .ineligible)
        let known = HighTechEvaluator.evaluate(HighTechTests().input(), rules: .cn2016)
        #expect(hte.scoreRange.max == known.scoreRange.max && hte.scoreRange.min < known.scoreRange.min, "the range keeps its top and lowers its floor")
    }

    /// Both sides of the pass mark with unknown parts: 75 known points pass outright; dropping the R&D
    /// figures takes 20 and leaves 55, which the unknown 20 could lift past 60 — unknown, with the range;
    /// dropping the IP as well leaves 40 known points and 40 possible, 80 at most: still unknown; with
    /// only 5 possible (the field) the total cannot reach 60 — unmet, no range.
    @Test func theScoreCheckIsUnknownOnlyWhenTheUnknownCouldReachThePassMark() {
        let award = [Award(level: .national, year: 2022, rank: 2)]
        let full = InnovativeSMEEvaluator.evaluate(innovative.input(awards: award), rules: .cn2022)
        #expect(total(full) == .met && full.scoreRange == nil)

        let noRD = innovative.with { $0.rdExpense = nil }
        let r = InnovativeSMEEvaluator.evaluate(innovative.input(latest: noRD), rules: .cn2022)
        #expect(r.score == 55 && total(r) == .unknown && r.scoreRange == PointRange(55, 95) && !r.qualifies,
                "55 counted; growth (20) and R&D (20) unknown: \(r.score) \(String(describing: r.scoreRange))")

        var poor = innovative.with { $0.rdExpense = Money(yuan: 1); $0.mainBusinessRevenue = Money(yuan: 1) }
        poor.totalAssets = Money(yuan: 100); poor.totalLiabilities = Money(yuan: 99)
        let low = InnovativeSMEEvaluator.evaluate(innovative.input(latest: poor, previous: poor, ip: [], strategic: nil), rules: .cn2022)
        #expect(total(low) == .unmet && low.scoreRange == nil, "at most \(low.score) + 10 for the field: below 60")
    }

    /// Each block too (the reviewer's case): R&D unknown with one class-II item is 5 of the innovation
    /// block's 20 — unknown, since the R&D band could add 20; with R&D known and small, unmet.
    @Test func aBlockShortOnlyThroughUnknownFactsIsUnknown() {
        func block(_ r: InnovativeSMEResult) -> Check.Status? { r.checks.first { $0.id == "innovativeSME.innovationBlock" }?.status }
        let classII = [IPItem(kind: .utilityModel)]
        let unknownRD = InnovativeSMEEvaluator.evaluate(innovative.input(latest: innovative.with { $0.rdExpense = nil }, ip: classII), rules: .cn2022)
        #expect(unknownRD.innovation == 5 && block(unknownRD) == .unknown)
        let smallRD = InnovativeSMEEvaluator.evaluate(innovative.input(latest: innovative.with { $0.rdExpense = Money(yuan: 1) }, ip: classII), rules: .cn2022)
        #expect(smallRD.innovation == 5 && block(smallRD) == .unmet)
        // The contract example's growth block: 10 counted, growth unknown (up to 20) → unknown, not unmet.
        let example = InnovativeSMEEvaluator.evaluate(innovative.input(awards: [Award(level: .national, year: 2022, rank: 2)]), rules: .cn2022)
        #expect(example.growth == 10 && example.checks.first { $0.id == "innovativeSME.growthBlock" }?.status == .unknown)
    }

    @Test func anUnknownProductFieldCountsNothing() {
        let known = InnovativeSMEEvaluator.evaluate(innovative.input(strategic: false), rules: .cn2022)
        let unknown = InnovativeSMEEvaluator.evaluate(innovative.input(strategic: nil), rules: .cn2022)
        #expect(known.specialisation - unknown.specialisation == 5, "\"other\" earns 5; unknown earns 0")
    }

    /// 专精特新 (defect 5 of the read): the four evidence items (30 points) and any unknown indicator
    /// keep the score check open while they could lift it to 60. The contract example: 45 counted,
    /// growth (10, one year on record) and the evidence (30) unknown → unknown, 45–85.
    @Test func theSpecialisedScoreIsUnknownWhileTheEvidenceCouldLiftIt() {
        let spec = SpecializedSMETests()
        let example = SpecializedSMEEvaluator.evaluate(spec.input(), rules: .cn2022)
        #expect(example.score == 45 && example.scoreRange == PointRange(45, 85))
        #expect(example.checks.first { $0.id == "specializedSME.score" }?.status == .unknown)
        // Three years of 12 % growth known: 10 more points, room 30 → 55–85, still open.
        let y1 = spec.with { $0.year = 2021; $0.mainBusinessRevenue = Money(yuan: 60_000_000) }
        let y2 = spec.with { $0.year = 2022; $0.mainBusinessRevenue = Money(yuan: 67_200_000) }
        let grown = SpecializedSMEEvaluator.evaluate(SpecializedSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: true,
                                                                        years: [y1, y2, HighTechTests.example], yearsInNiche: 4, ip: [IPItem(kind: .invention)],
                                                                        rdInstitutions: [RDInstitution(level: .provincial)]), rules: .cn2022)
        #expect(grown.score == 55 && grown.scoreRange == PointRange(55, 85))
        // Everything known and weak: 8 points + 30 evidence < 60 → unmet, no range.
        let weak = spec.with { $0.mainBusinessRevenue = Money(yuan: 1); $0.netProfit = Money(yuan: -1); $0.totalLiabilities = Money(yuan: 119_000_000)
                               $0.rdExpense = Money(yuan: 1); $0.rdStaff = 0 }
        let low = SpecializedSMEEvaluator.evaluate(SpecializedSMEInput(evaluationYear: 2023, asOf: LocalDate("2024-06-30")!, sme: true,
                                                                      years: [spec.with { $0.year = 2021; $0.mainBusinessRevenue = Money(yuan: 1) },
                                                                              spec.with { $0.year = 2022; $0.mainBusinessRevenue = Money(yuan: 1) }, weak],
                                                                      yearsInNiche: 4, ip: [], rdInstitutions: []), rules: .cn2022)
        #expect(low.score + 30 < 60 && low.scoreRange == nil && low.checks.first { $0.id == "specializedSME.score" }?.status == .unmet, "score \(low.score)")
    }
}
