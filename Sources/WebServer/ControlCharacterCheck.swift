import Foundation
import Kernel

/// Every door refuses control characters in what people send (issue 17, item 5): a 422 naming
/// each field, before any handler sees the value. Tab and line breaks are allowed; a one-line
/// field (a name) refuses them in its own validation.
enum ControlCharacterCheck {
    /// Walks a decoded JSON value; paths are written as the API's problems are (`a.b[2]`).
    static func problems(inJSON value: Any, path: String = "") -> [Problem] {
        switch value {
        case let s as String:
            return ControlCharacters.first(in: s).map { [Problem(path: path, message: ControlCharacters.message($0))] } ?? []
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key -> [Problem] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                let keyProblem = ControlCharacters.first(in: key).map { [Problem(path: child, message: ControlCharacters.message($0))] } ?? []
                return keyProblem + problems(inJSON: object[key] as Any, path: child)
            }
        case let array as [Any]:
            return array.enumerated().flatMap { problems(inJSON: $1, path: "\(path)[\($0)]") }
        default:
            return []
        }
    }

    /// Refuses a JSON body holding a control character anywhere.
    static func checkJSON(_ data: Data) throws {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        let found = problems(inJSON: value)
        if !found.isEmpty { throw AppError.invalid(found) }
    }

    /// Refuses form fields holding one, naming each field.
    static func checkFields(_ fields: [String: [String]]) throws {
        let found = fields.keys.sorted().compactMap { key -> Problem? in
            for value in fields[key] ?? [] {
                if let bad = ControlCharacters.first(in: value) { return Problem(path: key, message: ControlCharacters.message(bad)) }
            }
            return nil
        }
        if !found.isEmpty { throw AppError.invalid(found) }
    }

    /// A multipart upload's fields and file names.
    static func checkMultipart(_ form: MultipartForm) throws {
        var fields = form.fields.mapValues { [$0] }
        for (name, file) in form.files { fields[name, default: []].append(file.fileName) }
        try checkFields(fields)
    }
}
