import Crypto
import Foundation

/// The key of the audit chain (issue 19, item 6), kept outside the database: whoever can write
/// the database — its administrator, a stolen backup restored elsewhere — cannot recompute a
/// keyed row's hash, so an edited row cannot be hidden by rehashing the rows after it.
///
/// From `KECHUANG_AUDIT_KEY_FILE` (a file readable by its owner only, mode 0600 or stricter) or
/// `KECHUANG_AUDIT_KEY`; either holds at least 32 bytes as 64+ hex digits or base64. Without one
/// the chain is plain SHA-256, as it was, and the platform says so (`audit verify`, `/readyz`).
public struct AuditKey: Sendable {
    let bytes: [UInt8]
    /// Names the key in checkpoints without revealing it: the first 16 hex digits of its SHA-256.
    public let id: String

    public init(bytes: [UInt8]) throws(AuditKeyError) {
        guard bytes.count >= 32 else { throw .tooShort }
        self.bytes = bytes
        id = String(Hashing.sha256Hex(Data(bytes)).prefix(16))
    }

    /// The key the environment names, nil when it names none.
    public static func load(_ env: [String: String]) throws(AuditKeyError) -> AuditKey? {
        if let path = env["KECHUANG_AUDIT_KEY_FILE"], !path.isEmpty {
            let attributes: [FileAttributeKey: Any]
            do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch { throw .unreadable(path) }
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 { throw .tooOpen(path, mode) }
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
            return try AuditKey(bytes: decode(String(decoding: data, as: UTF8.self)))
        }
        if let text = env["KECHUANG_AUDIT_KEY"], !text.isEmpty { return try AuditKey(bytes: decode(text)) }
        return nil
    }

    /// The key of this process, read once from its environment (nil when none or malformed:
    /// `serve` and the CLI check `load` first and refuse to start on a malformed one).
    public static let configured: AuditKey? = try? load(ProcessInfo.processInfo.environment)

    static func decode(_ raw: String) throws(AuditKeyError) -> [UInt8] {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count % 2 == 0, text.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let b = UInt8(text[index..<next], radix: 16) else { throw .malformed }
                bytes.append(b)
                index = next
            }
            return bytes
        }
        guard let data = Data(base64Encoded: text) else { throw .malformed }
        return [UInt8](data)
    }

    /// HMAC-SHA256 of `text`, in hex.
    public func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes)).map { String(format: "%02x", $0) }.joined()
    }
}

public enum AuditKeyError: Error, Equatable, CustomStringConvertible {
    case tooShort, malformed
    case unreadable(String)
    case tooOpen(String, Int)

    public var description: String {
        switch self {
        case .tooShort: return "审计密钥至少 32 字节 / the audit key must be at least 32 bytes"
        case .malformed: return "审计密钥须为十六进制或 base64 / the audit key must be hex or base64"
        case .unreadable(let p): return "无法读取审计密钥文件 \(p) / cannot read the audit key file \(p)"
        case .tooOpen(let p, let m): return "审计密钥文件 \(p) 的权限为 \(String(m, radix: 8))，须为 600 / the audit key file \(p) has mode \(String(m, radix: 8)); it must be 600"
        }
    }
}
