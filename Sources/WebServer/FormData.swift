import Foundation
import Kernel

/// `application/x-www-form-urlencoded` bodies and query strings, with repeated keys kept.
struct FormData: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = FormData.decode(kv[0])
            let value = kv.count > 1 ? FormData.decode(kv[1]) : ""
            values[key, default: []].append(value)
        }
    }

    init(values: [String: [String]]) { self.values = values }

    static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    subscript(_ key: String) -> String? { values[key]?.first }
    func all(_ key: String) -> [String] { values[key] ?? [] }

    /// The trimmed value, nil when empty.
    func text(_ key: String) -> String? {
        guard let v = self[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }
}

extension Problem {
    /// A service's problems as a form's field errors (issue 22, item 4): each message beside the
    /// field its path ends in (after `rename`), the rest under "" for the form as a whole.
    static func byField(_ problems: [Problem], fields: some Collection<String>, rename: (String) -> String = { $0 }) -> [String: String] {
        Dictionary(problems.map { p -> (String, String) in
            let key = rename(p.path.split(separator: ".").last.map(String.init) ?? p.path)
            return fields.contains(key) ? (key, p.message) : ("", p.description)
        }, uniquingKeysWith: { a, b in a + "\n" + b })
    }
}

/// A minimal `multipart/form-data` reader for the import upload: fields and one file.
/// Bounded by the body limit; malformed input yields nil, never a crash.
struct MultipartForm {
    var fields: [String: String] = [:]
    var files: [String: (fileName: String, data: Data)] = [:]

    init?(body: Data, contentType: String) {
        guard let boundaryPart = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") }) else { return nil }
        var boundary = String(boundaryPart.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        guard !boundary.isEmpty, boundary.count <= 200 else { return nil }
        let delimiter = Data(("--" + boundary).utf8)
        let bytes = body
        var parts: [Range<Data.Index>] = []
        var searchFrom = bytes.startIndex
        var previousEnd: Data.Index?
        while let r = bytes.range(of: delimiter, in: searchFrom..<bytes.endIndex) {
            if let start = previousEnd { parts.append(start..<r.lowerBound) }
            previousEnd = r.upperBound
            searchFrom = r.upperBound
        }
        guard !parts.isEmpty else { return nil }
        let headerEnd = Data("\r\n\r\n".utf8)
        for range in parts {
            var part = bytes[range]
            // Each part starts with CRLF after the delimiter and ends with CRLF before the next.
            if part.starts(with: Data("\r\n".utf8)) { part = part.dropFirst(2) }
            if part.count >= 2, part.suffix(2) == Data("\r\n".utf8) { part = part.dropLast(2) }
            guard let h = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<h.lowerBound], as: UTF8.self)
            let content = Data(part[h.upperBound...])
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { continue }
            let params = MultipartForm.parameters(String(disposition))
            guard let name = params["name"] else { continue }
            if let fileName = params["filename"] {
                files[name] = (fileName, content)
            } else {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
    }

    static func parameters(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in header.split(separator: ";").dropFirst() {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            out[kv[0].trimmingCharacters(in: .whitespaces).lowercased()] = v
        }
        return out
    }
}
