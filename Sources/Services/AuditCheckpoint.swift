import Foundation
import Storage

/// A signed note of where the audit chain stood (issue 19, item 6): the newest row's id and hash
/// and how many rows led to it, signed with the audit key and kept outside the database (written
/// daily by the jobs, or by `kechuang audit checkpoint`). The chain alone cannot show that its
/// tail was cut and the head moved back; `audit verify --checkpoint` can: the row the checkpoint
/// names must still be there, with the same hash and the same number of rows before it.
public struct AuditCheckpoint: Sendable, Equatable {
    public var id: Int64
    public var count: Int
    public var head: String
    public var at: String
    public var keyID: String
    public var mac: String

    static let header = "kechuang-audit-checkpoint v1"

    var signed: String { [Self.header, "id: \(id)", "count: \(count)", "head: \(head)", "at: \(at)", "key: \(keyID)"].joined(separator: "\n") }
    public var text: String { signed + "\nmac: \(mac)\n" }

    /// The checkpoint of the chain as it stands, signed with `key`; nil when the log is empty.
    public static func make(_ transactor: any Transactor, key: AuditKey, at: String) async throws -> AuditCheckpoint? {
        try await transactor.read { stores in
            guard let id = try await stores.audit.latestID(), let head = try await stores.audit.lastHash() else { return nil }
            var c = AuditCheckpoint(id: id, count: try await stores.audit.count(upTo: id), head: head, at: at, keyID: key.id, mac: "")
            c.mac = key.mac(c.signed)
            return c
        }
    }

    public static func parse(_ text: String) -> AuditCheckpoint? {
        var fields: [String: String] = [:]
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == header else { return nil }
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let id = fields["id"].flatMap(Int64.init), let count = fields["count"].flatMap(Int.init), let head = fields["head"],
              let at = fields["at"], let keyID = fields["key"], let mac = fields["mac"] else { return nil }
        return AuditCheckpoint(id: id, count: count, head: head, at: at, keyID: keyID, mac: mac)
    }

    /// Nil when the database still holds what the checkpoint saw; the problem otherwise.
    public func problem(_ transactor: any Transactor, key: AuditKey) async throws -> String? {
        guard keyID == key.id else { return "checkpoint \(at) was signed with another key (\(keyID))" }
        guard key.mac(signed) == mac else { return "checkpoint \(at) does not match its signature: it was altered" }
        return try await transactor.read { stores in
            guard let row = try await stores.audit.fetch(afterID: id - 1, limit: 1).first, row.id == id else {
                return "row \(id), the head at checkpoint \(at), is gone: the log was cut"
            }
            guard row.hash == head else { return "row \(id) no longer has the hash it had at checkpoint \(at): the chain was rewritten" }
            let n = try await stores.audit.count(upTo: id)
            guard n == count else { return "\(n) rows up to \(id), \(count) at checkpoint \(at): rows were removed" }
            return nil
        }
    }
}
