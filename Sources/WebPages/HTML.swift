/// HTML text in which every interpolated `String` is escaped, and only `HTML` values pass
/// through as markup. Views are functions returning `HTML`, so forgetting to escape user data
/// takes effort (`HTML(unsafe:)`), not a slip.
public struct HTML: Sendable, CustomStringConvertible, ExpressibleByStringInterpolation, Equatable {
    public private(set) var text: String

    public init(unsafe text: String) { self.text = text }
    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    public var description: String { text }
    public static let empty = HTML(unsafe: "")

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }
        public mutating func appendInterpolation(_ values: [HTML]) { for v in values { text += v.text } }
        public mutating func appendInterpolation(_ value: String?) { if let value { text += HTML.escape(value) } }
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(unsafe: a.text + b.text) }
}

extension Sequence {
    /// Renders each element and joins the pieces.
    public func html(_ render: (Element) -> HTML) -> HTML {
        HTML(unsafe: map { render($0).text }.joined())
    }
}
