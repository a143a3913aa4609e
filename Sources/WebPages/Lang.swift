import Foundation
import Accounts
import Registry

/// The interface language. Chinese is the default; every text is written in both, side by side
/// in the code, so a missing translation cannot happen.
public struct Lang: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    public func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    public var code: String { language == .zh ? "zh-CN" : "en" }
    public var isChinese: Bool { language == .zh }

    /// Messages from the services carry both languages as "中文 / English"; a page shows one half.
    public func half(_ bilingual: String) -> String {
        // Most messages put spaces round the slash; some close a Chinese bracket right before it.
        guard let range = bilingual.range(of: " / ") ?? bilingual.range(of: "）/ ") .map({ bilingual.index(after: $0.lowerBound)..<$0.upperBound })
        else { return bilingual }
        return language == .zh ? String(bilingual[..<range.lowerBound]) : String(bilingual[range.upperBound...])
    }

    public func designation(_ k: DesignationKind) -> String { t(k.chineseName, k.englishName) }
    public func role(_ r: Role) -> String { t(r.chineseName, r.englishName) }
}

extension Lang {
    /// Basis points as a percentage with two decimals: 535 → "5.35%".
    static func percent(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : "", v = abs(basisPoints)
        return "\(sign)\(v / 100).\(v % 100 < 10 ? "0" : "")\(v % 100)%"
    }
}
