/// Separation of duties (issue: policy cash-out, item 4): who reviewed, approved and paid one
/// application, and whether `actor` may take a step of `duty` on it. Three different people;
/// the schema's CHECKs on `cashout_applications` repeat the rule.
public struct Duties: Sendable, Hashable {
    public var reviewer: Int64?
    public var approver: Int64?
    public var payer: Int64?
    public init(reviewer: Int64?, approver: Int64?, payer: Int64?) { self.reviewer = reviewer; self.approver = approver; self.payer = payer }

    /// Why `actor` may not take a step of `duty` here, or nil when they may.
    public func refusal(_ duty: ApplicationAction.Duty, actor: Int64) -> String? {
        switch duty {
        case .applicant: return nil
        case .reviewer:
            return approver == actor || payer == actor ? "审批人或拨付人不能审核 / the approver or payer cannot review" : nil
        case .approver:
            return reviewer == actor ? "审核人不能审批同一申请 / the reviewer cannot approve the same application" : nil
        case .payer:
            return reviewer == actor || approver == actor ? "审核人或审批人不能拨付同一申请 / the reviewer or approver cannot pay the same application" : nil
        }
    }
}
