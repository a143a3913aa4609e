import KechuangTestSupport
import InnovationPoints
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Testing

/// Innovation points computed from the registry, stored with their inputs and model, explained.
@Suite struct PointsStorageTests {
    @Test(arguments: TestDatabases.engines)
    func demoPointsArePublishedWithTheirInputsAndExplained(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await DemoSeeder(transactor: db, now: fixedNow).seedIfEmpty(DemoDistrict(seed: 5, enterprises: 300))
            let service = PointsService(transactor: db, now: fixedNow)
            let run = try await service.compute(period: 2023, actor: "test")
            #expect(run.firms > 250 && run.model.id == "cn-points-2024.1")
            // A ranking is best first, ranks rise, and list members are the top of their stage.
            let (_, ranking) = try #require(try await service.ranking(stage: 1, period: 2023, limit: 500))
            #expect(!ranking.isEmpty)
            #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.points >= $1.points && $0.rank <= $1.rank })
            let size = ranking[0].stageSize
            #expect(ranking.filter { $0.list != nil }.allSatisfy { $0.rank * 1000 <= 200 * size })
            // The stored parts add up to the points (no bonus for firms without 高企 or an award).
            let e = try #require(try await service.explain(ranking[ranking.count / 2].uscc, period: 2023))
            // Pages of any size, read one after another, give the whole ranking in the same
            // order: the seek by rank within ties loses and repeats nobody.
            var paged: [RankingRow] = []
            while paged.count < ranking.count {
                let page = try #require(try await service.ranking(stage: 1, period: 2023, offset: paged.count, limit: 7)).1
                if page.isEmpty { break }
                paged += page
            }
            #expect(paged == ranking)
            #expect(Dictionary(grouping: ranking, by: \.rank).values.contains { $0.count > 1 }, "the demo has ties to page through")
            #expect(try #require(try await service.ranking(stage: 1, period: 2023, offset: ranking.count, limit: 7)).1.isEmpty)
            // The points at any position are those of the firm standing there, ties included.
            let runID = try #require(try await db.read { try await $0.points.latestRun(period: 2023) }).id
            for (i, row) in ranking.enumerated() {
                let at = try await db.read { try await $0.points.points(atRank: i + 1, runID: runID, stage: 1) }
                #expect(at == row.points, "position \(i + 1)")
            }
            // Each way to the next list is a positive raise of a weighted indicator; points = the
            // parts (each rounded to 0.01) + the bonus items held: 0, 3, 5 or 8.
            var withOptions = 0
            for s in ranking {
                guard let x = try await service.explain(s.uscc, period: 2023) else { continue }
                let bonus = x.score.points - x.score.parts.reduce(0, +)
                #expect([0.0, 3, 5, 8].contains { abs(bonus - $0) < 0.1 }, "\(s.uscc): \(s.points) vs parts \(x.score.parts.reduce(0, +))")
                #expect(x.options.allSatisfy { o in o.increase > 0 && x.run.model.weight(x.run.model.indicators.firstIndex(of: o.indicator)!, stage: x.score.stage) > 0 })
                if !x.options.isEmpty { withOptions += 1 }
            }
            #expect(withOptions > 0, "some firm can reach its next list by one indicator")
            #expect(e.score.inputs.count == 18 && e.score.inputs[5] == nil, "PCT applications are not in the registry: missing")
            if e.score.list != 0 { #expect(e.nextList != nil && e.nextList!.pointsShort >= 0) }
            // The model is kept with the run, so the score can be recomputed with the same weights.
            #expect(e.run.model == .national2024)
            let invalid = { var m = PointsModel.national2024; m.weights["T1"]![0] = 0; return m }()
            await #expect(throws: PointsError.self) { try await service.compute(period: 2023, model: invalid, actor: "test") }

            // A draft beside the published model: the same model moves nobody; a reweighted one does.
            let same = try await service.compare(draft: .national2024, period: 2023)
            #expect(same.comparison.movers.isEmpty && same.comparison.changedList == 0)
            var draft = PointsModel.national2024
            draft.id = "draft"
            draft.weights["T1"] = [3_000, 2_900, 3_000]
            draft.weights["G2"] = [0, 0, 0]
            draft.weights["G1"] = [0, 100, 0]
            draft.weights["T3"] = [200, 400, 700]
            #expect(draft.problems.isEmpty, "\(draft.problems)")
            let moved = try await service.compare(draft: draft, period: 2023)
            #expect(!moved.comparison.movers.isEmpty && moved.usccs.count == 300)
            var renamed = PointsModel.national2024
            renamed.indicators[0].id = "X1"
            renamed.weights["X1"] = renamed.weights.removeValue(forKey: "T1")
            await #expect(throws: PointsError.self) { try await service.compare(draft: renamed, period: 2023) }
        }
    }
}
