import Kernel

/// The treasury's payment file for one batch (item 8): one line per payment, its total and count,
/// and a SHA-256 digest over the canonical lines, so the treasury and the auditor can tell the
/// file they hold is the one the bureau issued.
public struct PaymentBatchFile: Sendable, Hashable {
    public struct Line: Sendable, Hashable, Codable {
        public var applicationID: Int64
        public var uscc: USCC
        public var name: String
        public var policy: String
        public var amount: Money
        public var bankAccount: String
        public init(applicationID: Int64, uscc: USCC, name: String, policy: String, amount: Money, bankAccount: String) {
            self.applicationID = applicationID; self.uscc = uscc; self.name = name; self.policy = policy; self.amount = amount; self.bankAccount = bankAccount
        }
    }
    public var batchID: Int64
    public var lines: [Line]

    public init(batchID: Int64, lines: [Line]) { self.batchID = batchID; self.lines = lines.sorted { $0.applicationID < $1.applicationID } }

    public var total: Money { lines.reduce(.zero) { $0 + $1.amount } }

    /// Fields joined by unit separators, lines by newlines, in application order.
    public var canonical: String {
        (["batch \(batchID)"] + lines.map { [String($0.applicationID), $0.uscc.code, $0.name, $0.policy, String($0.amount.fen), $0.bankAccount].joined(separator: "\u{1F}") }
            + ["count \(lines.count) total \(total.fen)"]).joined(separator: "\n")
    }
}
