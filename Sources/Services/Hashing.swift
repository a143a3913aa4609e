import Crypto
import Foundation

/// SHA-256 as lowercase hex: session and upload tokens are stored as it, audit rows chain by it,
/// idempotent requests are recognised by it.
public enum Hashing {
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
