import Accounts
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
    /// Consents naming `bank`, live or not, newest first.
    func fetchConsents(bank: String) async throws -> [Consent]
    func revokeConsent(_ id: Int64, at: String) async throws -> Bool
    func appendAccess(_ a: BankAccess) async throws
    func fetchAccess(uscc: USCC, limit: Int) async throws -> [BankAccess]
}

/// The loan register (rules.md §11.8 L1).
public protocol LoanStore: Sendable {
    func insertLoans(_ loans: [Loan]) async throws
    /// Loans drawn by `to`, of one product or all.
    func fetchLoans(product: Loan.Product?, to: LocalDate) async throws -> [Loan]
}
