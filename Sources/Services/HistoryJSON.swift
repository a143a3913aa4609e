import Foundation

/// Before/after snapshots in the change history are JSON with sorted keys, so equal values give
/// equal text and a diff of two snapshots shows only real changes.
enum HistoryJSON {
    static func encode<T: Encodable>(_ value: T?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
