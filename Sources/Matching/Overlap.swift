import Kernel

/// One claim of a firm on public money, as the duplicate check sees it: a project application
/// under a programme call, or a subsidy application under a policy (issue: programmes and
/// matching, item 3).
public struct FundingClaim: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case project, subsidy }
    public var kind: Kind
    public var id: Int64
    /// What the reviewer reads: the project title, or the policy name.
    public var title: String
    /// Title and description together, compared for similarity.
    public var text: String
    public var budgetLine: String?
    /// The period the money is for: a project's duration, a subsidy's year.
    public var period: ClosedRange<LocalDate>?

    public init(kind: Kind, id: Int64, title: String, text: String, budgetLine: String?, period: ClosedRange<LocalDate>?) {
        self.kind = kind; self.id = id; self.title = title; self.text = text; self.budgetLine = budgetLine; self.period = period
    }
}

/// Another claim of the same firm that may fund the same work twice, with what they share.
public struct Overlap: Sendable, Hashable {
    public var other: FundingClaim
    public var sameBudgetLine: Bool
    public var periodsOverlap: Bool
    /// 0…1, the Dice coefficient of the two texts' character pairs.
    public var textSimilarity: Double
}

/// When two claims of one firm are flagged [I]: their texts are alike (the same work written up
/// twice), or the same budget line pays both for overlapping periods. Overlapping periods alone
/// are not flagged — a firm runs several projects at once. The threshold is rule data
/// (`ProgrammeRules.overlap`, 0.6: flags a re-titled copy and passes two projects that share only
/// their field's vocabulary, tested both ways).
public struct OverlapRule: Sendable, Hashable, Codable {
    public var similarText: Double
    public init(similarText: Double) { self.similarText = similarText }

    /// The claims among `others` that overlap `claim`, most similar first. `firmName` is taken
    /// out of both texts first: a firm's titles all carry its name, which is no evidence.
    public func overlaps(of claim: FundingClaim, among others: [FundingClaim], firmName: String = "") -> [Overlap] {
        let mine = Self.pairs(claim.text, removing: firmName)
        return others.compactMap { other -> Overlap? in
            guard other.kind != claim.kind || other.id != claim.id else { return nil }
            let similarity = Self.dice(mine, Self.pairs(other.text, removing: firmName))
            let sameLine = claim.budgetLine != nil && claim.budgetLine == other.budgetLine
            let periods = claim.period.flatMap { a in other.period.map { a.overlaps($0) } } ?? false
            guard similarity >= similarText || (sameLine && periods) else { return nil }
            return Overlap(other: other, sameBudgetLine: sameLine, periodsOverlap: periods, textSimilarity: similarity)
        }
        .sorted { ($0.textSimilarity, $1.other.id) > ($1.textSimilarity, $0.other.id) }
    }

    /// Adjacent character pairs of the text with spaces and punctuation dropped; pairs, not
    /// words, because Chinese is written without spaces.
    static func pairs(_ text: String, removing name: String) -> [String: Int] {
        let stripped = name.isEmpty ? text : text.replacing(name, with: " ")
        let letters = stripped.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init)
        var out: [String: Int] = [:]
        for i in letters.indices.dropLast() { out[String([letters[i], letters[i + 1]]), default: 0] += 1 }
        return out
    }

    /// 2·|A∩B| / (|A|+|B|) over multisets of pairs; 0 when either text has no pair.
    static func dice(_ a: [String: Int], _ b: [String: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0, !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) }
        return 2 * Double(shared) / Double(total)
    }
}
