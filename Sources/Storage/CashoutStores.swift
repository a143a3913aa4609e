import Cashout
import Kernel

/// A policy as published, with who published it and when.
public struct PublishedPolicy: Sendable, Hashable {
    public var policy: Policy
    public var publishedAt: String
    public var publishedBy: String
    public init(policy: Policy, publishedAt: String, publishedBy: String) { self.policy = policy; self.publishedAt = publishedAt; self.publishedBy = publishedBy }
}

/// A budget line's balance, kept by the ledger: available = appropriated − reserved − spent.
public struct BudgetLine: Sendable, Hashable {
    public var code: String
    public var name: String
    public var year: Int
    public var appropriated: Money
    public var reserved: Money
    public var spent: Money
    public var available: Money
    public init(code: String, name: String, year: Int, appropriated: Money = .zero, reserved: Money = .zero, spent: Money = .zero, available: Money = .zero) {
        self.code = code; self.name = name; self.year = year; self.appropriated = appropriated; self.reserved = reserved; self.spent = spent; self.available = available
    }
}

/// One appended ledger row (item 5). Rows are never updated or deleted; the line's balance moves
/// with each row in the same statement that checks it.
public struct BudgetEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The appropriation credits the line.
        case appropriation
        /// Approval reserves the amount (pending).
        case reserve
        /// Rejection or reversal before payment voids the reservation.
        case release
        /// Payment posts the reserved amount as spent.
        case post
        /// Reversal after payment returns the money to the line.
        case refund
    }
    public var id: Int64
    public var line: String
    public var kind: Kind
    public var amount: Money
    public var applicationID: Int64?
    public var at: String
    public var actor: String
    public var note: String
    public init(id: Int64 = 0, line: String, kind: Kind, amount: Money, applicationID: Int64? = nil, at: String, actor: String, note: String = "") {
        self.id = id; self.line = line; self.kind = kind; self.amount = amount; self.applicationID = applicationID; self.at = at; self.actor = actor; self.note = note
    }
}

/// An application or entitlement under a policy, with who did each duty.
public struct CashoutApplication: Sendable, Hashable {
    public var id: Int64 = 0
    public var policyID: String
    public var policyVersion: Int
    /// The budget line of the policy version it was made under: its reservation and payment
    /// stay on that line even if a later version of the policy names another.
    public var budgetLine: String
    public var uscc: USCC
    /// The subsidy year: the year whose recognitions and facts the policy read.
    public var year: Int
    public var status: ApplicationStatus
    /// Created by matching (免申即享) rather than by the firm.
    public var proactive: Bool
    public var onceKey: String?
    public var certificate: String?
    public var declaredBase: Money?
    public var amount: Money?
    /// The form's fields as the firm last saved them.
    public var form: [String: String] = [:]
    public var bankAccount: String = ""
    public var createdAt: String
    public var updatedAt: String
    /// The day the application entered its status, for the working-day deadline of the step.
    public var statusSince: LocalDate
    public var reviewerID: Int64?
    public var approverID: Int64?
    public var payerID: Int64?
    public var batchID: Int64?
    public var bankReference: String?
    public var paidOn: LocalDate?

    public init(policyID: String, policyVersion: Int, budgetLine: String, uscc: USCC, year: Int, status: ApplicationStatus, proactive: Bool, onceKey: String?,
                certificate: String?, declaredBase: Money? = nil, amount: Money?, createdAt: String, statusSince: LocalDate) {
        self.policyID = policyID; self.policyVersion = policyVersion; self.budgetLine = budgetLine; self.uscc = uscc; self.year = year; self.status = status; self.proactive = proactive
        self.onceKey = onceKey; self.certificate = certificate; self.declaredBase = declaredBase; self.amount = amount
        self.createdAt = createdAt; self.updatedAt = createdAt; self.statusSince = statusSince
    }
}

/// One step in an application's history.
public struct ApplicationEvent: Sendable, Hashable {
    public var applicationID: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var from: ApplicationStatus?
    public var to: ApplicationStatus
    public var comment: String
    public init(applicationID: Int64, at: String, actor: String, action: String, from: ApplicationStatus?, to: ApplicationStatus, comment: String = "") {
        self.applicationID = applicationID; self.at = at; self.actor = actor; self.action = action; self.from = from; self.to = to; self.comment = comment
    }
}

public struct AttachmentInfo: Sendable, Hashable {
    public var id: Int64 = 0
    public var applicationID: Int64
    public var name: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedAt: String
    public init(applicationID: Int64, name: String, fileName: String, contentType: String, size: Int, sha256: String, uploadedAt: String) {
        self.applicationID = applicationID; self.name = name; self.fileName = fileName; self.contentType = contentType; self.size = size; self.sha256 = sha256; self.uploadedAt = uploadedAt
    }
}

public struct PaymentBatchRecord: Sendable, Hashable {
    public var id: Int64
    public var createdAt: String
    public var createdBy: String
    public var count: Int
    public var total: Money
    public var digest: String
    public init(id: Int64, createdAt: String, createdBy: String, count: Int, total: Money, digest: String) {
        self.id = id; self.createdAt = createdAt; self.createdBy = createdBy; self.count = count; self.total = total; self.digest = digest
    }
}

