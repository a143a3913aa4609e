import Foundation

/// Enterprise names as published lists write them and as the registry keeps them, brought to
/// one form for matching (issue 23, item 2). Lists copy names by hand: full-width and half-width
/// brackets and letters mix, spaces creep in, and 有限责任公司 is often shortened to 有限公司.
/// The normalised form is for matching only; the registry keeps the name as registered.
public enum EnterpriseName {
    public static func normalised(_ name: String) -> String {
        // NFKC folds full-width letters, digits and brackets （） to their half-width forms.
        var s = name.precomposedStringWithCompatibilityMapping.uppercased()
        s.removeAll { $0.isWhitespace }
        for (from, to) in [("【", "("), ("】", ")"), ("〔", "("), ("〕", ")"), ("[", "("), ("]", ")"), ("﹙", "("), ("﹚", ")")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        s = s.replacingOccurrences(of: "有限责任公司", with: "有限公司")
        while let last = s.last, "。.,，;；、".contains(last) { s.removeLast() }
        return s
    }
}
