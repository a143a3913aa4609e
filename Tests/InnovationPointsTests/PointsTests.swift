import Kernel
import Testing
@testable import InnovationPoints

/// rules.md §11.5: model validation, stages at their band edges, both normalisers, ranks with
/// ties, lists at their cut-offs, explanations.
@Suite struct PointsTests {
    let model = PointsModel.national2024

    @Test func theNationalModelIsValidAndItsWeightsSumPerStage() {
        #expect(model.problems.isEmpty, "\(model.problems)")
        #expect(model.indicators.count == 18)
        for s in model.stages.indices {
            #expect(Indicator.Group.allCases.reduce(0) { $0 + model.groupWeight($1, stage: s) } == 10_000)
        }
        var broken = model
        broken.weights["T1"]![0] += 1
        #expect(broken.problems == ["阶段 startUp 的权重合计 100.01%，应为 100% / stage startUp: weights sum to 100.01%, not 100%"])
        broken = model
        broken.weights["X9"] = [0, 0, 0]
        #expect(broken.problems.contains { $0.hasSuffix(" / weights name an unknown indicator: X9") })
        broken = model
        broken.lists[1].topPermille = 40
        #expect(broken.problems.contains { $0.hasSuffix(" / list cut-offs must rise within 0.1 %–100 % (1–1000 ‰)") })
        broken = model
        broken.stageRule = .revenue([StageRule.Band(below: 5, stage: "startUp"), StageRule.Band(below: 3, stage: "growth"), StageRule.Band(below: nil, stage: "mature")])
        #expect(broken.problems.contains { $0.hasSuffix(" / stage bands must rise") })
    }

    /// Revenue below 5 M is 初创, below 50 M 成长, from 50 M 稳定: each edge on both sides.
    @Test(arguments: [(4_999_999, "startUp"), (5_000_000, "growth"), (49_999_999, "growth"), (50_000_000, "mature")] as [(Int64, String)])
    func stageBands(_ yuan: Int64, _ stage: String) {
        #expect(model.stageRule.stage(revenue: Money(yuan: yuan), years: nil) == stage)
    }

    @Test func stageUnknownWithoutTheFact() {
        #expect(model.stageRule.stage(revenue: nil, years: 5) == nil)
        #expect(StageRule.age([StageRule.Band(below: 3, stage: "a"), StageRule.Band(below: nil, stage: "b")]).stage(revenue: nil, years: 3) == "b")
    }

    @Test func linearNormaliserCapsAndFloors() {
        #expect(PointsEngine.linear(5, reference: 10, higherIsBetter: true) == 0.5)
        #expect(PointsEngine.linear(10, reference: 10, higherIsBetter: true) == 1)
        #expect(PointsEngine.linear(25, reference: 10, higherIsBetter: true) == 1)
        #expect(PointsEngine.linear(-3, reference: 10, higherIsBetter: true) == 0, "a negative growth earns nothing")
        #expect(PointsEngine.linear(.nan, reference: 10, higherIsBetter: true) == 0, "missing earns nothing")
        #expect(PointsEngine.linear(2, reference: 10, higherIsBetter: false) == 0.8)
    }

    /// Two indicators, one stage, so the arithmetic can be checked by hand.
    func tiny(_ normaliser: PointsModel.Normaliser) -> PointsModel {
        PointsModel(id: "t", effectiveFrom: LocalDate(year: 2024, month: 1, day: 1)!, basis: "test", scale: 100,
                    stages: [Stage(id: "all", chineseName: "全部", englishName: "all")], stageRule: .revenue([StageRule.Band(below: nil, stage: "all")]),
                    indicators: [Indicator(id: "a", chineseName: "a", englishName: "a", group: .technical, unit: "yuan", reference: 100, source: "t"),
                                 Indicator(id: "b", chineseName: "b", englishName: "b", group: .growth, unit: "count", reference: 10, source: "t")],
                    weights: ["a": [6_000], "b": [4_000]], normaliser: normaliser, bonus: [], negative: [],
                    lists: [PointsModel.ListTier(id: "top", chineseName: "领跑", englishName: "top", topPermille: 200),
                            PointsModel.ListTier(id: "next", chineseName: "竞跑", englishName: "next", topPermille: 400)])
    }

    func columns(_ a: [Double], _ b: [Double], adjustment: [Double]? = nil) -> PointsColumns {
        var c = PointsColumns(count: a.count, indicators: 2)
        c.stage = Array(repeating: 0, count: a.count)
        c.values = [a, b]
        if let adjustment { c.adjustment = adjustment }
        return c
    }

    @Test func linearScoresRanksAndLists() {
        // Points: 60·min(a/100,1) + 40·min(b/10,1) + adjustment.
        let c = columns([100, 50, 50, 0, .nan], [10, 5, 5, 10, 2], adjustment: [0, 0, 0, 0, -50])
        let r = PointsEngine.score(c, model: tiny(.linear), threads: 2)
        #expect(r.points == [100, 50, 50, 40, 0], "floored at 0")
        #expect(r.rank == [1, 2, 2, 4, 5], "ties share a rank")
        #expect(r.stageSize == [5])
        // Top 20 % of 5 is rank ≤ 1; top 40 % is rank ≤ 2: both tied firms reach it.
        #expect(r.list == [0, 1, 1, -1, -1])
    }

