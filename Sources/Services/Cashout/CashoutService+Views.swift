import Accounts
import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// What the cash-out pages show: per-policy tallies, each person's queue, names.
extension CashoutService {
    public struct PolicyTally: Sendable {
        public var policy: PublishedPolicy
        public var applications: Int
        public var inProgress: Int
        public var paid: Int
        public var paidAmount: Money
    }

    public func tallies() async throws -> [PolicyTally] {
        let (policies, apps) = try await transactor.read { stores in
            (try await stores.cashout.fetchPolicies(), try await stores.cashout.fetchApplications(ApplicationFilter()))
        }
        let byPolicy = Dictionary(grouping: apps, by: \.policyID)
        return policies.map { p in
            let list = byPolicy[p.policy.id] ?? []
            let paid = list.filter { $0.status == .paid }
            return PolicyTally(policy: p, applications: list.count, inProgress: list.filter { !$0.status.isFinal && $0.status != .paid }.count,
                               paid: paid.count, paidAmount: paid.reduce(.zero) { $0 + ($1.amount ?? .zero) })
        }
    }

    /// The statuses waiting on this user's duties: reviewers accept and review, approvers
    /// approve after publication and decide objections, the administrator does all and batches.
    public static func queueStatuses(for role: Role) -> [ApplicationStatus] {
        switch role {
        case .bureauReviewer: return [.submitted, .underReview]
        case .bureauApprover: return [.inPublication, .objected]
        case .bureauAdmin: return [.submitted, .underReview, .inPublication, .objected, .approved]
        default: return []
        }
    }

    public func queue(for user: User) async throws -> [CashoutApplication] {
        let statuses = Self.queueStatuses(for: user.role)
        guard !statuses.isEmpty else { return [] }
        return try await applications(ApplicationFilter(statuses: statuses), for: user).filter { $0.status != .approved || $0.batchID == nil }
    }

    public func names(_ usccs: [USCC]) async throws -> [USCC: String] {
        let firms = try await transactor.read { try await $0.registry.fetchEnterprises(Array(Set(usccs))) }
        return firms.mapValues(\.name)
    }

    /// Money paid within the days `from...to`, and the policies of `round` that paid anything.
    public func paid(from: LocalDate, to: LocalDate) async throws -> Money {
        try await transactor.read { try await $0.cashout.paidPerPolicy(from: from.description, to: to.description) }.values.reduce(.zero, +)
    }

    public func policiesCashed(round: String) async throws -> Int {
        try await tallies().filter { $0.policy.policy.round == round && $0.paid > 0 }.count
    }

    /// The newest round with a published policy.
    public func latestRound() async throws -> String? {
        try await policies().map(\.policy.round).max()
    }
}
