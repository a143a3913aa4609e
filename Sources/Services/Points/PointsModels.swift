import Foundation
import InnovationPoints
import Kernel
import Storage

/// Model drafts (issue: innovation points, item 2): staff save a draft under a new version id,
/// compare it with the published model over the same firms, and publish it, which scores the
/// district with it. A published model is never edited; a draft published once is closed.
extension PointsService {
    /// The model scores are read with: the latest published run's, else the national default.
    public func publishedModel() async throws -> PointsModel {
        try await transactor.read { try await $0.points.latestRun(period: nil)?.model } ?? .national2024
    }

    /// The fiscal year of the latest published run.
    public func latestPeriod() async throws -> Int? {
        try await transactor.read { try await $0.points.latestRun(period: nil)?.period }
    }

    public func saveDraft(_ model: PointsModel, actor: String) async throws -> PointsDraft {
        var problems = model.problems
        let published = try await publishedModel()
        if model.indicators.map(\.id) != published.indicators.map(\.id) || model.stages.map(\.id) != published.stages.map(\.id)
            || model.lists.count != published.lists.count {
            problems.append(PointsModel.mustKeepShape)
        }
        if model.id.isEmpty || model.id.count > 64 { problems.append("版本号须为 1–64 个字符 / the version id must have 1 to 64 characters") }
        guard problems.isEmpty else { throw PointsError.invalidModel(problems) }
        var draft = PointsDraft(model: model, basedOn: published.id, author: actor, createdAt: now())
        let chosen = draft
        draft.id = try await transactor.write { stores in
            let used = try await stores.points.fetchModelIDs().union(try await stores.points.fetchDrafts().map(\.model.id))
            guard !used.contains(model.id) else { throw PointsError.versionTaken(model.id) }
            let id = try await stores.points.insertDraft(chosen)
            try await stores.audit(AuditEntry(at: chosen.createdAt, actor: actor, action: "points.draft", subject: "points-draft:\(id)",
                                              detail: "version=\(model.id) basedOn=\(published.id)"))
            return id
        }
        return draft
    }

    public func drafts() async throws -> [PointsDraft] {
        try await transactor.read { try await $0.points.fetchDrafts() }
    }

    public func draft(_ id: Int64) async throws -> PointsDraft? {
        try await transactor.read { try await $0.points.fetchDraft(id) }
    }

    /// Scores the district for `period` with the model of version `id`: an unpublished draft is
    /// published by it; a version an earlier run used is used again.
    @discardableResult
    public func compute(period: Int, version id: String, actor: String, progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> PointsRun {
        if let d = try await drafts().first(where: { $0.model.id == id && $0.publishedRunID == nil }) {
            return try await publish(draft: d.id, period: period, actor: actor, progress: progress)
        }
        guard let model = try await transactor.read({ try await $0.points.fetchRunModel(id) }) else { throw PointsError.unknownVersion(id) }
        return try await compute(period: period, model: model, actor: actor, progress: progress)
    }

    /// Scores the district for `period` with the draft's model and closes the draft.
    @discardableResult
    public func publish(draft id: Int64, period: Int, actor: String, progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> PointsRun {
        guard let d = try await draft(id) else { throw PointsError.draftNotFound }
        guard d.publishedRunID == nil else { throw PointsError.draftPublished(d.model.id) }
        let run = try await compute(period: period, model: d.model, actor: actor, progress: progress)
        try await transactor.write { try await $0.points.markDraftPublished(id, runID: run.id) }
        return run
    }
}
