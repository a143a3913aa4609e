import Kernel
import Registry
import Storage

/// Expiry reminders (issue: designation lifecycle): each designation gets one reminder as it
/// enters each window of the policy (90, then 30 days before expiry), recorded so none is
/// given twice; the enterprise and the bureau read them on their pages. Run nightly.
public struct ReminderService: Sendable {
    public let transactor: any Transactor
    public let policy: ReminderPolicy
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, policy: ReminderPolicy = ReminderPolicy(), now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.policy = policy; self.now = now
    }

    /// Records the reminders due on `date`; returns the new ones.
    @discardableResult
    public func recordDue(on date: LocalDate) async throws -> [ExpiryReminder] {
        let policy = self.policy, at = now()
        return try await transactor.write { stores in
            let expiring = try await stores.qualification.designationsExpiring(on: date, within: policy.daysBefore.first ?? 0)
            let due = expiring.compactMap { uscc, d -> ExpiryReminder? in
                guard let window = d.reminder(on: date, policy: policy), let expires = d.expiresOn else { return nil }
                return ExpiryReminder(uscc: uscc, kind: d.kind, issuedOn: d.issuedOn, expiresOn: expires, daysBefore: window,
                                      dueOn: date, recordedAt: at)
            }
            let new = try await stores.qualification.recordReminders(due)
            if !new.isEmpty {
                try await stores.audit(AuditEntry(at: at, actor: "system", action: "reminders.record", subject: "designations",
                                                  detail: "\(new.count) reminders due on \(date)"))
            }
            return new
        }
    }

    public func reminders(_ uscc: USCC?, limit: Int = 50) async throws -> [ExpiryReminder] {
        try await transactor.read { try await $0.qualification.fetchReminders(uscc, limit: limit) }
    }
}
