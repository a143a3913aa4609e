import Foundation
import Kernel
import Qualification
import Registry
import Services

/// Assessment of 1,000,000 enterprises in-process against all six qualifications (issue:
/// qualification engine, target under 2 s on 2 cores).
///
///     swift run -c release AssessBenchmark [enterprises=1000000] [threads=cores]
///
/// The demo generator makes the facts first (not timed: that is the database's job in a real
/// run); then every enterprise is assessed once, taken in small slices by the threads. Each thread
/// folds its results into a checksum, so the work cannot be optimised away.
@main
struct AssessBenchmark {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        let count = args.first.flatMap(Int.init) ?? 1_000_000
        let threads = args.dropFirst().first.flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        let asOf = DemoDistrict.letterDate
        let district = DemoDistrict(seed: 1, enterprises: count)

        var start = Date()
        let facts: [AssessmentFacts] = (0..<count).map { i in
            let d = district.enterprise(at: i)
            return AssessmentFacts(uscc: d.enterprise.uscc, name: d.enterprise.name, registeredOn: d.enterprise.registeredOn, asOf: asOf,
                                   sme: d.enterprise.sme, fiscalYears: d.fiscalYears, ip: d.evidence.ip, designations: d.designations,
                                   awards: d.evidence.awards, rdInstitutions: d.evidence.rdInstitutions)
        }
        print("facts: \(count) enterprises generated in \(String(format: "%.2f", Date().timeIntervalSince(start))) s (not timed)")

        let rules = RuleSet.cn2024_1
        for round in 1...3 {
            start = Date()
            let sums = Sums()
            // Many small slices, taken in turn by the threads, so a thread slowed by anything
            // else on its core does not leave the other idle at the end.
            let slices = threads * 64, slice = (count + slices - 1) / slices
            let copies = (0..<threads).map { _ in rules.privateCopy() }
            let next = Sums()
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let rules = copies[t]
                var sum = 0
                while true {
                    let s = next.take()
                    guard s < slices else { break }
                    // Borrow the facts in place: the harness should not time copies of its own input.
                    facts.withUnsafeBufferPointer { all in
                        for i in (s * slice)..<min(count, (s + 1) * slice) {
                            let a = Assessment.evaluate(all[i], rules: rules)
                            sum &+= a.techSME.score &+ a.highTech.scoreRange.max &+ a.innovativeSME.score &+ a.specializedSME.score
                                &+ (a.littleGiant.qualifies ? 1 : 0) &+ (a.cqTechEnterprise.qualifies ? 1 : 0) &+ a.highTechGaps.count
                        }
                    }
                }
                sums.add(sum)
            }
            let seconds = Date().timeIntervalSince(start)
            let checksum = sums.total
            print("round \(round): assessed \(count) enterprises × 6 qualifications on \(threads) threads in \(String(format: "%.3f", seconds)) s"
                  + " (\(String(format: "%.2f", seconds * 1e6 / Double(count) * Double(threads))) µs per enterprise per thread; checksum \(checksum))")
        }
    }
}

/// A counter under a lock: each thread's checksum, and the next slice to take.
final class Sums: @unchecked Sendable {
    // @unchecked: `value` is touched under `lock` only.
    private let lock = NSLock()
    private var value = 0
    func add(_ n: Int) { lock.lock(); value &+= n; lock.unlock() }
    func take() -> Int { lock.lock(); defer { value += 1; lock.unlock() }; return value }
    var total: Int { lock.lock(); defer { lock.unlock() }; return value }
}
