import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// Adding to the platform and talent registers (issue: programmes and matching, item 7): bureau
/// staff record a platform recognised for a firm, or a talent introduced or kept in reserve.
/// Dates are not in the future; each addition is audited.
extension SharingService {
    public func addPlatform(_ p: InnovationPlatform, by user: User) async throws {
        var problems: [Problem] = []
        for (path, text, max) in [("name", p.name, 200), ("kind", p.kind, 50)] where text.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(text, max: max) {
            problems.append(Problem(path: path, message: "1–\(max) printable characters"))
        }
        if p.recognisedOn > today { problems.append(Problem(path: "recognisedOn", message: "not in the future")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff keep the registers") }
        let at = now
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(p.enterprise) != nil else { throw ProgrammeError.notFound("企业 \(p.enterprise)") }
            try await stores.district.insertPlatforms([p])
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "register.platform.add", subject: "enterprise:\(p.enterprise)",
                                              detail: "\(p.level.rawValue) \(p.kind) \(p.name)", role: user.role.rawValue))
        }
    }

    public func addTalent(_ t: Talent, by user: User) async throws {
        var problems: [Problem] = []
        if t.name.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(t.name, max: 50) { problems.append(Problem(path: "name", message: "1–50 printable characters")) }
        if let f = t.field, f.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(f, max: 50) { problems.append(Problem(path: "field", message: "1–50 printable characters")) }
        if t.since > today { problems.append(Problem(path: "since", message: "not in the future")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff keep the registers") }
        let at = now
        try await transactor.write { stores in
            if let firm = t.enterprise, try await stores.registry.fetchEnterprise(firm) == nil { throw ProgrammeError.notFound("企业 \(firm)") }
            try await stores.district.insertTalents([t])
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "register.talent.add", subject: t.enterprise.map { "enterprise:\($0)" } ?? "district",
                                              detail: "\(t.category.rawValue) \(t.field ?? "—") \(t.level?.rawValue ?? "—")", role: user.role.rawValue))
        }
    }
}
