import Registry
/// Text checks shared by every cash-out input: PostgreSQL refuses NUL in text, and no control
/// character belongs in a name, a reference or a form field. Lengths count Unicode scalars,
/// as SQL's `length()` does, so a CHECK never sees a value the code let through.
public enum CleanText {
    /// One line: no control characters at all.
    public static func isLine(_ s: String, max: Int) -> Bool {
        s.unicodeScalars.count <= max && !s.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Free text: line breaks and tabs allowed, no other control characters.
    public static func isText(_ s: String, max: Int) -> Bool {
        s.unicodeScalars.count <= max && !s.unicodeScalars.contains { $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0) }
    }
}

extension Condition {
    /// Whether the condition requires a designation of `kind` (so a match carries its certificate).
    func namesDesignation(_ kind: DesignationKind) -> Bool {
        switch self {
        case .all(let parts): return parts.contains { $0.namesDesignation(kind) }
        case .any(let parts): return !parts.isEmpty && parts.allSatisfy { $0.namesDesignation(kind) }
        case .recognisedInYear(let k, _), .holds(let k): return k == kind
        case .factAtLeast: return false
        }
    }
}
