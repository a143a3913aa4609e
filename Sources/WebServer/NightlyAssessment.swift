import Foundation
import Kernel
import Logging
import ServiceLifecycle
import Services
import Storage
import StorageSQL

/// Re-evaluates the district every night at 02:00 China time (issue: batch evaluation), at the
/// report date, records the expiry reminders due, moves pool members recognised as 高企 out of
/// the pool, and logs what changed. A failed run is logged and tried again the next night.
/// With several instances on one database, the day's run is claimed through a lease: one
/// instance runs it; if that instance dies mid-run, another takes it over when the lease ends.
struct NightlyAssessment: Service {
    let deps: AppDependencies
    let logger: Logger
    /// Seconds after midnight, China time.
    var at: Int = 2 * 3600

    func run() async throws {
        while !Task.isCancelled {
            let wait = Self.secondsUntil(at, from: deps.clock())
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) } } catch { return }
            if Task.isCancelled { return }
            do {
                let day = tonight
                guard try await claim(day) else {
                    logger.info("nightly assessment: another instance has tonight's run")
                    continue
                }
                let date = deps.defaultAsOf
                let run = try await deps.batch.run(asOf: date, trigger: "nightly", actor: "system")
                let reminders = try await deps.reminders.recordDue(on: date)
                let graduated = try await deps.pool.graduate(on: date, actor: "system")
                logger.info("nightly assessment", metadata: ["run": "\(run.id)", "assessed": "\(run.assessed)", "changed": "\(run.changed)",
                                                            "reminders": "\(reminders.count)", "graduated": "\(graduated)"])
                try await deps.database.write { try await $0.jobs.complete(Self.job, day: day, owner: Self.owner) }
                deps.metrics.jobRan("nightly-assessment", failed: false)
            } catch {
                logger.error("nightly assessment failed", metadata: ["error": "\(error)"])
                deps.metrics.jobRan("nightly-assessment", failed: true)
            }
        }
    }

    static let job = "nightly-assessment"
    /// This instance, among those sharing the database.
    static let owner = "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"
    /// A run takes minutes; a lease this long outlives any run, and ends soon after a crash.
    static let leaseSeconds: TimeInterval = 3_600

    /// Tonight's date in China, the key of the run.
    var tonight: String { LocalDate(secondsSince1970: deps.clock().timeIntervalSince1970).description }

    func claim(_ day: String) async throws -> Bool {
        let now = deps.clock()
        return try await deps.database.write { stores in
            try await stores.jobs.claim(Self.job, day: day, owner: Self.owner, now: ISOTime.format(now),
                                        leaseUntil: ISOTime.format(now.addingTimeInterval(Self.leaseSeconds)))
        }
    }

    /// Seconds from `now` to the next `secondsAfterMidnight` in UTC+8 (never 0, so a run that
    /// ends within the same second does not start again).
    static func secondsUntil(_ secondsAfterMidnight: Int, from now: Date) -> Int {
        let china = Int(now.timeIntervalSince1970) + 8 * 3600
        let today = china - china % 86_400
        var next = today + secondsAfterMidnight
        if next <= china { next += 86_400 }
        return next - china
    }
}
