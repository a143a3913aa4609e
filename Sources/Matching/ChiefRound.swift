/// Chief-expert rounds are named by year, or by year and a number within it (2024, 2024-2)
/// [I]; the open round is the latest, compared by year and then number — not as text, so
/// 2024-10 comes after 2024-9 and no odd name can pass for the newest.
public enum ChiefRound {
    public static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (2000...2200).contains(year) else { return false }
        return parts.count == 1 || (parts[1].count <= 2 && Int(parts[1]).map { (1...99).contains($0) } == true)
    }

    /// The latest of some rounds; nil for none.
    public static func latest(_ rounds: [String]) -> String? {
        func key(_ r: String) -> (Int, Int) {
            let p = r.split(separator: "-")
            return (p.first.flatMap { Int($0) } ?? 0, p.count > 1 ? Int(p[1]) ?? 0 : 0)
        }
        return rounds.max { key($0) < key($1) }
    }
}
