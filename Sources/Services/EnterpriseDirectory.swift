import Accounts
import Kernel
import Registry
import Storage

/// Read-side use cases for lists and the dashboard, always narrowed to what the user may see.
public struct EnterpriseDirectory: Sendable {
    public let transactor: any Transactor
    public init(transactor: any Transactor) { self.transactor = transactor }

    public func search(_ query: EnterpriseQuery, as user: User) async throws -> EnterprisePage {
        var q = query
        q.scope = AccessPolicy.scope(of: user)
        q.limit = min(max(q.limit, 1), 200)
        q.offset = max(q.offset, 0)
        let narrowed = q
        return try await transactor.read { try await $0.search.search(narrowed) }
    }

    /// A batch of an export of the query's enterprises, in code order, within what the user may see.
    public func exportBatch(_ query: EnterpriseQuery, afterUSCC: String?, limit: Int, as user: User) async throws -> [EnterpriseListItem] {
        var q = query
        q.scope = AccessPolicy.scope(of: user)
        let narrowed = q
        return try await transactor.read { try await $0.search.exportBatch(narrowed, afterUSCC: afterUSCC, limit: min(max(limit, 1), 5_000)) }
    }

    public func overview(asOf: LocalDate, as user: User) async throws -> DistrictOverview {
        try await transactor.read { try await $0.search.overview(asOf: asOf, scope: AccessPolicy.scope(of: user)) }
    }

    public func towns() async throws -> [Town] { try await transactor.read { try await $0.district.fetchTowns() } }
    public func chains() async throws -> [IndustryChain] { try await transactor.read { try await $0.district.fetchChains() } }

    /// The owner of a record for access decisions, or nil when the enterprise does not exist.
    public func owner(of uscc: USCC) async throws -> RecordOwner? {
        try await transactor.read { try await $0.registry.fetchEnterprise(uscc) }.map { RecordOwner(uscc: $0.uscc, townCode: $0.townCode) }
    }

    public func auditLog(limit: Int) async throws -> [ChainedAuditEntry] {
        try await transactor.read { try await $0.audit.fetchLatest(limit: min(max(limit, 1), 500)) }
    }
}
