import Accounts
import Kernel
import Matching
import Testing

/// The review chain's steps and the panel list.
@Suite struct ReviewChainTests {
    /// Every legal step, written out once more by hand: any pair not here has no step.
    static let legal: [ProjectStatus: [ProjectAction: ProjectStatus]] = [
        .submitted: [.withdraw: .withdrawn, .checkUnit: .unitChecked, .sendBack: .returned],
        .returned: [.withdraw: .withdrawn, .resubmit: .submitted],
        .unitChecked: [.withdraw: .withdrawn, .checkDepartment: .departmentChecked, .sendBack: .returned],
        .departmentChecked: [.withdraw: .withdrawn, .accept: .accepted, .sendBack: .returned],
        .accepted: [.assignReviewers: .underReview, .decline: .declined],
        .underReview: [.recommend: .recommended, .decline: .declined],
        .recommended: [.contract: .contracted],
        .contracted: [.complete: .completed],
    ]

    @Test func everyStatusAndActionPair() {
        for status in ProjectStatus.allCases {
            for action in ProjectAction.allCases {
                #expect(status.applying(action) == Self.legal[status]?[action], "\(status) + \(action)")
            }
        }
        #expect(ProjectStatus.allCases.filter(\.isFinal) == [.withdrawn, .declined, .completed])
        #expect(ProjectStatus.allCases.filter(\.isFinal).allSatisfy { s in ProjectAction.allCases.allSatisfy { s.applying($0) == nil } })
        // No withdrawal once the bureau accepted it.
        #expect(ProjectStatus.accepted.applying(.withdraw) == nil && ProjectStatus.underReview.applying(.withdraw) == nil)
    }

    @Test func outliersAreSetAsideAndIncompletePanelsWait() {
        let rule = ModerationRule()
        let rows = PanelRanking.rank([
            1: (reviewers: 5, scores: ["a": 80, "b": 82, "c": 78, "d": 81, "e": 30]),  // e is an outlier
            2: (reviewers: 5, scores: ["a": 85, "b": 84, "c": 86, "d": 85, "e": 84]),
            3: (reviewers: 5, scores: ["a": 90, "b": 90]),                            // still scoring
            4: (reviewers: 4, scores: ["a": 85, "b": 84, "c": 86, "d": 85]),          // 85.00, above 2 at 84.80
        ], rule: rule)
        #expect(rows.map(\.project) == [4, 2, 1, 3])
        #expect(rows.map(\.rank) == [1, 2, 3, 0])
        let first = rows.first { $0.project == 1 }!
        #expect(first.flags.outliers.keys.sorted() == ["e"] && first.score == 80.25, "the outlier is flagged and left out of the score")
        #expect(first.flags.disagreement)
        #expect(rows.first { $0.project == 3 }!.score == nil)
        // A tie goes to the earlier application.
        let tie = PanelRanking.rank([7: (reviewers: 1, scores: ["a": 70]), 5: (reviewers: 1, scores: ["b": 70])], rule: rule)
        #expect(tie.map(\.project) == [5, 7])
    }

    static let firm = try! USCC("91500151MA6012340R"), other = try! USCC("914403001922038216")
    static func user(_ role: Role, enterprise: USCC? = nil, town: String? = nil) -> User {
        User(id: 1, username: "u", displayName: "", role: role, enterprise: enterprise, townCode: town)
    }

    @Test func eachDutyHasItsCarriers() {
        let town = "500151001"
        let cases: [(User, ProjectDuty, Bool)] = [
            (Self.user(.enterprise, enterprise: Self.firm), .firm, true),
            (Self.user(.enterprise, enterprise: Self.other), .firm, false),
            (Self.user(.bureauAdmin), .firm, false),
            (Self.user(.townOfficer, town: town), .unit, true),
            (Self.user(.townOfficer, town: "500151002"), .unit, false),
            (Self.user(.townOfficer), .unit, false),
            (Self.user(.bureauAdmin), .unit, true),
            (Self.user(.bureauReviewer), .unit, false),
            (Self.user(.bureauReviewer), .department, true),
            (Self.user(.bureauApprover), .department, false),
            (Self.user(.bureauApprover), .decision, true),
            (Self.user(.bureauReviewer), .decision, false),
            (Self.user(.bureauAdmin), .administration, true),
            (Self.user(.bureauApprover), .administration, false),
            (Self.user(.auditor), .department, false),
            (Self.user(.expert), .decision, false),
        ]
        for (user, duty, expected) in cases {
            #expect(duty.isCarried(by: user, firm: Self.firm, town: town) == expected, "\(user.role) \(duty)")
        }
        // What a page offers: only legal steps the reader carries, never the call-wide assignment.
        #expect(ProjectStatus.submitted.actions(for: Self.user(.townOfficer, town: town), firm: Self.firm, town: town) == [.checkUnit])
        #expect(ProjectStatus.submitted.actions(for: Self.user(.bureauReviewer), firm: Self.firm, town: town) == [.sendBack])
        #expect(ProjectStatus.submitted.actions(for: Self.user(.enterprise, enterprise: Self.firm), firm: Self.firm, town: town) == [.withdraw])
        #expect(ProjectStatus.accepted.actions(for: Self.user(.bureauAdmin), firm: Self.firm, town: town) == [.decline])
        #expect(ProjectStatus.completed.actions(for: Self.user(.bureauAdmin), firm: Self.firm, town: town).isEmpty)
    }

    /// E3's targets, each on both sides of its edge; E1's capacity and E2's term as the data says.
    @Test func chiefExpertTargetsAndTerms() {
        let r = ProgrammeRules.tongliang2024
        #expect(r.targetsMet(achievements: 2, problemsSolved: 1, trainings: 1))
        #expect(!r.targetsMet(achievements: 1, problemsSolved: 1, trainings: 1))
        #expect(!r.targetsMet(achievements: 2, problemsSolved: 0, trainings: 1))
        #expect(!r.targetsMet(achievements: 2, problemsSolved: 1, trainings: 0))
        #expect(r.targetsMet(achievements: 5, problemsSolved: 3, trainings: 2))
        #expect(r.chiefCapacity == 1...3 && r.chiefTermYears == 1)
    }
}
