import Accounts
import Kernel
import Registry

/// A filtered, paged look at the registry, always within the caller's scope.
public struct EnterpriseQuery: Sendable, Equatable {
    /// Matches a USCC prefix (when it looks like one) or any part of the name.
    public var text: String?
    public var townCode: String?
    /// GB/T 4754 code prefix: "C38" matches C3841.
    public var industryPrefix: String?
    public var chain: String?
    /// Only enterprises holding this designation valid on `asOf`.
    public var designation: DesignationKind?
    public var asOf: LocalDate
    public var scope: EnterpriseScope
    public var offset: Int
    public var limit: Int
    public var sort: EnterpriseSort

    public init(text: String? = nil, townCode: String? = nil, industryPrefix: String? = nil, chain: String? = nil,
                designation: DesignationKind? = nil, asOf: LocalDate, scope: EnterpriseScope, offset: Int = 0, limit: Int = 50, sort: EnterpriseSort = .name) {
        self.text = text; self.townCode = townCode; self.industryPrefix = industryPrefix; self.chain = chain
        self.designation = designation; self.asOf = asOf; self.scope = scope; self.offset = offset; self.limit = limit; self.sort = sort
    }
}

/// The orders the enterprise list offers: by name (the default), by code, newest registered first.
public enum EnterpriseSort: String, Sendable, CaseIterable {
    case name, code, registered
}

public struct EnterpriseListItem: Sendable, Codable, Equatable {
    public var enterprise: Enterprise
    /// Kinds of designation valid on the query's date.
    public var designations: [DesignationKind]
    public init(enterprise: Enterprise, designations: [DesignationKind]) { self.enterprise = enterprise; self.designations = designations }
}

public struct EnterprisePage: Sendable, Codable, Equatable {
    public var items: [EnterpriseListItem]
    public var total: Int
    public var offset: Int
    public var limit: Int
    public init(items: [EnterpriseListItem], total: Int, offset: Int, limit: Int) {
        self.items = items; self.total = total; self.offset = offset; self.limit = limit
    }
}

/// The dashboard's counts.
public struct DistrictOverview: Sendable, Codable, Equatable {
    public var asOf: LocalDate
    public var enterprises: Int
    public var byDesignation: [DesignationKind: Int]
    /// Town code → (name, enterprises, enterprises holding any designation valid on `asOf`).
    public var byTown: [TownCount]
    public init(asOf: LocalDate, enterprises: Int, byDesignation: [DesignationKind: Int], byTown: [TownCount]) {
        self.asOf = asOf; self.enterprises = enterprises; self.byDesignation = byDesignation; self.byTown = byTown
    }
}

public struct TownCount: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var enterprises: Int
    public var designated: Int
    public init(code: String, name: String, enterprises: Int, designated: Int) {
        self.code = code; self.name = name; self.enterprises = enterprises; self.designated = designated
    }
}

public protocol EnterpriseSearchStore: Sendable {
    func search(_ query: EnterpriseQuery) async throws -> EnterprisePage
    /// The query's enterprises in code order after `afterUSCC`, for an export in keyset batches
    /// (the query's offset, limit and sort are ignored).
    func exportBatch(_ query: EnterpriseQuery, afterUSCC: String?, limit: Int) async throws -> [EnterpriseListItem]
    func overview(asOf: LocalDate, scope: EnterpriseScope) async throws -> DistrictOverview
}
