import Cashout
import Kernel
import Services
import Storage
import StorageSQL

/// What a policy's match list depends on: the policy's version, the subsidy year, the day
/// (designations are valid on a date) and the data's version (the newest audit row: every
/// change of a designation, a fiscal year or an application writes one).
struct PolicyMatchKey: Hashable, Sendable {
    var policy: String
    var version: Int
    var year: Int
    var today: LocalDate
    var dataVersion: Int64
}

extension AppDependencies {
    /// The policy page's matches: from the cache while nothing has changed (an audit read, one
    /// indexed query), computed again over every firm otherwise.
    func cachedMatches(policyID: String, year: Int) async throws -> [CashoutService.MatchRow] {
        let published = try await cashout.policy(policyID)
        let dataVersion = try await database.read { try await $0.audit.latestID() } ?? 0
        let key = PolicyMatchKey(policy: policyID, version: published.policy.version, year: year, today: today, dataVersion: dataVersion)
        return try await policyMatches.value(key) { try await cashout.match(published.policy, year: year) }
    }
}
