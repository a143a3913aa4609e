import Foundation

/// Scores a district at once (rules.md §11.5 P4, P5): points = scale × Σ wᵢ,ₛ·nᵢ + adjustments,
/// floored at 0 and rounded to 0.01; then rank, stage size and list within each stage.
/// Deterministic: each firm's sum runs in indicator order whatever the threads.
public enum PointsEngine {
    public static func score(_ c: PointsColumns, model m: PointsModel, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> PointsResult {
        let n = c.count, stages = m.stages.count, indicators = m.indicators.count
        // weights[s][i] as fractions of the scale.
        let weights = (0..<stages).map { s in (0..<indicators).map { m.weight($0, stage: s) * m.scale } }
        let normalised = normalise(c, model: m, threads: threads)

        let out = SharedColumn(count: n)
        parallelSlices(n, threads: threads) { range in
            for f in range {
                let s = Int(c.stage[f])
                guard s >= 0 && s < stages else { continue }
                var sum = 0.0
                for i in 0..<indicators { sum += weights[s][i] * normalised[i][f] }
                out.buffer[f] = (max(0, sum + c.adjustment[f]) * 100).rounded() / 100
            }
        }
        let points = out.array()
        let (rank, sizes) = ranks(points, stage: c.stage, stages: stages)
        var list = [Int8](repeating: -1, count: n)
        for f in 0..<n where rank[f] > 0 {
            let size = sizes[Int(c.stage[f])]
            // Within the top ‰ of the stage: rank × 1000 ≤ cut-off × stage size, in integers.
            if let t = m.lists.firstIndex(where: { Int(rank[f]) * 1000 <= $0.topPermille * size }) { list[f] = Int8(t) }
        }
        return PointsResult(points: points, rank: rank, stageSize: sizes, list: list)
    }

    /// nᵢ for every indicator and firm, in [0, 1]; 0 for missing values.
    public static func normalise(_ c: PointsColumns, model m: PointsModel, threads: Int) -> [[Double]] {
        switch m.normaliser {
        case .linear:
            let columns = c.values.map { _ in SharedColumn(count: c.count) }
            parallelSlices(c.count, threads: threads) { range in
                for i in m.indicators.indices {
                    let ref = m.indicators[i].reference, up = m.indicators[i].higherIsBetter
                    let values = c.values[i], col = columns[i].buffer
                    for f in range { col[f] = linear(values[f], reference: ref, higherIsBetter: up) }
                }
            }
            return columns.map { $0.array() }
        case .percentile:
            let members = stageMembers(c.stage, stages: m.stages.count)
            let out = Columns(m.indicators.count)
            DispatchQueue.concurrentPerform(iterations: m.indicators.count) { i in
                out.set(i, percentile(c.values[i], members: members, higherIsBetter: m.indicators[i].higherIsBetter, count: c.count))
            }
            return out.all
        }
    }

    @inline(__always)
    public static func linear(_ x: Double, reference: Double, higherIsBetter: Bool) -> Double {
        guard !x.isNaN else { return 0 }
        let share = min(max(x, 0) / reference, 1)
        return higherIsBetter ? share : 1 - share
    }

    /// The share of the stage's firms with a value that lie strictly below (more is better) or
    /// strictly above (less is better) each firm; a stage's only firm earns 1; missing earns 0.
    static func percentile(_ column: [Double], members: [[Int32]], higherIsBetter: Bool, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for stage in members {
            // Sorted (value, firm) pairs, then one pass over runs of equal values: cheaper than a
            // binary search per firm, whose cache misses dominated (profiled in PointsBenchmark).
            var entries = stage.compactMap { f -> Entry? in let v = column[Int(f)]; return v.isNaN ? nil : Entry(value: v, firm: f) }
            entries.sort { $0.value < $1.value }
            let m = entries.count
            guard m > 1 else { if m == 1 { out[Int(entries[0].firm)] = 1 }; continue }
            var start = 0
            while start < m {
                var end = start + 1
                while end < m && entries[end].value == entries[start].value { end += 1 }
                let share = Double(higherIsBetter ? start : m - end) / Double(m - 1)
                for k in start..<end { out[Int(entries[k].firm)] = share }
                start = end
            }
        }
        return out
    }

    struct Entry { var value: Double; var firm: Int32 }

    /// Firm indices per stage.
    static func stageMembers(_ stage: [Int32], stages: Int) -> [[Int32]] {
        var members = [[Int32]](repeating: [], count: stages)
        for (f, s) in stage.enumerated() where s >= 0 && Int(s) < stages { members[Int(s)].append(Int32(f)) }
        return members
    }

    /// Ranks within each stage: 1 + the number of firms in the stage with more points.
    static func ranks(_ points: [Double], stage: [Int32], stages: Int) -> ([Int32], [Int]) {
        let members = stageMembers(stage, stages: stages)
        var rank = [Int32](repeating: 0, count: points.count)
        for list in members {
            var entries = list.map { Entry(value: points[Int($0)], firm: $0) }
            entries.sort { $0.value > $1.value }
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count && entries[end].value == entries[start].value { end += 1 }
                for k in start..<end { rank[Int(entries[k].firm)] = Int32(start + 1) }
                start = end
            }
        }
        return (rank, members.map(\.count))
    }

    /// Runs `body` over contiguous slices of 0..<n on `threads` threads.
    static func parallelSlices(_ n: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let t = max(1, min(threads, n / 10_000 + 1))
        let step = (n + t - 1) / t
        DispatchQueue.concurrentPerform(iterations: t) { k in
            let range = (k * step)..<min(n, (k + 1) * step)
            if !range.isEmpty { body(range) }
        }
    }
}

/// A column several threads fill at once, each writing only its own slice (so no element is
/// shared); read back as an array when they are done.
final class SharedColumn: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: 0)
    }
    func array() -> [Double] { Array(buffer) }
    deinit { buffer.deallocate() }
}

/// Whole columns handed in by several threads, one column each.
final class Columns: @unchecked Sendable {
    // @unchecked: `columns` is touched under `lock` only.
    private let lock = NSLock()
    private var columns: [[Double]]
    init(_ count: Int) { columns = Array(repeating: [], count: count) }
    func set(_ i: Int, _ column: [Double]) { lock.lock(); columns[i] = column; lock.unlock() }
    var all: [[Double]] { lock.lock(); defer { lock.unlock() }; return columns }
}
