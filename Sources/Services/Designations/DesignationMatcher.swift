import Kernel
import Registry

/// Matches a published list's rows to the registry (issue 23, item 2): by USCC where the row has
/// one, else by the exact name, else by a former name, else by the normalised name. A name that
/// several firms share (now or formerly) is never guessed: the row goes to review with the
/// candidates. Rows naming another district are counted and skipped. Pure: the registry comes in
/// as a `NameIndex`.
public struct DesignationMatcher: Sendable {
    /// How a row found its firm, strongest first; the score is what the preview shows.
    public enum Basis: String, Sendable, Hashable, Codable {
        case uscc, name, formerName, normalisedName, similarName, chosen

        public var score: Int {
            switch self {
            case .uscc, .name, .chosen: return 100
            case .formerName: return 95
            case .normalisedName: return 90
            case .similarName: return 0   // a suggestion carries its own similarity
            }
        }

        public var chineseName: String {
            switch self {
            case .uscc: return "统一社会信用代码"
            case .name: return "企业名称"
            case .formerName: return "曾用名"
            case .normalisedName: return "规范化名称"
            case .similarName: return "相近名称"
            case .chosen: return "人工确认"
            }
        }

        public var englishName: String {
            switch self {
            case .uscc: return "credit code"
            case .name: return "name"
            case .formerName: return "former name"
            case .normalisedName: return "normalised name"
            case .similarName: return "similar name"
            case .chosen: return "chosen by staff"
            }
        }
    }

    public struct Candidate: Sendable, Hashable {
        public var uscc: USCC
        public var name: String
        public var basis: Basis
        /// 0–100.
        public var score: Int
        public init(uscc: USCC, name: String, basis: Basis, score: Int) { self.uscc = uscc; self.name = name; self.basis = basis; self.score = score }
    }

    public enum Outcome: Sendable, Hashable {
        case matched(Candidate)
        /// Several firms fit equally well, or only a similar name does: staff choose.
        case review([Candidate], reason: String)
        case unmatched(String)
        case otherDistrict(String)
        case invalid(String)
    }

    /// The registry's names: current and former, exact and normalised.
    public struct NameIndex: Sendable {
        var current: [USCC: String] = [:]
        var byName: [String: [USCC]] = [:]
        var byFormer: [String: [USCC]] = [:]
        var byNormalised: [String: [USCC]] = [:]
        /// Bigrams of each normalised name's core, for suggestions when nothing matches.
        var byBigram: [String: [USCC]] = [:]
        var cores: [USCC: [String]] = [:]

        public init(current: [(USCC, String)], former: [(USCC, String)]) {
            for (u, n) in current {
                self.current[u] = n
                byName[n, default: []].append(u)
                byNormalised[EnterpriseName.normalised(n), default: []].append(u)
                let grams = Self.bigrams(Self.core(n))
                cores[u] = grams
                for g in Set(grams) { byBigram[g, default: []].append(u) }
            }
            for (u, n) in former where self.current[u] != n {
                byFormer[n, default: []].append(u)
                let key = EnterpriseName.normalised(n)
                if !(byNormalised[key] ?? []).contains(u) { byNormalised[key, default: []].append(u) }
            }
        }

        public func name(_ u: USCC) -> String? { current[u] }

        /// The distinctive part of a name: without the legal form and the place in front.
        static func core(_ name: String) -> String {
            var s = EnterpriseName.normalised(name)
            for prefix in ["重庆市", "重庆"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count); break }
            for suffix in ["股份有限公司", "有限公司", "公司"] where s.hasSuffix(suffix) { s.removeLast(suffix.count); break }
            return s
        }

        static func bigrams(_ s: String) -> [String] {
            let c = Array(s)
            guard c.count > 1 else { return c.map(String.init) }
            return (0..<(c.count - 1)).map { String(c[$0...$0 + 1]) }
        }

        /// Firms whose names share most of this one's bigrams (Dice coefficient, in percent).
        func similar(to name: String, atLeast: Int, limit: Int) -> [(USCC, Int)] {
            let grams = Self.bigrams(Self.core(name))
            guard !grams.isEmpty else { return [] }
            var shared: [USCC: Int] = [:]
            for g in Set(grams) { for u in byBigram[g] ?? [] { shared[u, default: 0] += 1 } }
            let scored = shared.compactMap { u, n -> (USCC, Int)? in
                let theirs = Set(cores[u] ?? []).count, mine = Set(grams).count
                let dice = 200 * n / max(1, theirs + mine)
                return dice >= atLeast ? (u, dice) : nil
            }
            return scored.sorted { ($0.1, $1.0.code) > ($1.1, $0.0.code) }.prefix(limit).map { $0 }
        }
    }

    public let index: NameIndex
    /// The district's name as lists write it ("铜梁区"); rows whose 所属区县 names another are
    /// skipped. nil: every row is taken as the district's.
    public let district: String?

    public init(index: NameIndex, district: String?) {
        self.index = index
        self.district = district.flatMap { Self.districtCore($0).isEmpty ? nil : $0 }
    }

    /// "重庆市铜梁区" / "铜梁区" / "铜梁" → "铜梁": what two spellings of one district share.
    static func districtCore(_ s: String) -> String {
        var c = EnterpriseName.normalised(s)
        for prefix in ["重庆市", "重庆"] where c.hasPrefix(prefix) { c.removeFirst(prefix.count); break }
        for suffix in ["自治县", "区", "县"] where c.hasSuffix(suffix) && c.count > suffix.count + 1 { c.removeLast(suffix.count); break }
        return c
    }

    public func match(_ row: DesignationList.Row) -> Outcome {
        if let district, let theirs = row.district, !Self.districtCore(theirs).isEmpty,
           !Self.districtCore(theirs).contains(Self.districtCore(district)) {
            return .otherDistrict(theirs)
        }
        if let code = row.uscc {
            guard let u = try? USCC(code) else { return .invalid("统一社会信用代码“\(code)”无效 / the credit code \(code) is invalid") }
            if let n = index.name(u) { return .matched(Candidate(uscc: u, name: n, basis: .uscc, score: Basis.uscc.score)) }
            // A code the registry does not hold: the name may still find the firm (a re-registered
            // code is rare), but that needs a person's eye.
            let byName = nameCandidates(row.name)
            return byName.isEmpty ? .unmatched("企业库中没有此统一社会信用代码 / no firm with this credit code")
                : .review(byName, reason: "代码不在企业库中，名称相符 / the code is not in the registry; the name fits")
        }
        let found = nameCandidates(row.name)
        if found.count == 1, found[0].basis != .similarName { return .matched(found[0]) }
        if found.isEmpty { return .unmatched("企业库中没有此名称 / no firm with this name") }
        return .review(found, reason: found[0].basis == .similarName ? "仅名称相近 / only a similar name"
                                                                     : "多家企业名称相同 / several firms share the name")
    }

    /// The firms a name fits at the strongest basis that finds any; similar names when none does.
    func nameCandidates(_ name: String) -> [Candidate] {
        let steps: [(Basis, [USCC])] = [(.name, index.byName[name] ?? []), (.formerName, index.byFormer[name] ?? []),
                                        (.normalisedName, index.byNormalised[EnterpriseName.normalised(name)] ?? [])]
        for (basis, found) in steps where !found.isEmpty {
            return Set(found).sorted { $0.code < $1.code }.map { Candidate(uscc: $0, name: index.name($0) ?? name, basis: basis, score: basis.score) }
        }
        return index.similar(to: name, atLeast: 60, limit: 3).map { Candidate(uscc: $0.0, name: index.name($0.0) ?? "", basis: .similarName, score: $0.1) }
    }
}
