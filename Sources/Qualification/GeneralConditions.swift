import Kernel

/// The general conditions every MIIT tier requires on every route, direct routes included
/// (rules.md §6.0; 工信部企业〔2022〕63号《优质中小企业梯度培育管理暂行办法》; assessment-v1.md,
/// revised 2026-12): not on the abnormal-operation list (经营异常名录) or the serious-dishonesty
/// list (严重失信主体名单), no major safety, quality or environmental incident, no product that
/// national policy eliminates or restricts. A firm that fails one does not qualify.
///
/// [I] Two choices, written here and kept in the data: the facts read are the four the contract's
/// `compliance` carries (tax evasion in three years has no fact of its own yet, so it is not
/// checked); and a check left `unknown` by absent facts is shown, not counted against the firm
/// (`unknownBlocks` false), because the registry does not yet hold these facts for most firms and
/// every tier would otherwise disappear from the ladder until they are imported.
public struct GeneralConditions: Sendable, Hashable, Codable {
    public var unknownBlocks: Bool

    public static let cn2022 = GeneralConditions(unknownBlocks: false)
    public static let basis: StaticString = "工信部企业〔2022〕63号"

    /// The check, under the tier's own id.
    public func check(_ c: Compliance, id: StaticString) -> Check {
        let facts = [c.abnormalOperationList, c.dishonestList, c.seriousIncidentLastYear, c.restrictedIndustry]
        let status: Check.Status = facts.contains(true) ? .unmet : facts.contains(nil) ? .unknown : .met
        return Check(id: id, status: status, basis: Self.basis,
                     article: " 一般条件（未列入经营异常名录和严重失信主体名单，无重大安全、质量、环境事故，无淘汰或限制类产品）")
    }

    /// Whether the check keeps the firm from qualifying.
    public func blocks(_ check: Check) -> Bool { check.status == .unmet || (unknownBlocks && check.status == .unknown) }
}
