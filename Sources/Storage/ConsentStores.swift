import Accounts
import InnovationPoints
import Kernel
import Lending

public struct Bank: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public init(code: String, name: String) { self.code = code; self.name = name }
}

/// Banks, the consents enterprises give them, and the log of every bank read.
public protocol ConsentStore: Sendable {
    func upsertBanks(_ banks: [Bank]) async throws
    func fetchBanks() async throws -> [Bank]
    func insertConsent(_ c: Consent) async throws -> Int64
    func fetchConsent(_ id: Int64) async throws -> Consent?
    func fetchConsents(uscc: USCC) async throws -> [Consent]
    /// The consents of several enterprises at once, newest first (a batch of bank reads).
    func fetchConsents(usccs: [USCC]) async throws -> [Consent]
    /// Consents naming `bank`, live or not, newest first.
    func fetchConsents(bank: String) async throws -> [Consent]
    func revokeConsent(_ id: Int64, at: String) async throws -> Bool
    func appendAccess(_ rows: [BankAccess]) async throws
    func fetchAccess(uscc: USCC, limit: Int) async throws -> [BankAccess]
    /// One page of an enterprise's bank reads, newest first, and how many match in all.
    func searchAccess(_ f: AccessFilter, offset: Int, limit: Int) async throws -> (total: Int, rows: [BankAccess])
}

/// Which of an enterprise's bank reads to list (issue 22, item 2); every other condition optional.
public struct AccessFilter: Sendable, Hashable {
    public var uscc: USCC
    public var bank: String?
    public var allowed: Bool?
    /// Read at or after `from` and before `until` (ISO instants).
    public var from: String?
    public var until: String?
    public init(uscc: USCC, bank: String? = nil, allowed: Bool? = nil, from: String? = nil, until: String? = nil) {
        self.uscc = uscc; self.bank = bank; self.allowed = allowed; self.from = from; self.until = until
    }
}

/// Which loans to read from the register; every condition is optional.
public struct LoanFilter: Sendable, Hashable {
    public var product: Loan.Product?
    public var bank: String?
    public var uscc: USCC?
    public var status: Loan.Status?
    /// Drawn on or after `from` and on or before `to`.
    public var from: LocalDate?
    public var to: LocalDate?
    public init(product: Loan.Product? = nil, bank: String? = nil, uscc: USCC? = nil, status: Loan.Status? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.product = product; self.bank = bank; self.uscc = uscc; self.status = status; self.from = from; self.to = to
    }
}

/// The loan register (rules.md §11.8 L1): loans with their current status, and the appended
/// history of every status a bank reported.
public protocol LoanStore: Sendable {
    func insertLoans(_ loans: [Loan]) async throws
    func insertLoan(_ loan: Loan) async throws -> Int64
    /// With `forUpdate`, the loan's row is locked to the end of the transaction (PostgreSQL;
    /// SQLite's writes are serialised already), so two reports cannot both move it.
    func fetchLoan(_ id: Int64, forUpdate: Bool) async throws -> Loan?
    /// Matching loans, oldest drawing first.
    func fetchLoans(_ filter: LoanFilter) async throws -> [Loan]
    /// Appends the update and sets the loan's current status from it.
    func applyUpdate(_ update: LoanUpdate) async throws
    func fetchUpdates(loanID: Int64) async throws -> [LoanUpdate]
    /// Serialises new loans of one bank (PostgreSQL: a row lock on the bank; SQLite's writes
    /// are serialised already), so two concurrent loans cannot both pass the circuit breaker.
    func lockBank(_ code: String) async throws
}

/// Model drafts (issue: innovation points, versioned models): edited by staff, compared with
/// the published model, published once as a new version.
public struct PointsDraft: Sendable, Hashable {
    public var id: Int64
    public var model: PointsModel
    public var basedOn: String
    public var author: String
    public var createdAt: String
    public var publishedRunID: Int64?
    public init(id: Int64 = 0, model: PointsModel, basedOn: String, author: String, createdAt: String, publishedRunID: Int64? = nil) {
        self.id = id; self.model = model; self.basedOn = basedOn; self.author = author; self.createdAt = createdAt; self.publishedRunID = publishedRunID
    }
}

/// A white list as published: the rule, the date, and the firms in their order.
public struct PublishedWhiteList: Sendable {
    public var id: Int64
    public var rule: WhiteListRule
    public var asOf: LocalDate
    public var publishedAt: String
    public var actor: String
    public var considered: Int
    public var entries: [WhiteListVerdict]
    public init(id: Int64 = 0, rule: WhiteListRule, asOf: LocalDate, publishedAt: String, actor: String, considered: Int, entries: [WhiteListVerdict]) {
        self.id = id; self.rule = rule; self.asOf = asOf; self.publishedAt = publishedAt; self.actor = actor; self.considered = considered; self.entries = entries
    }
}

public protocol WhiteListStore: Sendable {
    func insertList(_ list: PublishedWhiteList) async throws -> Int64
    /// The latest published list, with its entries; with `asOf`, the latest dated by then.
    func latestList(asOf: LocalDate?) async throws -> PublishedWhiteList?
}