    @Test func percentileRanksWithinTheStage() {
        let c = columns([10, 20, 20, 40, .nan], [1, 1, 1, 1, 1])
        let n = PointsEngine.normalise(c, model: tiny(.percentile), threads: 2)
        // Of the four with a value, each beats: 0, 1, 1, 3 → /3.
        #expect(n[0] == [0, 1.0 / 3, 1.0 / 3, 1, 0])
        #expect(n[1] == [0, 0, 0, 0, 0], "all equal: nobody is beaten")
        var solo = columns([7], [3])
        solo.stage = [0]
        #expect(PointsEngine.normalise(solo, model: tiny(.percentile), threads: 1)[0] == [1], "a stage's only firm earns full marks")
    }

    @Test func unclassifiedFirmsAreNotScored() {
        var c = columns([100, 100], [10, 10])
        c.stage = [0, -1]
        let r = PointsEngine.score(c, model: tiny(.linear), threads: 1)
        #expect(r.points == [100, 0] && r.rank == [1, 0] && r.stageSize == [1])
    }

    @Test func explanationsSayWhatEarnedWhatAndWhatTheNextListTakes() throws {
        let c = columns([100, 40, 10, 20, .nan], [10, 5, 5, 5, 2])
        let m = tiny(.linear)
        let r = PointsEngine.score(c, model: m, threads: 1)
        #expect(r.points == [100, 44, 26, 32, 8])
        let e = try #require(PointsExplanation.explain(4, columns: c, model: m, result: r))
        #expect(e.parts[0].raw == nil && e.parts[0].points == 0, "missing data earns nothing, and is shown as missing")
        #expect(e.parts[1].raw == 2 && e.parts[1].points == 8)
        // Not on a list; the lowest list (top 40 % of 5 = rank ≤ 2) needs 44 points: 36 short.
        #expect(e.list == nil && e.nextList?.list == 1 && e.nextList?.pointsShort == 36)
        // By a alone: 36/60 of the reference 100 = 60 yuan; by b it would need more than full marks.
        #expect(e.options.map(\.indicator.id) == ["a"] && abs(e.options[0].increase - 60) < 1e-9)
        let third = try #require(PointsExplanation.explain(2, columns: c, model: m, result: r))
        #expect(third.nextList?.pointsShort == 18)
        #expect(third.options.map(\.indicator.id) == ["a", "b"])
        #expect(abs(third.options[0].increase - 30) < 1e-9 && abs(third.options[1].increase - 4.5) < 1e-9)
        let top = try #require(PointsExplanation.explain(0, columns: c, model: m, result: r))
        #expect(top.list == 0 && top.nextList == nil, "already on the top list")
    }

    /// A draft beside the published model: who changes list and who moves, on the same columns.
    @Test func aDraftListsItsMovers() {
        let c = columns([100, 80, 60, 40, 20], [0, 2, 4, 6, 8])
        let published = tiny(.linear)
        var draft = published
        draft.weights = ["a": [2_000], "b": [8_000]]
        let before = PointsEngine.score(c, model: published, threads: 1), after = PointsEngine.score(c, model: draft, threads: 1)
        // Published: a counts most, firm 0 leads; draft: b counts most, firm 4 leads.
        #expect(before.rank == [1, 2, 3, 4, 5] && after.rank == [5, 4, 3, 2, 1])
        let cmp = PointsComparison.compare(before, after, lists: 2)
        #expect(cmp.changedList == 4, "firms 0, 1 leave their lists, firms 3, 4 join")
        #expect(cmp.movers.prefix(4).allSatisfy { $0.listBefore != $0.listAfter }, "list changes come first")
        #expect(cmp.movers.count == 4, "firm 2 keeps its rank and list")
        #expect(cmp.listSizes.map(\.before) == [1, 1] && cmp.listSizes.map(\.after) == [1, 1])
        #expect(PointsComparison.compare(before, before, lists: 2).movers.isEmpty)
    }

    /// More of an indicator never lowers a firm's points, under either normaliser.
    @Test(arguments: [PointsModel.Normaliser.linear, .percentile])
    func moreNeverLowersPoints(_ normaliser: PointsModel.Normaliser) {
        var m = model
        m.normaliser = normaliser
        var g = SeededRandom(seed: 11)
        let n = 400
        var c = PointsColumns(count: n, indicators: m.indicators.count)
        for f in 0..<n { c.stage[f] = Int32(g.next() % 3) }
        for i in m.indicators.indices {
            c.values[i] = (0..<n).map { _ in g.next() % 10 == 0 ? .nan : Double(g.next() % 1_000) / 1_000 * m.indicators[i].reference * 1.5 }
        }
        let before = PointsEngine.score(c, model: m, threads: 2)
        for trial in 0..<50 {
            let f = Int(g.next() % UInt64(n)), i = Int(g.next() % UInt64(m.indicators.count))
            var more = c
            more.values[i][f] = (c.values[i][f].isNaN ? 0 : c.values[i][f]) + m.indicators[i].reference * 0.2
            #expect(PointsEngine.score(more, model: m, threads: 2).points[f] >= before.points[f], "trial \(trial)")
        }
    }
}
