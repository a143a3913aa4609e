import Foundation
import InnovationPoints

/// Innovation points for 1,000,000 enterprises from columns in memory (issue: innovation points;
/// targets: linear under 0.5 s, percentile under 2 s on 2 cores), beside the time to sort the
/// same columns once — the floor for percentile ranks.
///
///     swift run -c release PointsBenchmark [enterprises=1000000]
@main
struct PointsBenchmark {
    static func main() {
        let n = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
        var model = PointsModel.national2024
        var g = SystemRandomNumberGenerator()
        var c = PointsColumns(count: n, indicators: model.indicators.count)
        for f in 0..<n {
            c.stage[f] = Int32.random(in: 0..<3, using: &g)
            c.adjustment[f] = Bool.random(using: &g) ? 0 : 3
        }
        for i in model.indicators.indices {
            let ref = model.indicators[i].reference
            c.values[i] = (0..<n).map { _ in Double.random(in: 0..<1, using: &g) < 0.1 ? .nan : Double.random(in: 0...(ref * 1.5), using: &g) }
        }
        print("columns: \(n) enterprises × \(model.indicators.count) indicators (random, 10 % missing)")
        func time(_ label: String, _ body: () -> Void) {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = Date()
                body()
                best = min(best, Date().timeIntervalSince(start))
            }
            print(String(format: "%@: %.3f s (best of 3)", label, best))
        }
        var checksum = 0.0
        time("linear normaliser, score + rank + lists") { checksum += PointsEngine.score(c, model: model).points.reduce(0, +) }
        model.normaliser = .percentile
        time("percentile normaliser, score + rank + lists") { checksum += PointsEngine.score(c, model: model).points.reduce(0, +) }
        let columns = c.values
        time("sorting the \(model.indicators.count) columns once (the floor for percentile ranks)") {
            let tops = Tops()
            DispatchQueue.concurrentPerform(iterations: columns.count) { i in
                tops.add(columns[i].filter { !$0.isNaN }.sorted().last ?? 0)
            }
            checksum += tops.sum
        }
        print("checksum \(checksum)")
    }
}

/// The largest value of each sorted column, summed so the sorts cannot be optimised away.
final class Tops: @unchecked Sendable {
    // @unchecked: `value` is touched under `lock` only.
    private let lock = NSLock()
    private var value = 0.0
    func add(_ x: Double) { lock.lock(); value += x; lock.unlock() }
    var sum: Double { lock.lock(); defer { lock.unlock() }; return value }
}
