/// Where a project application under a programme call stands (issue: programmes and matching,
/// item 2). The review chain is unit → department → bureau [I: the letter's 申报 practice]:
/// the firm's town checks it, the competent department checks it, the bureau accepts it; it is
/// then reviewed by experts, decided, contracted, and finally accepted on completion (验收).
public enum ProjectStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case submitted            // 已申报
    case withdrawn            // 已撤回
    case returned             // 已退回修改
    case unitChecked          // 属地已审核
    case departmentChecked    // 主管部门已审核
    case accepted             // 科技局已受理
    case underReview          // 专家评审中
    case recommended          // 已立项 / 推荐
    case declined             // 未立项
    case contracted           // 已签合同
    case completed            // 已验收

    public var chineseName: String {
        switch self {
        case .submitted: return "已申报"
        case .withdrawn: return "已撤回"
        case .returned: return "已退回修改"
        case .unitChecked: return "属地已审核"
        case .departmentChecked: return "主管部门已审核"
        case .accepted: return "科技局已受理"
        case .underReview: return "专家评审中"
        case .recommended: return "已立项"
        case .declined: return "未立项"
        case .contracted: return "已签合同"
        case .completed: return "已验收"
        }
    }

    /// The status after `action`, or nil when the action has no step from here.
    public func applying(_ action: ProjectAction) -> ProjectStatus? {
        switch (self, action) {
        case (.submitted, .withdraw), (.returned, .withdraw), (.unitChecked, .withdraw), (.departmentChecked, .withdraw): return .withdrawn
        case (.returned, .resubmit): return .submitted
        case (.submitted, .checkUnit): return .unitChecked
        case (.unitChecked, .checkDepartment): return .departmentChecked
        case (.departmentChecked, .accept): return .accepted
        case (.submitted, .sendBack), (.unitChecked, .sendBack), (.departmentChecked, .sendBack): return .returned
        case (.accepted, .assignReviewers): return .underReview
        case (.underReview, .recommend): return .recommended
        case (.underReview, .decline), (.accepted, .decline): return .declined
        case (.recommended, .contract): return .contracted
        case (.contracted, .complete): return .completed
        default: return nil
        }
    }

    public var isFinal: Bool { [.withdrawn, .declined, .completed].contains(self) }
}

/// A step on a project application.
public enum ProjectAction: String, Sendable, Codable, CaseIterable, Hashable {
    case withdraw, resubmit, checkUnit, checkDepartment, accept, sendBack, assignReviewers, recommend, decline, contract, complete

    /// A reason is required when the firm is sent back or declined.
    public var needsReason: Bool { self == .sendBack || self == .decline }

    /// Who takes the step [I]: the firm withdraws and resubmits; the town officer checks for
    /// the unit; bureau reviewers check for the department, accept, send back and assign; the
    /// approver decides; the administrator records contracts and completion.
    public var duty: ProjectDuty {
        switch self {
        case .withdraw, .resubmit: return .firm
        case .checkUnit: return .unit
        case .checkDepartment, .accept, .sendBack, .assignReviewers: return .department
        case .recommend, .decline: return .decision
        case .contract, .complete: return .administration
        }
    }
}

public enum ProjectDuty: String, Sendable, Hashable {
    case firm, unit, department, decision, administration
}
