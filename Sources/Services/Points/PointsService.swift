import Foundation
import InnovationPoints
import Kernel
import Registry
import Storage

/// Computes, stores and reads innovation points (企业创新积分): one run scores the whole district
/// for a period with one model, keeping the model, every firm's inputs and its points per
/// indicator, so each score can be recomputed and explained.
public struct PointsService: Sendable {
    public let transactor: any Transactor
    public let now: @Sendable () -> String
    private let explainer: PointsExplainer

    public init(transactor: any Transactor, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.now = now
        explainer = PointsExplainer(transactor: transactor)
    }

    /// Scores every enterprise for fiscal year `period` (the evaluation reads the books of that
    /// year and the year before) and publishes the run.
    @discardableResult
    public func compute(period: Int, model: PointsModel = .national2024, actor: String,
                        progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> PointsRun {
        let problems = model.problems
        guard problems.isEmpty else { throw PointsError.invalidModel(problems) }
        let (rows, columns) = try await district(period: period, model: model, progress: { progress(0.6 * $0) })
        let normalised = PointsEngine.normalise(columns, model: model, threads: ProcessInfo.processInfo.activeProcessorCount)
        let result = PointsEngine.score(columns, model: model)
        progress(0.8)
        var scores: [StoredScore] = []
        for (f, (uscc, row)) in rows.enumerated() where result.rank[f] > 0 {
            let s = Int(row.stage)
            scores.append(StoredScore(uscc: uscc, name: "", stage: s, points: result.points[f], rank: Int(result.rank[f]),
                                      stageSize: result.stageSize[s], list: result.list[f] >= 0 ? Int(result.list[f]) : nil,
                                      inputs: row.values.map { $0.isNaN ? nil : $0 },
                                      parts: model.indicators.indices.map { i in ((model.weight(i, stage: s) * model.scale * normalised[i][f]) * 100).rounded() / 100 }))
        }
        let at = now()
        let scored = scores
        let run = try await transactor.write { stores in
            let id = try await stores.points.startRun(PointsRun(model: model, period: period, computedAt: at, actor: actor))
            for chunk in scored.chunked(into: 5_000) { try await stores.points.insertScores(id, Array(chunk)) }
            try await stores.points.finishRun(id, firms: scored.count, published: true)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "points.compute", subject: "points:\(id)",
                                              detail: "model=\(model.id) period=\(period) scored=\(scored.count) of \(rows.count)"))
            return PointsRun(id: id, model: model, period: period, computedAt: at, actor: actor, firms: scored.count, published: true)
        }
        progress(1)
        return run
    }

    /// Every enterprise's indicator values for `period` under `model`, as rows and as columns.
    func district(period: Int, model: PointsModel, progress: @escaping @Sendable (Double) -> Void) async throws
        -> ([(USCC, PointsInputs.Row)], PointsColumns) {
        // Designations (the 高企 bonus) are read at mid-year after the period, when its books
        // are closed and the scores are published — as the letter reports at 2024-06-30 [I].
        let asOf = LocalDate(year: period + 1, month: 6, day: 30)!
        let collected = Collector<(USCC, PointsInputs.Row)>()
        try await transactor.read { stores in
            let total = max(1, try await stores.registry.countEnterprises())
            try await stores.qualification.forEachAssessmentBatch(batchSize: 2_000) { batch in
                collected.add(batch.map { ($0.enterprise.uscc, PointsInputs.row($0, period: period, model: model, asOf: asOf)) })
                progress(Double(collected.count) / Double(total))
            }
        }
        let rows = collected.all
        var columns = PointsColumns(count: rows.count, indicators: model.indicators.count)
        for (f, (_, row)) in rows.enumerated() {
            columns.stage[f] = row.stage
            columns.adjustment[f] = row.adjustment
            for i in row.values.indices { columns.values[i][f] = row.values[i] }
        }
        return (rows, columns)
    }

    /// A draft beside the published model over the same firms and period: nothing is stored.
    /// The draft must use the published model's indicators and stages, so only weights,
    /// references, normaliser, items and lists differ.
    public func compare(draft: PointsModel, period: Int) async throws -> (published: PointsModel, comparison: PointsComparison, usccs: [USCC]) {
        let problems = draft.problems
        guard problems.isEmpty else { throw PointsError.invalidModel(problems) }
        let published = try await publishedModel()
        guard draft.indicators.map(\.id) == published.indicators.map(\.id), draft.stages.map(\.id) == published.stages.map(\.id),
              draft.lists.count == published.lists.count else {
            throw PointsError.invalidModel([PointsModel.mustKeepShape])
        }
        let (rows, columns) = try await district(period: period, model: published, progress: { _ in })
        var draftColumns = columns
        // The stage rule may differ: classify again under the draft.
        let (_, redrafted) = try await district(period: period, model: draft, progress: { _ in })
        draftColumns.stage = redrafted.stage
        draftColumns.adjustment = redrafted.adjustment
        let before = PointsEngine.score(columns, model: published), after = PointsEngine.score(draftColumns, model: draft)
        return (published, PointsComparison.compare(before, after, lists: min(published.lists.count, draft.lists.count)), rows.map(\.0))
    }

    /// A firm's latest published score with its explanation, or nil when it has none.
    /// Concurrent calls are answered together (see `PointsExplainer`).
    public func explain(_ uscc: USCC, period: Int? = nil) async throws -> ScoreExplanation? {
        try await explainer.explain(uscc, period: period)
    }

    public func ranking(stage: Int, period: Int? = nil, offset: Int = 0, limit: Int = 50) async throws -> (PointsRun, [RankingRow])? {
        try await transactor.read { stores in
            guard let run = try await stores.points.latestRun(period: period) else { return nil }
            return (run, try await stores.points.fetchRanking(runID: run.id, stage: stage, offset: offset, limit: limit))
        }
    }
}

public struct ScoreExplanation: Sendable {
    public var run: PointsRun
    public var score: StoredScore
    /// The next list up and the points short of its cut-off; nil on the top list.
    public var nextList: (list: Int, pointsShort: Double)?
    /// Single-indicator changes that would close the gap (linear normaliser only).
    public var options: [(indicator: Indicator, increase: Double)]
}

public enum PointsError: Error, Equatable, CustomStringConvertible {
    case invalidModel([String])
    case versionTaken(String)
    case draftNotFound
    case draftPublished(String)
    case unknownVersion(String)
    public var description: String {
        switch self {
        case .invalidModel(let p): return "积分模型有误 / the points model is invalid: " + p.joined(separator: "; ")
        case .versionTaken(let v): return "版本号 \(v) 已被使用 / version \(v) is already used"
        case .draftNotFound: return "草稿不存在 / no such draft"
        case .draftPublished(let v): return "草稿 \(v) 已发布 / draft \(v) is already published"
        case .unknownVersion(let v): return "没有版本为 \(v) 的模型或草稿 / no model or draft has version \(v)"
        }
    }

    /// One message per problem, each "中文 / English", for a page that lists them.
    public var messages: [String] {
        if case .invalidModel(let p) = self { return p }
        return [description]
    }
}
