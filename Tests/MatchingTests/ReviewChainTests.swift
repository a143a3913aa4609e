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
}
