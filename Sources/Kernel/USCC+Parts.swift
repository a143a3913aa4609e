/// The parts of a USCC that GB 32100-2015 §4 defines, read out for people.
extension USCC {
    /// 登记管理部门代码 (position 1).
    public var registrationAuthorityCode: Character { code.first! }
    /// 机构类别代码 (position 2).
    public var entityTypeCode: Character { code[code.index(code.startIndex, offsetBy: 1)] }
    /// 登记管理机关行政区划码 (positions 3–8, GB/T 2260).
    public var divisionCode: String { String(code.dropFirst(2).prefix(6)) }

    /// Whether the administrative division starts with `prefix` (`50` for Chongqing), without
    /// building the division's string.
    public func isInDivision(_ prefix: String) -> Bool { code.utf8.dropFirst(2).starts(with: prefix.utf8) }
    /// 主体标识码 (组织机构代码, positions 9–17, GB 11714).
    public var organisationCode: String { String(code.dropFirst(8).prefix(9)) }
    /// 校验码 (position 18).
    public var checkCharacter: Character { code.last! }

    /// Name of the registration authority, per the code table of GB 32100-2015 附录 A.
    public var registrationAuthority: String {
        switch registrationAuthorityCode {
        case "1": return "机构编制 / institutional establishment"
        case "2": return "外交 / foreign affairs"
        case "3": return "司法行政 / justice administration"
        case "4": return "文化 / culture"
        case "5": return "民政 / civil affairs"
        case "6": return "旅游 / tourism"
        case "7": return "宗教 / religious affairs"
        case "8": return "工会 / trade union"
        case "9": return "工商（市场监管）/ market regulation"
        case "A": return "中央军委改革和编制办公室 / CMC reform and establishment office"
        case "N": return "农业 / agriculture"
        case "Y": return "其他 / other"
        default: return "未定义 / not defined in the code table"
        }
    }

    /// Entity type, read together with the registration authority (GB 32100-2015 附录 A).
    public var entityType: String {
        switch (registrationAuthorityCode, entityTypeCode) {
        case ("9", "1"): return "企业 / enterprise"
        case ("9", "2"): return "个体工商户 / individual business"
        case ("9", "3"): return "农民专业合作社 / farmers' cooperative"
        case ("1", "1"): return "机关 / government organ"
        case ("1", "2"): return "事业单位 / public institution"
        case ("1", "3"): return "群众团体 / mass organisation"
        case ("5", "1"): return "社会团体 / social organisation"
        case ("5", "2"): return "民办非企业单位 / private non-enterprise unit"
        case ("5", "3"): return "基金会 / foundation"
        case (_, "9"): return "其他 / other"
        default: return "未定义 / not defined in the code table"
        }
    }

    /// Whether the embedded organisation code also carries a valid GB 11714 check character.
    /// Informational only: some registries issue codes whose body does not follow GB 11714.
    public var organisationCodeCheckValid: Bool {
        let bytes = Array(organisationCode.utf8)
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (i, byte) in bytes.prefix(8).enumerated() {
            let v: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = Int(byte - UInt8(ascii: "A")) + 10
            default: return false
            }
            sum += v * weights[i]
        }
        let c = 11 - sum % 11
        let expected: UInt8 = c == 10 ? UInt8(ascii: "X") : c == 11 ? UInt8(ascii: "0") : UInt8(ascii: "0") + UInt8(c)
        return bytes[8] == expected
    }
}
