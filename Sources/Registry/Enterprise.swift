import Kernel

/// One enterprise's master record (一企一档). The USCC is its identity across every module.
public struct Enterprise: Hashable, Sendable, Codable {
    public var uscc: USCC
    public var name: String
    public var registeredOn: LocalDate?
    /// 镇街 code of the town or street the enterprise belongs to (see `Town`).
    public var townCode: String?
    /// GB/T 4754-2017 industry class, a section letter and up to four digits (e.g. `C3841`).
    public var industryCode: String?
    /// Industry chains (产业链) the enterprise takes part in, by chain code.
    public var chainTags: [String]
    public var status: EnterpriseStatus
    /// Whether it is a small or medium-sized enterprise under 工信部联企业〔2011〕300号.
    public var sme: Bool?

    public init(uscc: USCC, name: String, registeredOn: LocalDate? = nil, townCode: String? = nil,
                industryCode: String? = nil, chainTags: [String] = [], status: EnterpriseStatus = .active,
                sme: Bool? = nil) {
        self.uscc = uscc; self.name = name; self.registeredOn = registeredOn; self.townCode = townCode
        self.industryCode = industryCode; self.chainTags = chainTags; self.status = status; self.sme = sme
    }
}

public enum EnterpriseStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case active          // 存续
    case relocated       // 迁出
    case deregistered    // 注销

    public var label: String {
        switch self {
        case .active: return "存续 / active"
        case .relocated: return "迁出 / moved out"
        case .deregistered: return "注销 / deregistered"
        }
    }
}
