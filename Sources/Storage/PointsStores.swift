import InnovationPoints
import Kernel

/// One computation of innovation points for a period, with the model it used.
public struct PointsRun: Sendable, Hashable {
    public var id: Int64
    public var model: PointsModel
    public var period: Int
    public var computedAt: String
    public var actor: String
    public var firms: Int
    public var published: Bool
    public init(id: Int64 = 0, model: PointsModel, period: Int, computedAt: String, actor: String, firms: Int = 0, published: Bool = false) {
        self.id = id; self.model = model; self.period = period; self.computedAt = computedAt; self.actor = actor
        self.firms = firms; self.published = published
    }
}

/// One firm's stored score: what it earned, where it stands, and what it was computed from.
public struct StoredScore: Sendable, Hashable {
    public var uscc: USCC
    public var name: String
    public var stage: Int
    public var points: Double
    public var rank: Int
    public var stageSize: Int
    public var list: Int?
    /// Raw value per indicator in the model's order; nil when missing.
    public var inputs: [Double?]
    /// Points earned per indicator, in the same order.
    public var parts: [Double]
    public init(uscc: USCC, name: String, stage: Int, points: Double, rank: Int, stageSize: Int, list: Int?, inputs: [Double?], parts: [Double]) {
        self.uscc = uscc; self.name = name; self.stage = stage; self.points = points; self.rank = rank; self.stageSize = stageSize
        self.list = list; self.inputs = inputs; self.parts = parts
    }
}

/// One line of a stage's ranking: what the ranking page shows, without the inputs and parts.
public struct RankingRow: Sendable, Hashable {
    public var uscc: USCC
    public var name: String
    public var points: Double
    public var rank: Int
    public var stageSize: Int
    public var list: Int?
    public init(uscc: USCC, name: String, points: Double, rank: Int, stageSize: Int, list: Int?) {
        self.uscc = uscc; self.name = name; self.points = points; self.rank = rank; self.stageSize = stageSize; self.list = list
    }
}

public protocol PointsStore: Sendable {
    func startRun(_ run: PointsRun) async throws -> Int64
    func finishRun(_ id: Int64, firms: Int, published: Bool) async throws
    func insertScores(_ runID: Int64, _ scores: [StoredScore]) async throws
    /// The latest published run, for a period or any.
    func latestRun(period: Int?) async throws -> PointsRun?
    /// The scores of the given firms in one run (those it scored), in one query.
    func fetchScores(_ usccs: [USCC], runID: Int64) async throws -> [USCC: StoredScore]
    /// A stage's ranking, best first (then by USCC among equal points), from 0-based position
    /// `offset`.
    func fetchRanking(runID: Int64, stage: Int, offset: Int, limit: Int) async throws -> [RankingRow]
    /// The points of the firm at `rank` within a stage (for the next list's cut-off).
    func points(atRank rank: Int, runID: Int64, stage: Int) async throws -> Double?
    /// Each firm's list in a run (firms on no list left out).
    func fetchLists(runID: Int64) async throws -> [USCC: Int]
    /// The ids of every model a run has used.
    func fetchModelIDs() async throws -> Set<String>
    /// The model a run used, by its version id.
    func fetchRunModel(_ id: String) async throws -> PointsModel?
    func insertDraft(_ draft: PointsDraft) async throws -> Int64
    func fetchDrafts() async throws -> [PointsDraft]
    func fetchDraft(_ id: Int64) async throws -> PointsDraft?
    func markDraftPublished(_ id: Int64, runID: Int64) async throws
}
