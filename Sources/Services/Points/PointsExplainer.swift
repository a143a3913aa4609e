import Foundation
import InnovationPoints
import Kernel
import Storage

/// Reads firms' latest published scores with their explanations, many firms at once: one query
/// for the run, one for all the firms' scores, and each next list's cut-off once per run — a
/// published run never changes, so its cut-offs are kept for the next batches.
public final class ScoreReader: Sendable {
    private struct CutoffKey: Sendable, Hashable { var runID: Int64; var stage: Int; var rank: Int }
    private let cutoffs = ImmutableCache<CutoffKey, Double?>(capacity: 1_024)

    public init() {}

    /// The explanations of those of `usccs` the latest published run (of `period`, if given)
    /// scored. Its statements need no shared snapshot: a published run and its scores never
    /// change, so the run found by the first is read whole by the next.
    public func explanations(_ usccs: [USCC], period: Int?, in stores: any Stores) async throws -> [USCC: ScoreExplanation] {
        guard !usccs.isEmpty, let run = try await stores.points.latestRun(period: period) else { return [:] }
        var out: [USCC: ScoreExplanation] = [:]
        for score in try await stores.points.fetchScores(usccs, runID: run.id).values {
            out[score.uscc] = try await Self.explanation(score, in: run) { rank, stage in
                try await self.cutoffs.value(CutoffKey(runID: run.id, stage: stage, rank: rank)) {
                    try await stores.points.points(atRank: rank, runID: run.id, stage: stage)
                }
            }
        }
        return out
    }

    /// The next list up — its cut-off rank and the points of the firm standing there — and the
    /// single-indicator changes that would close the gap.
    private static func explanation(_ score: StoredScore, in run: PointsRun,
                                    pointsAtRank: (Int, Int) async throws -> Double?) async throws -> ScoreExplanation {
        let m = run.model
        var next: (list: Int, pointsShort: Double)?
        var options: [(indicator: Indicator, increase: Double)] = []
        if let target = m.nextList(after: score.list),
           let needed = try await pointsAtRank(m.lastRank(onList: target, stageSize: score.stageSize), score.stage) {
            let short = max(0, ((needed - score.points) * 100).rounded() / 100)
            next = (target, short)
            // The stored points per indicator give back each normalised value.
            let normalised = m.indicators.indices.map { i in
                let w = m.weight(i, stage: score.stage) * m.scale
                return w > 0 ? score.parts[i] / w : 0
            }
            options = m.options(gaining: short, stage: score.stage, normalised: normalised)
        }
        return ScoreExplanation(run: run, score: score, nextList: next, options: options)
    }
}

/// Concurrent `PointsService.explain` calls answered together (see `Coalescer`).
final class PointsExplainer: Sendable {
    private struct Request: Sendable, Hashable { var uscc: USCC; var period: Int? }
    private let batches: Coalescer<Request, ScoreExplanation?>

    init(transactor: any Transactor) {
        let reader = ScoreReader()
        batches = Coalescer { requests in
            try await transactor.readEach { stores in
                var answers: [Request: ScoreExplanation] = [:]
                for (period, wanted) in Dictionary(grouping: requests, by: \.period) {
                    for (uscc, e) in try await reader.explanations(wanted.map(\.uscc), period: period, in: stores) {
                        answers[Request(uscc: uscc, period: period)] = e
                    }
                }
                return requests.map { answers[$0] }
            }
        }
    }

    func explain(_ uscc: USCC, period: Int?) async throws -> ScoreExplanation? {
        try await batches.submit(Request(uscc: uscc, period: period))
    }
}
