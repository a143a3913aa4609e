import Accounts
import Kernel

/// Who carries each duty on the review chain [I: the letter's 申报 practice]: the firm (its own
/// enterprise user), the unit (the town officer of the firm's town, or the administrator), the
/// department (bureau reviewers and the administrator), the decision (the approver or the
/// administrator), administration (the administrator). The service refuses the rest; pages
/// offer only what this allows.
extension ProjectDuty {
    public func isCarried(by user: User, firm: USCC, town: String?) -> Bool {
        switch self {
        case .firm: return user.role == .enterprise && user.enterprise == firm
        case .unit: return (user.role == .townOfficer && user.townCode != nil && user.townCode == town) || user.role == .bureauAdmin
        case .department: return Self.isBureauStaff(user)
        case .decision: return user.role == .bureauApprover || user.role == .bureauAdmin
        case .administration: return user.role == .bureauAdmin
        }
    }

    /// Bureau reviewers and the administrator: they also assign panels, propose chief experts,
    /// enter paper score sheets and record acceptances given on paper.
    public static func isBureauStaff(_ user: User) -> Bool { user.role == .bureauReviewer || user.role == .bureauAdmin }
}

extension ProjectStatus {
    /// The steps `user` may take from here on a project of `firm` in `town` (panel assignment is
    /// taken for a whole call, not here).
    public func actions(for user: User, firm: USCC, town: String?) -> [ProjectAction] {
        ProjectAction.allCases.filter { $0 != .assignReviewers && applying($0) != nil && $0.duty.isCarried(by: user, firm: firm, town: town) }
    }
}
