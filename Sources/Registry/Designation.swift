import Foundation
import Kernel

/// A qualification an enterprise holds or applied for (认定/入库), with its validity.
/// An enterprise may hold several at once: the MOST and MIIT ladders run in parallel (rules §11.1 D5).
public struct Designation: Hashable, Sendable, Codable {
    public var kind: DesignationKind
    /// Certificate or registration number (证书编号 / 入库编号), when one is issued.
    public var number: String?
    public var issuedOn: LocalDate
    /// Last day of validity; nil means open-ended (for example a cultivation-pool membership).
    public var expiresOn: LocalDate?
    public var level: DesignationLevel
    /// Issuing batch, e.g. `2024-1` for the first batch of 2024.
    public var batch: String?
    public var revokedOn: LocalDate?
    /// Why it was revoked, when it was: falsification bars a new 科技型中小企业 registration for
    /// three years (国科火字〔2022〕67号), any revocation for the rest of that year.
    public var revokedFor: RevocationReason?
    /// The published list it was taken from (the notice's title or number), when imported.
    public var source: String?

    public init(kind: DesignationKind, number: String? = nil, issuedOn: LocalDate, expiresOn: LocalDate? = nil,
                level: DesignationLevel? = nil, batch: String? = nil, revokedOn: LocalDate? = nil, revokedFor: RevocationReason? = nil,
                source: String? = nil) {
        self.kind = kind; self.number = number; self.issuedOn = issuedOn; self.expiresOn = expiresOn
        self.level = level ?? kind.defaultLevel; self.batch = batch; self.revokedOn = revokedOn
        self.revokedFor = revokedOn == nil ? nil : revokedFor
        self.source = source
    }

    /// Valid on `date`: issued by then, not yet expired, not revoked by then.
    public func isValid(on date: LocalDate) -> Bool {
        guard issuedOn <= date else { return false }
        if let expiresOn, expiresOn < date { return false }
        if let revokedOn, revokedOn <= date { return false }
        return true
    }
}

/// The designation kinds of `assessment-v1.md`, with the names people use.
public enum DesignationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case techSME             // 科技型中小企业 (国科发政〔2017〕115号)
    case cqTechEnterprise    // 重庆市科技型企业
    case highTech            // 高新技术企业 (国科发火〔2016〕32号)
    case highTechPool        // 高企培育库 (准高企), district pool
    case innovativeSME       // 创新型中小企业 (工信部企业〔2022〕63号)
    case specializedSME      // 专精特新中小企业 (same)
    case littleGiant         // 专精特新"小巨人" (same, recognised by MIIT)

    public var chineseName: String {
        switch self {
        case .techSME: return "科技型中小企业"
        case .cqTechEnterprise: return "重庆市科技型企业"
        case .highTech: return "高新技术企业"
        case .highTechPool: return "高企培育库"
        case .innovativeSME: return "创新型中小企业"
        case .specializedSME: return "专精特新中小企业"
        case .littleGiant: return "专精特新“小巨人”"
        }
    }

    public var englishName: String {
        switch self {
        case .techSME: return "national S&T SME"
        case .cqTechEnterprise: return "Chongqing S&T enterprise"
        case .highTech: return "high-tech enterprise"
        case .highTechPool: return "high-tech cultivation pool"
        case .innovativeSME: return "innovative SME"
        case .specializedSME: return "specialised and innovative SME"
        case .littleGiant: return "little giant"
        }
    }

    /// The names the command line and list imports use (`high-tech`, `tech-sme` …).
    public var slug: String {
        switch self {
        case .techSME: return "tech-sme"
        case .cqTechEnterprise: return "cq-tech"
        case .highTech: return "high-tech"
        case .highTechPool: return "high-tech-pool"
        case .innovativeSME: return "innovative-sme"
        case .specializedSME: return "specialized-sme"
        case .littleGiant: return "little-giant"
        }
    }

    /// The listed kinds (the pool is managed on its page, not imported).
    public static let slugs = allCases.filter { $0 != .highTechPool }.map(\.slug)

    public init?(slug: String) {
        guard let k = Self.allCases.first(where: { $0.slug == slug || $0.rawValue == slug }) else { return nil }
        self = k
    }

    public var defaultLevel: DesignationLevel {
        switch self {
        case .techSME, .highTech, .littleGiant: return .national
        case .cqTechEnterprise, .innovativeSME, .specializedSME: return .municipal
        case .highTechPool: return .district
        }
    }
}

public enum RevocationReason: String, Hashable, Sendable, Codable, CaseIterable {
    case falsification   // 弄虚作假
    case other
}

public enum DesignationLevel: String, Hashable, Sendable, Codable, CaseIterable {
    case national, municipal, district
}
