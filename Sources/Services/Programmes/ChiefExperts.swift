import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// One need of a chief-expert round with its match, for the round's page.
public struct ChiefRoundRow: Sendable {
    public var need: ChiefNeed
    public var firmName: String
    public var match: ChiefMatch?
    public var expert: PoolExpert?
    /// The expert met the per-term targets of the rules (E3).
    public var targetsMet: Bool
}

extension ProgrammeService {
    /// Proposes a chief expert for every unmatched need of `round`: chief experts only, by field,
    /// without conflicts, at most their capacity (1–3 firms) counting the firms they already serve.
    public func proposeChiefExperts(round: String, by user: User) async throws -> (proposed: Int, unmatched: [Int64]) {
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("matches are proposed by the bureau") }
        let at = now, year = today.year
        return try await transactor.write { stores in
            let matches = try await stores.programmes.fetchMatches()
            let matched = Set(matches.map(\.needID))
            let needs = try await stores.programmes.fetchNeeds(round: round).filter { !matched.contains($0.id) }
            var load: [String: Int] = [:]
            for m in matches { load[m.expertID, default: 0] += 1 }
            // A recorded capacity beyond the scheme's is held to it (E1).
            let experts = try await stores.programmes.fetchExperts().filter(\.chief).map { p in
                var e = p.expert
                e.load = load[e.id] ?? 0
                e.capacity = min(max(e.capacity, rules.chiefCapacity.lowerBound), rules.chiefCapacity.upperBound)
                return e
            }
            let subjects = needs.map { MatchSubject(id: String($0.id), firm: $0.uscc, fields: [$0.field], keywords: [], needed: 1) }
            var proposed: [ChiefMatch] = [], unmatched: [Int64] = []
            for p in assigner.assign(subjects, experts, year: year) {
                guard let id = Int64(p.subject) else { continue }
                if let e = p.experts.first { proposed.append(ChiefMatch(needID: id, expertID: e, proposedAt: at)) } else { unmatched.append(id) }
            }
            try await stores.programmes.insertMatches(proposed)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.chief.propose", subject: "round:\(round)",
                                              detail: "\(proposed.count) proposed, \(unmatched.count) unmatched", role: user.role.rawValue))
            return (proposed.count, unmatched.sorted())
        }
    }

    /// One side accepts a proposed match: the firm (its own user, or staff on its behalf) or
    /// the expert (their user, or staff). The one-year term starts on the second acceptance.
    public func acceptChiefMatch(needID: Int64, firmSide: Bool, by user: User) async throws {
        let at = now, start = today
        let end = start.adding(years: rules.chiefTermYears).adding(days: -1)
        try await transactor.write { stores in
            guard let need = try await stores.programmes.fetchNeeds(round: nil).first(where: { $0.id == needID }),
                  let match = try await stores.programmes.fetchMatches().first(where: { $0.needID == needID }) else { throw ProgrammeError.notFound("需求 \(needID)") }
            let allowed = ProjectDuty.isBureauStaff(user) || (firmSide ? user.role == .enterprise && user.enterprise == need.uscc : user.role == .expert && user.username == match.expertID)
            guard allowed else { throw ProgrammeError.notYourDuty(firmSide ? "the firm accepts" : "the expert accepts") }
            guard try await stores.programmes.acceptMatch(needID: needID, firm: firmSide, at: at, termStarts: start, termEnds: end) else {
                throw ProgrammeError.illegalStep("already accepted")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.chief.accept", subject: "need:\(needID)",
                                              detail: firmSide ? "firm" : "expert \(match.expertID)", role: user.role.rawValue))
        }
    }

    /// Records a result of a chief expert's term with its evidence (E3): the expert for their own
    /// match, or bureau staff; dated inside the term and not in the future [I].
    @discardableResult
    public func recordChiefResult(needID: Int64, kind: ChiefResult.Kind, title: String, evidence: String, on day: LocalDate, by user: User) async throws -> Int64 {
        var problems: [Problem] = []
        let title = title.trimmingCharacters(in: .whitespaces), evidence = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || !CleanText.isLine(title, max: 200) { problems.append(Problem(path: "title", message: "1–200 printable characters")) }
        if evidence.isEmpty || !CleanText.isText(evidence, max: 2_000) { problems.append(Problem(path: "evidence", message: "1–2000 characters: what shows it, e.g. a patent number or a sign-in sheet")) }
        if day > today { problems.append(Problem(path: "date", message: "not in the future")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        let at = now
        return try await transactor.write { stores in
            guard let match = try await stores.programmes.fetchMatches().first(where: { $0.needID == needID }) else { throw ProgrammeError.notFound("需求 \(needID)") }
            guard ProjectDuty.isBureauStaff(user) || (user.role == .expert && user.username == match.expertID) else {
                throw ProgrammeError.notYourDuty("the chief expert records their own results")
            }
            guard let starts = match.termStarts, let ends = match.termEnds else { throw ProgrammeError.illegalStep("the term has not started: both sides accept first") }
            guard (starts...ends).contains(day) else { throw ProgrammeError.invalid([Problem(path: "date", message: "inside the term \(starts)–\(ends)")]) }
            let id = try await stores.programmes.insertChiefResult(ChiefResult(needID: needID, kind: kind, title: title, evidence: evidence, happenedOn: day,
                                                                              recordedAt: at, recordedBy: user.actorName))
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.chief.result", subject: "need:\(needID)",
                                              detail: "\(kind.rawValue) \(title)", role: user.role.rawValue))
            return id
        }
    }

    /// A matched need's results; a need without a match is not found.
    public func chiefResults(needID: Int64) async throws -> [ChiefResult] {
        try await transactor.read { stores in
            guard try await stores.programmes.fetchMatches().contains(where: { $0.needID == needID }) else { throw ProgrammeError.notFound("需求 \(needID)") }
            return try await stores.programmes.fetchChiefResults(needID: needID)
        }
    }

    public func chiefRound(_ round: String?) async throws -> [ChiefRoundRow] {
        try await transactor.read { stores in
            let needs = try await stores.programmes.fetchNeeds(round: round)
            let matches = Dictionary(uniqueKeysWithValues: try await stores.programmes.fetchMatches().map { ($0.needID, $0) })
            let experts = Dictionary(uniqueKeysWithValues: try await stores.programmes.fetchExperts().map { ($0.expert.id, $0) })
            let names = try await stores.registry.fetchEnterprises(needs.map(\.uscc))
            return needs.map { n in
                let m = matches[n.id]
                return ChiefRoundRow(need: n, firmName: names[n.uscc]?.name ?? n.uscc.code, match: m, expert: m.flatMap { experts[$0.expertID] },
                                     targetsMet: m.map { rules.targetsMet(achievements: $0.achievements, problemsSolved: $0.problemsSolved, trainings: $0.trainings) } ?? false)
            }
        }
    }
}
