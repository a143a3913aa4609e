/// Who a user is to the platform. The scope of each role is decided in `AccessPolicy` alone.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case bureauAdmin       // 科技局管理员: everything, including accounts
    case bureauReviewer    // 科技局审核员: reads and edits every enterprise
    case bureauApprover    // 科技局审批员: reads every enterprise; approves (cash-out, later)
    case townOfficer       // 镇街专员: the enterprises of their own town
    case enterprise        // 企业用户: their own enterprise only
    case bank              // 银行客户经理: only what enterprises consented to (finance issue)
    case expert            // 专家: their assignments (matching issue)
    case auditor           // 审计员: reads everything, changes nothing, sees the audit log

    public var chineseName: String {
        switch self {
        case .bureauAdmin: return "科技局管理员"
        case .bureauReviewer: return "科技局审核员"
        case .bureauApprover: return "科技局审批员"
        case .townOfficer: return "镇街专员"
        case .enterprise: return "企业用户"
        case .bank: return "银行客户经理"
        case .expert: return "专家"
        case .auditor: return "审计员"
        }
    }

    public var englishName: String {
        switch self {
        case .bureauAdmin: return "bureau administrator"
        case .bureauReviewer: return "bureau reviewer"
        case .bureauApprover: return "bureau approver"
        case .townOfficer: return "town officer"
        case .enterprise: return "enterprise user"
        case .bank: return "bank officer"
        case .expert: return "expert"
        case .auditor: return "auditor"
        }
    }

    public var isBureau: Bool { self == .bureauAdmin || self == .bureauReviewer || self == .bureauApprover }
}
