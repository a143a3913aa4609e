import Testing
@testable import Cashout

/// Every pair of status and action: the allowed moves land where the process says, every other
/// pair has no step (issue: policy cash-out, items 1 and 10).
@Suite struct ApplicationStateTests {
    static let allowed: [ApplicationStatus: [ApplicationAction: ApplicationStatus]] = [
        .draft: [.submit: .submitted, .withdraw: .withdrawn],
        .submitted: [.accept: .underReview, .returnForRevision: .returned, .withdraw: .withdrawn],
        .returned: [.submit: .submitted, .withdraw: .withdrawn],
        .underReview: [.recommend: .inPublication, .returnForRevision: .returned, .reject: .rejected],
        .inPublication: [.object: .objected, .approve: .approved],
        .objected: [.dismissObjection: .inPublication, .upholdObjection: .rejected],
        .approved: [.pay: .paid, .reverse: .reversed],
        .paid: [.reverse: .reversed],
        .withdrawn: [:], .rejected: [:], .reversed: [:],
    ]

    @Test(arguments: ApplicationStatus.allCases)
    func everyActionFrom(_ status: ApplicationStatus) {
        let expected = Self.allowed[status]!
        for action in ApplicationAction.allCases {
            #expect(ApplicationState(status).applying(action)?.status == expected[action], "\(status) + \(action)")
        }
    }

    @Test func statusRoundTripsThroughTheTypedState() {
        for s in ApplicationStatus.allCases { #expect(ApplicationState(s).status == s) }
    }

    @Test func finalStatusesReleaseTheClaim() {
        #expect(ApplicationStatus.allCases.filter { !$0.holdsClaim } == [.withdrawn, .rejected, .reversed])
        for s in ApplicationStatus.allCases where s.isFinal { #expect(Self.allowed[s]!.isEmpty) }
    }

    @Test func oneApplicationHasThreeDifferentPeople() {
        let d = Duties(reviewer: 1, approver: 2, payer: nil)
        #expect(d.refusal(.approver, actor: 1) != nil && d.refusal(.approver, actor: 3) == nil)
        #expect(d.refusal(.payer, actor: 1) != nil && d.refusal(.payer, actor: 2) != nil && d.refusal(.payer, actor: 3) == nil)
        #expect(Duties(reviewer: nil, approver: 2, payer: 3).refusal(.reviewer, actor: 2) != nil)
        #expect(Duties(reviewer: nil, approver: 2, payer: 3).refusal(.reviewer, actor: 3) != nil)
        #expect(Duties(reviewer: 1, approver: 2, payer: 3).refusal(.applicant, actor: 1) == nil)
    }

    @Test func dutiesSplitAcrossThreePeople() {
        #expect(ApplicationAction.recommend.duty == .reviewer)
        #expect(ApplicationAction.approve.duty == .approver)
        #expect(ApplicationAction.pay.duty == .payer)
        #expect(ApplicationAction.withdraw.duty == .applicant)
    }
}
