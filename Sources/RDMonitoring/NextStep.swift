/// A suggested next step for a firm that reports no R&D (issue: R&D monitoring, the town page).
/// The rule is ours [I]: a firm already qualified for R&D-based support most likely spends but
/// does not book it; an industrial firm without such a qualification most likely needs a first
/// project and a partner to run it.
public enum NextStep: String, Sendable, Hashable, Codable {
    case bookkeeping
    case firstProject

    public static func suggest(holdsRDQualification: Bool) -> NextStep {
        holdsRDQualification ? .bookkeeping : .firstProject
    }

    public var chinese: String {
        switch self {
        case .bookkeeping: return "已有高企或科技型中小企业资质：上门辅导研发费用归集，享受加计扣除"
        case .firstProject: return "对接首席专家或高校院所，立项首个研发项目，使用共享科研仪器"
        }
    }
    public var english: String {
        switch self {
        case .bookkeeping: return "Qualified already: help it book its R&D and claim the super-deduction"
        case .firstProject: return "Match a chief expert or a university for a first R&D project, with shared instruments"
        }
    }
}
