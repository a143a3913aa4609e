import Kernel
@testable import Matching
import Testing

/// The duplicate check (issue: programmes and matching, item 3): a firm's claims that read alike,
/// or draw on one budget line for overlapping periods, are flagged; nothing else is.
@Suite struct OverlapTests {
    static func day(_ s: String) -> LocalDate { LocalDate(s)! }
    static func project(_ id: Int64, _ text: String, line: String? = nil, _ from: String? = nil, _ to: String? = nil) -> FundingClaim {
        FundingClaim(kind: .project, id: id, title: text, text: text, budgetLine: line, period: from.flatMap { f in to.map { day(f)...day($0) } })
    }
    let rule = ProgrammeRules.tongliang2024.overlap

    @Test func aRetitledCopyIsFlaggedAndFieldVocabularyAloneIsNot() {
        let mine = Self.project(1, "储能电芯一致性关键技术研发与产业化 面向储能电芯的一致性控制与梯次利用")
        let copy = Self.project(2, "储能电芯一致性关键技术研发与产业化（二期） 面向储能电芯的一致性控制与梯次利用")
        let sameField = Self.project(3, "储能电站消防安全监测平台建设 面向储能电站的火灾预警与运维")
        let found = rule.overlaps(of: mine, among: [mine, copy, sameField])
        #expect(found.map(\.other.id) == [2], "itself is never a match; the field's words alone are not enough")
        #expect(found[0].textSimilarity > 0.9 && !found[0].sameBudgetLine && !found[0].periodsOverlap)
        let shared = OverlapRule.dice(OverlapRule.pairs(mine.text, removing: ""), OverlapRule.pairs(sameField.text, removing: ""))
        #expect(shared > 0.1 && shared < 0.6, "they do share words (\(shared)), below the threshold")
    }

    @Test func theThresholdIsInclusiveOnItsEdge() {
        // "abcd" and "abce": pairs ab bc cd / ab bc ce, two of three shared: 2·2/6 = 2/3.
        let a = Self.project(1, "abcd"), b = Self.project(2, "abce")
        #expect(OverlapRule(similarText: 2.0 / 3).overlaps(of: a, among: [b]).count == 1)
        #expect(OverlapRule(similarText: 2.0 / 3 + 0.0001).overlaps(of: a, among: [b]).isEmpty)
    }

    @Test func theSameBudgetLineCountsOnlyForOverlappingPeriods() {
        let mine = Self.project(1, "电芯研发", line: "TL-ZX-2024", "2024-07-01", "2025-06-30")
        let lastDay = Self.project(2, "热管理平台", line: "TL-ZX-2024", "2025-06-30", "2026-06-30")
        let dayAfter = Self.project(3, "热管理平台", line: "TL-ZX-2024", "2025-07-01", "2026-06-30")
        let otherLine = Self.project(4, "热管理平台", line: "TL-ZX-2023", "2024-07-01", "2025-06-30")
        let noLine = Self.project(5, "热管理平台", line: nil, "2024-07-01", "2025-06-30")
        let noPeriod = Self.project(6, "热管理平台", line: "TL-ZX-2024")
        let found = rule.overlaps(of: mine, among: [lastDay, dayAfter, otherLine, noLine, noPeriod])
        #expect(found.map(\.other.id) == [2], "sharing one day overlaps; the day after does not; another line, no line or no period is no evidence")
        #expect(found[0].sameBudgetLine && found[0].periodsOverlap)
        // A subsidy for the same year from the same line: the kinds differ, the ids may coincide.
        let subsidy = FundingClaim(kind: .subsidy, id: 1, title: "研发补助", text: "研发费用补助", budgetLine: "TL-ZX-2024",
                                   period: Self.day("2024-01-01")...Self.day("2024-12-31"))
        #expect(rule.overlaps(of: mine, among: [subsidy]).map(\.other.kind) == [.subsidy])
    }

    @Test func theFirmsNameIsNoEvidence() {
        let name = "重庆铜梁海辰储能科技有限公司"
        let a = Self.project(1, "\(name)电芯一致性研发"), b = Self.project(2, "\(name)消防监测平台")
        #expect(rule.overlaps(of: a, among: [b]).count == 1, "with the name the titles look alike")
        #expect(rule.overlaps(of: a, among: [b], firmName: name).isEmpty, "without it they do not")
    }

    @Test func resultsAreOrderedAndStable() {
        let mine = Self.project(1, "abcdef")
        let others = [Self.project(3, "abcdeg"), Self.project(2, "abcdef"), Self.project(4, "abcdeg")]
        let first = rule.overlaps(of: mine, among: others).map(\.other.id)
        #expect(first == [2, 3, 4], "most similar first, then by id")
        #expect(rule.overlaps(of: mine, among: others.reversed()).map(\.other.id) == first)
        #expect(OverlapRule.dice([:], ["ab": 1]) == 0)
    }
}