public struct FirmNotice: Sendable, Hashable {
    public var uscc: USCC
    public var at: String
    public var text: String
    public var applicationID: Int64?
    public init(uscc: USCC, at: String, text: String, applicationID: Int64?) { self.uscc = uscc; self.at = at; self.text = text; self.applicationID = applicationID }
}

public struct ApplicationFilter: Sendable, Hashable {
    public var policyID: String?
    public var uscc: USCC?
    public var statuses: [ApplicationStatus]?
    public var batchID: Int64?
    /// Part of the firm's name, or the start of its USCC (the list page's search box).
    public var text: String?
    public var townCode: String?
    /// ISO instants bounding when the application was started: `createdFrom` inclusive, `createdUntil` exclusive.
    public var createdFrom: String?
    public var createdUntil: String?
    public init(policyID: String? = nil, uscc: USCC? = nil, statuses: [ApplicationStatus]? = nil, batchID: Int64? = nil,
                text: String? = nil, townCode: String? = nil, createdFrom: String? = nil, createdUntil: String? = nil) {
        self.policyID = policyID; self.uscc = uscc; self.statuses = statuses; self.batchID = batchID
        self.text = text; self.townCode = townCode; self.createdFrom = createdFrom; self.createdUntil = createdUntil
    }
}

/// The orders the application list offers; each ends on the id, so pages never overlap.
public enum ApplicationSort: String, Sendable, CaseIterable {
    case newest, oldest, amount, firm, status
}

public protocol CashoutStore: Sendable {
    /// Stores a policy version; false when that version exists already (a concurrent publish).
    func upsertPolicy(_ published: PublishedPolicy) async throws -> Bool
    func fetchPolicies() async throws -> [PublishedPolicy]
    func fetchPolicy(_ id: String) async throws -> PublishedPolicy?
    /// The policy as published in `version` (an application is decided under its own version).
    func fetchPolicy(_ id: String, version: Int) async throws -> Policy?

    func insertBudgetLine(_ line: BudgetLine) async throws
    func fetchBudgetLines() async throws -> [BudgetLine]
    func fetchBudgetLine(_ code: String) async throws -> BudgetLine?
    /// Appends a ledger row and moves the line's balance in one guarded statement; false (and
    /// nothing written) when the balance does not allow it (reserve beyond what is available,
    /// release or post beyond what is reserved, refund beyond what was spent).
    func post(_ entry: BudgetEntry) async throws -> Bool
    func fetchEntries(line: String) async throws -> [BudgetEntry]
    /// Payments posted within `from...to` (ISO days), in fen, per policy.
    func paidPerPolicy(from: String, to: String) async throws -> [String: Money]

    /// Inserts an application; nil when its once-key is held by another live application.
    func insertApplication(_ a: CashoutApplication) async throws -> Int64?
    /// `forUpdate` locks the row on PostgreSQL until the transaction ends.
    func fetchApplication(_ id: Int64, forUpdate: Bool) async throws -> CashoutApplication?
    func fetchApplications(_ filter: ApplicationFilter) async throws -> [CashoutApplication]
    /// One page of the filtered applications in `sort` order, with their total.
    func searchApplications(_ filter: ApplicationFilter, sort: ApplicationSort, offset: Int, limit: Int) async throws -> (total: Int, applications: [CashoutApplication])
    /// Oldest first after `afterID`: an export walks the filtered applications in keyset batches.
    func fetchApplications(_ filter: ApplicationFilter, afterID: Int64?, limit: Int) async throws -> [CashoutApplication]
    func updateApplication(_ a: CashoutApplication) async throws
    func appendEvent(_ e: ApplicationEvent) async throws
    func fetchEvents(applicationID: Int64) async throws -> [ApplicationEvent]
    /// Records the one payment of an application; false when it or its once-key was paid before.
    func insertPayment(applicationID: Int64, onceKey: String, amount: Money, batchID: Int64?, bankReference: String, paidAt: String, payer: Int64) async throws -> Bool
    /// Once-keys that were ever paid, among `keys`.
    func paidKeys(_ keys: [String]) async throws -> Set<String>

    func insertAttachment(_ info: AttachmentInfo, data: [UInt8]) async throws -> Int64
    func fetchAttachments(applicationID: Int64) async throws -> [AttachmentInfo]
    func fetchAttachmentData(_ id: Int64) async throws -> (AttachmentInfo, [UInt8])?

    func insertBatch(createdAt: String, createdBy: String) async throws -> Int64
    /// Puts every approved application not yet in a batch into `batch`, in one guarded
    /// statement (a payment or reversal committed meanwhile is not overwritten); returns their ids.
    func assignBatch(_ batch: Int64) async throws -> [Int64]
    /// Records the batch's file as issued: its lines, count, total and digest.
    func finishBatch(_ record: PaymentBatchRecord, lines: [PaymentBatchFile.Line]) async throws
    func fetchBatchLines(_ id: Int64) async throws -> [PaymentBatchFile.Line]
    func fetchBatches() async throws -> [PaymentBatchRecord]
    func fetchBatch(_ id: Int64) async throws -> PaymentBatchRecord?

    func insertNotices(_ notices: [FirmNotice]) async throws
    func fetchNotices(uscc: USCC, limit: Int) async throws -> [FirmNotice]
}
