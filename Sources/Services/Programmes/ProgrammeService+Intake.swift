import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// What comes into the scheme from outside: firms' technical needs as structured problem
/// statements, and the experts institutions recommend (items 2 and 4).
extension ProgrammeService {
    /// A firm posts its own need (or staff enter one taken by a visit or a chat group).
    public func postNeed(_ need: ChiefNeed, by user: User) async throws {
        var problems: [Problem] = []
        if !ChiefRound.isValid(need.round) { problems.append(Problem(path: "round", message: "a year, or a year and a number: 2024, 2024-2")) }
        if need.field.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(need.field, max: 50) { problems.append(Problem(path: "field", message: "1–50 printable characters")) }
        let problem = need.problem.trimmingCharacters(in: .whitespacesAndNewlines)
        if problem.unicodeScalars.count < 10 || !CleanText.isText(problem, max: 2_000) {
            problems.append(Problem(path: "problem", message: "the problem in 10–2000 characters: what fails, where, what was tried"))
        }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard (user.role == .enterprise && user.enterprise == need.uscc) || ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("a firm posts its own needs") }
        if user.role == .enterprise, need.channel != .platform { throw ProgrammeError.invalid([Problem(path: "channel", message: "a firm posts on the platform")]) }
        let at = now, year = today.year
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(need.uscc) != nil else { throw ProgrammeError.notFound("企业 \(need.uscc)") }
            // A firm posts into the open round — the latest, or this year's when there is none;
            // staff open a new round.
            let open = ChiefRound.latest(try await stores.programmes.fetchNeeds(round: nil).map(\.round)) ?? String(year)
            if user.role == .enterprise, need.round != open { throw ProgrammeError.invalid([Problem(path: "round", message: "the open round is \(open)")]) }
            var n = need
            n.problem = problem; n.createdAt = at
            try await stores.programmes.insertNeeds([n])
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.chief.need", subject: "enterprise:\(need.uscc)",
                                              detail: "\(need.round) \(need.field)", role: user.role.rawValue))
        }
    }

    /// Bureau staff enter an expert an institution recommends (or update one): a new id, or the
    /// same id to correct the record, keeping its collaborations and declared interests; the
    /// institution may be unknown, which keeps the expert out of automatic assignment (fail safe).
    public func recommendExpert(_ expert: PoolExpert, by user: User) async throws {
        let e = expert.expert
        var problems: [Problem] = []
        if e.id.isEmpty || e.id.count > 64 || !e.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            problems.append(Problem(path: "id", message: "1–64 letters, digits, - _ ."))
        }
        for (path, text) in [("name", e.name), ("institution", e.institution ?? "-"), ("recommendedBy", expert.recommendedBy ?? "-")]
        where text.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(text, max: 200) {
            problems.append(Problem(path: path, message: "1–200 printable characters"))
        }
        for (path, items) in [("fields", e.fields), ("keywords", e.keywords), ("declaredInterests", e.declaredInterests)] where items.count > 20 || items.contains(where: { $0.isEmpty || !CleanText.isLine($0, max: 50) }) {
            problems.append(Problem(path: path, message: "up to 20 tags of 1–50 printable characters"))
        }
        if e.fields.isEmpty { problems.append(Problem(path: "fields", message: "name at least one field")) }
        let range = expert.chief ? rules.chiefCapacity : 1...50
        if !range.contains(e.capacity) { problems.append(Problem(path: "capacity", message: "\(range.lowerBound)–\(range.upperBound)")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff keep the expert pool") }
        let at = now
        try await transactor.write { stores in
            // A correction never loses what keeps an expert off a panel: the joint work on record
            // stays, and interests declared before stay declared (fail safe).
            var kept = expert
            if let before = try await stores.programmes.fetchExperts().first(where: { $0.expert.id == e.id })?.expert {
                kept.expert.collaborations = before.collaborations
                kept.expert.declaredInterests.formUnion(before.declaredInterests)
            }
            try await stores.programmes.upsertExperts([kept])
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.expert.recommend", subject: "expert:\(e.id)",
                                              detail: "\(e.institution ?? "—") \(expert.chief ? "chief" : "reviewer")", role: user.role.rawValue))
        }
    }
}
