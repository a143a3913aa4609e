/// Where an application stands (issue: policy cash-out, item 1). Stored as its raw value; the
/// service moves statuses only through `ApplicationState.applying`, whose arms call the typed
/// steps below, so the domain has no code for a move the process does not allow (the store's
/// row update is below this: it writes what the service decided, under the row's lock).
public enum ApplicationStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case draft, submitted, returned, withdrawn, underReview, inPublication, objected, approved, rejected, paid, reversed

    public var chineseName: String {
        switch self {
        case .draft: return "草稿"
        case .submitted: return "已提交"
        case .returned: return "退回修改"
        case .withdrawn: return "已撤回"
        case .underReview: return "审核中"
        case .inPublication: return "公示中"
        case .objected: return "公示有异议"
        case .approved: return "已批准"
        case .rejected: return "未通过"
        case .paid: return "已拨付"
        case .reversed: return "已撤销"
        }
    }

    public var englishName: String {
        switch self {
        case .draft: return "draft"
        case .submitted: return "submitted"
        case .returned: return "returned for revision"
        case .withdrawn: return "withdrawn"
        case .underReview: return "under review"
        case .inPublication: return "in publication"
        case .objected: return "objected"
        case .approved: return "approved"
        case .rejected: return "rejected"
        case .paid: return "paid"
        case .reversed: return "reversed"
        }
    }

    public var isFinal: Bool { self == .withdrawn || self == .rejected || self == .reversed }
    /// Statuses in which the application holds its once-key (it may still be paid, or was).
    public var holdsClaim: Bool { !isFinal }
}

/// What someone does to an application. Which role may do it is `ApplicationAction.duty`.
public enum ApplicationAction: String, Sendable, Codable, Hashable, CaseIterable {
    case submit, withdraw, accept, returnForRevision, recommend, reject, object, dismissObjection, upholdObjection, approve, pay, reverse

    /// The duty an action belongs to; separation of duties keeps review, approval and payment
    /// of one application with three different people (item 4).
    public enum Duty: String, Sendable, Hashable { case applicant, reviewer, approver, payer }

    public var duty: Duty {
        switch self {
        case .submit, .withdraw: return .applicant
        case .accept, .returnForRevision, .recommend, .reject, .object: return .reviewer
        case .dismissObjection, .upholdObjection, .approve, .reverse: return .approver
        case .pay: return .payer
        }
    }

    public var chineseName: String {
        switch self {
        case .submit: return "提交"
        case .withdraw: return "撤回"
        case .accept: return "受理"
        case .returnForRevision: return "退回修改"
        case .recommend: return "审核通过并公示"
        case .reject: return "不予通过"
        case .object: return "登记异议"
        case .dismissObjection: return "异议不成立"
        case .upholdObjection: return "异议成立"
        case .approve: return "批准"
        case .pay: return "拨付"
        case .reverse: return "撤销"
        }
    }
}

// The typed states. Each offers only the steps the process allows from it; the terminal ones
// offer none. They carry no data: the application's data lives beside its status.
public struct Draft: Sendable { public init() {}
    public func submit() -> Submitted { Submitted() }
    public func withdraw() -> Withdrawn { Withdrawn() }
}
public struct Submitted: Sendable {
    public func accept() -> UnderReview { UnderReview() }
    public func returnForRevision() -> Returned { Returned() }
    /// Withdrawal is allowed until the bureau accepts the application.
    public func withdraw() -> Withdrawn { Withdrawn() }
}
public struct Returned: Sendable {
    public func submit() -> Submitted { Submitted() }
    public func withdraw() -> Withdrawn { Withdrawn() }
}
public struct UnderReview: Sendable {
    public func recommend() -> InPublication { InPublication() }
    public func returnForRevision() -> Returned { Returned() }
    public func reject() -> Rejected { Rejected() }
}
public struct InPublication: Sendable {
    public func object() -> Objected { Objected() }
    public func approve() -> Approved { Approved() }
}
public struct Objected: Sendable {
    /// The objection is unfounded: the application goes back to its publication.
    public func dismiss() -> InPublication { InPublication() }
    public func uphold() -> Rejected { Rejected() }
}
public struct Approved: Sendable {
    public func pay() -> Paid { Paid() }
    /// Cancelled before payment: the reservation is released.
    public func reverse() -> Reversed { Reversed() }
}
public struct Paid: Sendable {
    /// Clawed back after payment: the money returns to the budget line.
    public func reverse() -> Reversed { Reversed() }
}
public struct Withdrawn: Sendable {}
public struct Rejected: Sendable {}
public struct Reversed: Sendable {}

public enum ApplicationState: Sendable {
    case draft(Draft), submitted(Submitted), returned(Returned), withdrawn(Withdrawn), underReview(UnderReview), inPublication(InPublication)
    case objected(Objected), approved(Approved), rejected(Rejected), paid(Paid), reversed(Reversed)

    public init(_ status: ApplicationStatus) {
        switch status {
        case .draft: self = .draft(Draft())
        case .submitted: self = .submitted(Submitted())
        case .returned: self = .returned(Returned())
        case .withdrawn: self = .withdrawn(Withdrawn())
        case .underReview: self = .underReview(UnderReview())
        case .inPublication: self = .inPublication(InPublication())
        case .objected: self = .objected(Objected())
        case .approved: self = .approved(Approved())
        case .rejected: self = .rejected(Rejected())
        case .paid: self = .paid(Paid())
        case .reversed: self = .reversed(Reversed())
        }
    }

    public var status: ApplicationStatus {
        switch self {
        case .draft: return .draft
        case .submitted: return .submitted
        case .returned: return .returned
        case .withdrawn: return .withdrawn
        case .underReview: return .underReview
        case .inPublication: return .inPublication
        case .objected: return .objected
        case .approved: return .approved
        case .rejected: return .rejected
        case .paid: return .paid
        case .reversed: return .reversed
        }
    }

    /// The state after `action`, or nil when the process has no such step from here.
    public func applying(_ action: ApplicationAction) -> ApplicationState? {
        switch (self, action) {
        case (.draft(let s), .submit): return .submitted(s.submit())
        case (.draft(let s), .withdraw): return .withdrawn(s.withdraw())
        case (.submitted(let s), .accept): return .underReview(s.accept())
        case (.submitted(let s), .returnForRevision): return .returned(s.returnForRevision())
        case (.submitted(let s), .withdraw): return .withdrawn(s.withdraw())
        case (.returned(let s), .submit): return .submitted(s.submit())
        case (.returned(let s), .withdraw): return .withdrawn(s.withdraw())
        case (.underReview(let s), .recommend): return .inPublication(s.recommend())
        case (.underReview(let s), .returnForRevision): return .returned(s.returnForRevision())
        case (.underReview(let s), .reject): return .rejected(s.reject())
        case (.inPublication(let s), .object): return .objected(s.object())
        case (.inPublication(let s), .approve): return .approved(s.approve())
        case (.objected(let s), .dismissObjection): return .inPublication(s.dismiss())
        case (.objected(let s), .upholdObjection): return .rejected(s.uphold())
        case (.approved(let s), .pay): return .paid(s.pay())
        case (.approved(let s), .reverse): return .reversed(s.reverse())
        case (.paid(let s), .reverse): return .reversed(s.reverse())
        default: return nil
        }
    }
}
