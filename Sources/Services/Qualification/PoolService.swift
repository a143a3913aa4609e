import Foundation
import Kernel
import Qualification
import Registry
import Storage

public enum PoolError: Error, Equatable, CustomStringConvertible {
    case notFound(USCC)
    case alreadyMember(USCC)
    case notMember(USCC)
    case reasonRequired
    case invalidProject([Problem])

    public var description: String {
        switch self {
        case .notFound(let u): return "企业 \(u) 未登记 / enterprise \(u) is not registered"
        case .alreadyMember(let u): return "企业 \(u) 已在培育库中 / \(u) is already in the pool"
        case .notMember(let u): return "企业 \(u) 不在培育库中 / \(u) is not in the pool"
        case .reasonRequired: return "请填写原因（1–500 字）/ a reason of 1–500 characters is required"
        case .invalidProject(let p): return p.map(\.description).joined(separator: "\n")
        }
    }
}

/// A pool member as the pool page lists it.
public struct PoolMember: Sendable, Hashable {
    public var uscc: USCC
    public var name: String
    public var admittedOn: LocalDate
    public var projects: Int
    /// No supported project since admission, past the grace period (rules.md §11.7 S4).
    public var lacksProject: Bool
}

/// The district 高企培育库 (梯次培育动态管理): admission and removal with a reason, each an event
/// in the pool's history and a change of the enterprise's `highTechPool` designation, in one
/// transaction with its audit row.
public struct PoolService: Sendable {
    public let transactor: any Transactor
    public let rules: RuleSet
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, rules: RuleSet = .cn2024_1, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.rules = rules; self.now = now
    }

    static func checkReason(_ reason: String) throws -> String {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(r.count) else { throw PoolError.reasonRequired }
        return r
    }

    public func admit(_ uscc: USCC, on date: LocalDate, reason: String, actor: String, automatic: Bool = false) async throws {
        let reason = try Self.checkReason(reason)
        let at = now()
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw PoolError.notFound(uscc) }
            let held = try await stores.registry.fetchDesignations(uscc)
            guard !held.contains(where: { $0.kind == .highTechPool && $0.expiresOn == nil && $0.revokedOn == nil }) else {
                throw PoolError.alreadyMember(uscc)
            }
            // One admission per day: the designation's (uscc, kind, issued_on) is unique.
            guard !held.contains(where: { $0.kind == .highTechPool && $0.issuedOn == date }) else { throw PoolError.alreadyMember(uscc) }
            try await stores.registry.insertDesignations([(uscc, Designation(kind: .highTechPool, issuedOn: date, batch: String(date.year)))])
            try await stores.pool.appendEvents([PoolEvent(uscc: uscc, kind: .admit, on: date, at: at, actor: actor, reason: reason, automatic: automatic)])
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "pool.admit", subject: "enterprise:\(uscc)", detail: reason))
        }
    }

    /// Removes a member from `on`: its last day in the pool is the day before.
    public func remove(_ uscc: USCC, on date: LocalDate, reason: String, actor: String, automatic: Bool = false) async throws {
        let reason = try Self.checkReason(reason)
        let at = now()
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw PoolError.notFound(uscc) }
            guard try await stores.registry.closeDesignation(uscc, kind: .highTechPool, lastDay: date.adding(days: -1)) else { throw PoolError.notMember(uscc) }
            try await stores.pool.appendEvents([PoolEvent(uscc: uscc, kind: .remove, on: date, at: at, actor: actor, reason: reason, automatic: automatic)])
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "pool.remove", subject: "enterprise:\(uscc)", detail: reason))
        }
    }

    public func addProject(_ uscc: USCC, _ project: SupportedProject, actor: String) async throws {
        let problems = project.problems
        guard problems.isEmpty else { throw PoolError.invalidProject(problems) }
        let at = now()
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw PoolError.notFound(uscc) }
            try await stores.pool.insertProjects([(uscc, project)])
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "pool.project", subject: "enterprise:\(uscc)", detail: project.title))
        }
    }

    /// Current members on `date`, each with its projects and whether it breaks the support rule.
    public func members(on date: LocalDate, limit: Int = 1_000) async throws -> [PoolMember] {
        try await transactor.read { stores in
            let holders = try await stores.qualification.holders(.highTechPool, on: date, limit: limit)
            let projects = try await stores.pool.fetchProjects(holders.map(\.uscc))
            let admitted = holders.map { PoolSupportRule.Member(uscc: $0.uscc, admittedOn: $0.detail.flatMap(LocalDate.init) ?? date) }
            let lacking = Set(PoolSupportRule.exceptions(admitted, projects: projects, on: date, rules: rules.pool).map(\.uscc))
            return zip(holders, admitted).map { h, m in
                let since = (projects[h.uscc] ?? []).filter { $0.supportedOn >= m.admittedOn && $0.supportedOn <= date }
                return PoolMember(uscc: h.uscc, name: h.name, admittedOn: m.admittedOn, projects: since.count, lacksProject: lacking.contains(h.uscc))
            }
        }
    }

    public func history(_ uscc: USCC? = nil, limit: Int = 200) async throws -> [(PoolEvent, String)] {
        try await transactor.read { try await $0.pool.fetchEvents(uscc, limit: limit) }
    }

    /// Members recognised as 高企 leave the pool: they have graduated (run after a batch or import).
    public func graduate(on date: LocalDate, actor: String) async throws -> Int {
        let graduates = try await transactor.read { stores in
            let members = Set(try await stores.qualification.holders(.highTechPool, on: date, limit: 100_000).map(\.uscc))
            return try await stores.qualification.holders(.highTech, on: date, limit: 100_000).map(\.uscc).filter { members.contains($0) }
        }
        for u in graduates {
            try await remove(u, on: date, reason: "认定为高新技术企业，毕业出库 / recognised as a high-tech enterprise", actor: actor, automatic: true)
        }
        return graduates.count
    }
}
