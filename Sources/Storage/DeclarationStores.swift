import Kernel
import Registry

/// Firms' declared fiscal figures awaiting verification (issue 19, item 1).
public protocol DeclarationStore: Sendable {
    /// Inserts a pending declaration; the caller has superseded any open one for the same year.
    /// Nil when another transaction opened one for that year meanwhile.
    func insertDeclaration(_ d: FiscalYearDeclaration) async throws -> Int64?
    func fetchDeclaration(_ id: Int64) async throws -> FiscalYearDeclaration?
    /// The open declaration of the firm for `year`, if any.
    func fetchOpenDeclaration(_ uscc: USCC, year: Int) async throws -> FiscalYearDeclaration?
    /// Every declaration of the firm, newest first.
    func fetchDeclarations(_ uscc: USCC) async throws -> [FiscalYearDeclaration]
    /// The queue: declarations in `status` (all when nil) of firms in `townCode` (all when nil),
    /// oldest first, with each firm's name, and how many there are in all.
    func fetchDeclarations(_ filter: DeclarationFilter, offset: Int, limit: Int) async throws -> (rows: [DeclarationRow], total: Int)
    /// Moves a pending declaration to `status`; false when it was no longer pending.
    func decideDeclaration(_ id: Int64, status: FiscalYearDeclaration.Status, by: String, at: String, note: String?) async throws -> Bool
    /// Firm-years of `years` with an open declaration (there are few: the queue is worked daily).
    func openDeclarationKeys(years: Set<Int>) async throws -> Set<FiscalYearKey>
}

public struct DeclarationFilter: Sendable, Hashable {
    public var status: FiscalYearDeclaration.Status?
    public var townCode: String?
    public var uscc: USCC?
    public init(status: FiscalYearDeclaration.Status? = .pending, townCode: String? = nil, uscc: USCC? = nil) {
        self.status = status; self.townCode = townCode; self.uscc = uscc
    }
}

public struct DeclarationRow: Sendable, Hashable {
    public var declaration: FiscalYearDeclaration
    public var name: String
    public var townCode: String?
    public init(declaration: FiscalYearDeclaration, name: String, townCode: String?) {
        self.declaration = declaration; self.name = name; self.townCode = townCode
    }
}
