/// One numbered, append-only schema step. A published migration is never edited: a change is a
/// new migration. `down` undoes `up` exactly, so CI can run migrate, revert, migrate.
struct Migration: Sendable {
    let id: Int
    let name: String
    let up: @Sendable (SQLEngine) -> [String]
    let down: @Sendable (SQLEngine) -> [String]
    /// Reverting it would drop or change the audit log: refused once the log has a row (issue 19, item 6).
    var holdsAuditLog = false
}

/// Every migration, in order. Append only.
let allMigrations: [Migration] = [
    Migration001Registry.migration,
    Migration002Accounts.migration,   // holds the audit log
    Migration003ListIndexes.migration,
    Migration004Idempotency.migration,
    Migration005Qualification.migration,
    Migration006Points.migration,
    Migration007LoanUpdates.migration,
    Migration008RankingIndex.migration,
    Migration009RDMonitoring.migration,
    Migration010RDFirmYears.migration,
    Migration011Jobs.migration,
    Migration012Cashout.migration,
    Migration013Programmes.migration,
    Migration014ProjectDelivery.migration,
    Migration015ResultsAndInstruments.migration,
    Migration016ChainSupply.migration,
    Migration017TalentProfile.migration,
    Migration018AuditSearch.migration,
    Migration019DesignationSource.migration,
    Migration020FiscalYearDeclarations.migration,
    Migration021LoginThrottle.migration,
    Migration022AuditAppendOnly.migration,
]
