import Kernel
import Registry

/// The ports the services use. One `Stores` value lives for one unit of work (a transaction):
/// every store it hands out reads and writes inside that same transaction.
public protocol Stores: Sendable {
    var registry: any RegistryStore { get }
    var history: any ChangeHistoryStore { get }
    var district: any DistrictStore { get }
    var accounts: any AccountStore { get }
    var audit: any AuditStore { get }
    var search: any EnterpriseSearchStore { get }
    var uploads: any PendingUploadStore { get }
    var idempotency: any IdempotencyStore { get }
    var qualification: any QualificationStore { get }
    var pool: any PoolStore { get }
    var points: any PointsStore { get }
    var consents: any ConsentStore { get }
    var loans: any LoanStore { get }
    var whiteLists: any WhiteListStore { get }
    var rd: any RDStore { get }
    var jobs: any JobStore { get }
    var cashout: any CashoutStore { get }
    var programmes: any ProgrammeStore { get }
    var sharing: any SharingStore { get }
    var supply: any SupplyStore { get }
    var declarations: any DeclarationStore { get }
}

/// Opens units of work. Writes are serialised per database as the engine requires
/// (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction on a pooled connection).
public protocol Transactor: Sendable {
    func write<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T
    func read<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T
    /// Reads outside a transaction: each statement sees the latest committed state on its own.
    /// For one statement, or statements over records that never change once written; it saves
    /// the BEGIN and COMMIT round trips that dominate a batch of small reads (issue #9).
    func readEach<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T
}

/// Enterprise master records and what hangs off them.
public protocol RegistryStore: Sendable {
    func fetchEnterprise(_ uscc: USCC) async throws -> Enterprise?
    /// The enterprises among `usccs` that exist, keyed by code (for imports that diff in bulk).
    func fetchEnterprises(_ usccs: [USCC]) async throws -> [USCC: Enterprise]
    func insertEnterprises(_ enterprises: [Enterprise], updatedAt: String) async throws
    /// Inserts one enterprise unless its USCC is taken; false when it was (atomic on both engines).
    func insertEnterpriseIfAbsent(_ enterprise: Enterprise, updatedAt: String) async throws -> Bool
    func updateEnterprise(_ enterprise: Enterprise, updatedAt: String) async throws
    func countEnterprises() async throws -> Int

    func fetchFiscalYears(_ uscc: USCC) async throws -> [StampedFiscalYear]
    /// Existing rows among the given keys, for diffing before an upsert.
    func fetchFiscalYears(_ keys: [FiscalYearKey]) async throws -> [FiscalYearKey: StampedFiscalYear]
    func upsertFiscalYears(_ rows: [(USCC, StampedFiscalYear)]) async throws

    func fetchDesignations(_ uscc: USCC) async throws -> [Designation]
    func insertDesignations(_ rows: [(USCC, Designation)]) async throws
    /// Designations of many enterprises, keyed by USCC code, in issue order.
    func fetchDesignations(codes: [String]) async throws -> [String: [Designation]]
    /// Every enterprise's code and current name (matching a published list by name).
    func fetchNames() async throws -> [(USCC, String)]
    /// Which enterprise holds each of these certificate or registration numbers, where one does.
    func fetchHolders(numbers: [String]) async throws -> [String: USCC]
    /// Ends the open designation of `kind` (no expiry, not revoked) on `lastDay`; false if none was open.
    func closeDesignation(_ uscc: USCC, kind: DesignationKind, lastDay: LocalDate) async throws -> Bool

    func fetchEvidence(_ uscc: USCC) async throws -> InnovationEvidence
    /// Appends evidence for many enterprises at once (bulk loads write one statement per table).
    func insertEvidence(_ rows: [(USCC, InnovationEvidence)]) async throws

    /// Streams every enterprise with its fiscal years in USCC order, `batchSize` at a time.
    func forEachEnterpriseBatch(batchSize: Int, _ body: @Sendable ([Enterprise]) async throws -> Void) async throws
    func forEachFiscalYearBatch(batchSize: Int, _ body: @Sendable ([(USCC, StampedFiscalYear)]) async throws -> Void) async throws
}

public struct FiscalYearKey: Hashable, Sendable {
    public var uscc: USCC
    public var year: Int
    public init(uscc: USCC, year: Int) { self.uscc = uscc; self.year = year }
}

/// What an enterprise has to show for its innovation, kept together because the rules read it together.
public struct InnovationEvidence: Hashable, Sendable, Codable {
    public var ip: [IPItem] = []
    public var awards: [Award] = []
    public var rdInstitutions: [RDInstitution] = []
    public var standardsLed: [StandardLed] = []
    public var equityFinancing: [EquityFinancing] = []
    public init(ip: [IPItem] = [], awards: [Award] = [], rdInstitutions: [RDInstitution] = [],
                standardsLed: [StandardLed] = [], equityFinancing: [EquityFinancing] = []) {
        self.ip = ip; self.awards = awards; self.rdInstitutions = rdInstitutions
        self.standardsLed = standardsLed; self.equityFinancing = equityFinancing
    }
}

public protocol ChangeHistoryStore: Sendable {
    func append(_ records: [ChangeRecord]) async throws
    func fetchHistory(_ uscc: USCC, limit: Int) async throws -> [ChangeRecord]
    /// Every earlier state of every enterprise's record (`before` of an edit), as JSON: where
    /// former names are read from.
    func fetchEnterpriseSnapshots() async throws -> [(USCC, String)]
}

/// How many talents share a category, field and level (nil: not recorded).
public struct TalentTally: Sendable, Hashable {
    public var category: TalentCategory
    public var field: String?
    public var level: InstitutionLevel?
    public var count: Int
    public init(category: TalentCategory, field: String?, level: InstitutionLevel?, count: Int) {
        self.category = category; self.field = field; self.level = level; self.count = count
    }
}

/// Towns, chains, platforms, talents and district-wide counts.
public protocol DistrictStore: Sendable {
    func upsertTowns(_ towns: [Town]) async throws
    func fetchTowns() async throws -> [Town]
    func upsertChains(_ chains: [IndustryChain]) async throws
    func fetchChains() async throws -> [IndustryChain]
    func insertPlatforms(_ platforms: [InnovationPlatform]) async throws
    func insertTalents(_ talents: [Talent]) async throws

    /// Enterprises holding a designation of `kind` issued within `from...to`.
    func countDesignationsIssued(_ kind: DesignationKind, from: LocalDate, to: LocalDate) async throws -> Int
    /// Enterprises holding a designation of `kind` valid on `date`.
    func countDesignationsValid(_ kind: DesignationKind, on date: LocalDate) async throws -> Int
    func countDesignations(_ kind: DesignationKind, batch: String) async throws -> Int
    func countPlatforms(on date: LocalDate, level: InstitutionLevel?) async throws -> Int
    /// The platforms recognised by `date`, highest level first.
    func fetchPlatforms(on date: LocalDate) async throws -> [InnovationPlatform]
    func countTalents(_ category: TalentCategory, on date: LocalDate) async throws -> Int
    /// Talents by category, field and level, counted at `date`.
    func talentTally(on date: LocalDate) async throws -> [TalentTally]

    func meta(_ key: String) async throws -> String?
    func setMeta(_ key: String, _ value: String) async throws
}
