import Foundation
import Accounts
import Cashout
import Kernel
import Registry
import Storage

/// What became of a firm's declaration.
public enum DeclarationOutcome: Sendable, Equatable {
    /// The figures are those already verified: nothing to check, nothing stored.
    case matchesVerified
    /// Waiting for a reviewer (a new declaration, or the same one sent again).
    case pending(Int64)
}

/// Declared and verified figures side by side (issue 19, item 1). A firm's figures wait in a
/// queue until a reviewer confirms them against evidence; only then do they become the year's
/// figures that policies, their amounts, 免申即享 entitlements, points and the white list read.
/// Staff, imports and other authorities write verified figures directly (`putFiscalYear`).
extension RegistryService {
    static let maxEvidence = 500, maxNote = 500

    public func declareFiscalYear(_ uscc: USCC, _ facts: FiscalYearFacts, evidence rawEvidence: String, actor: String) async throws -> DeclarationOutcome {
        let evidence = rawEvidence.trimmingCharacters(in: .whitespacesAndNewlines)
        let at = now()
        return try await transactor.write { stores in
            guard let e = try await stores.registry.fetchEnterprise(uscc) else { throw RegistryError.notFound(uscc) }
            var problems = facts.problems(at: "", registeredOn: e.registeredOn)
            if evidence.isEmpty {
                problems.append(Problem(path: "evidence", message: "请注明依据，如审计报告或汇算清缴申报表及其编号 / name the evidence, e.g. the audit report"))
            } else if !CleanText.isLine(evidence, max: Self.maxEvidence) {
                problems.append(Problem(path: "evidence", message: "依据须为一行文字，不超过 \(Self.maxEvidence) 字 / one line of at most \(Self.maxEvidence) characters"))
            }
            if FiscalYearField.allCases.allSatisfy({ $0.value(in: facts) == nil }) {
                problems.append(Problem(path: "", message: "请至少填写一项数据 / declare at least one figure"))
            }
            guard problems.isEmpty else { throw RegistryError.invalid(problems) }
            let verified = try await stores.registry.fetchFiscalYears([FiscalYearKey(uscc: uscc, year: facts.year)]).values.first
            let open = try await stores.declarations.fetchOpenDeclaration(uscc, year: facts.year)
            if let open, open.facts == facts, open.evidence == evidence { return .pending(open.id) }
            if let open {
                _ = try await stores.declarations.decideDeclaration(open.id, status: .superseded, by: actor, at: at, note: nil)
                try await stores.audit(AuditEntry(at: at, actor: actor, action: "fiscalYear.supersede", subject: "enterprise:\(uscc)",
                                                  detail: "year \(facts.year), declaration \(open.id)"))
            }
            // Blank fields are not declared: nothing to check when the rest match what is verified.
            let probe = FiscalYearDeclaration(uscc: uscc, facts: facts, evidence: evidence, declaredBy: actor, declaredAt: at)
            if probe.changes(from: verified?.facts).isEmpty { return .matchesVerified }
            guard let id = try await stores.declarations.insertDeclaration(FiscalYearDeclaration(uscc: uscc, facts: facts, evidence: evidence,
                                                                                                 declaredBy: actor, declaredAt: at)) else {
                // Another submission of the same year won the race (a double click): that one stands.
                guard let other = try await stores.declarations.fetchOpenDeclaration(uscc, year: facts.year) else { throw RegistryError.alreadyDecided(.pending) }
                return .pending(other.id)
            }
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "fiscalYear.declare", subject: "enterprise:\(uscc)",
                                              detail: "year \(facts.year), declaration \(id)"))
            try await stores.history.append([ChangeRecord(enterprise: uscc, subject: "declaration:\(facts.year)", actor: actor, at: at,
                                                          before: HistoryJSON.encode(verified?.facts), after: HistoryJSON.encode(facts))])
            return .pending(id)
        }
    }

    /// The reviewer checked the evidence: the declared figures become the year's figures.
    public func confirmDeclaration(_ id: Int64, note: String, by user: User) async throws -> FiscalYearDeclaration {
        try await decide(id, .confirmed, note: note, by: user)
    }

    /// The figures stand as they were; the firm is told why.
    public func rejectDeclaration(_ id: Int64, reason: String, by user: User) async throws -> FiscalYearDeclaration {
        try await decide(id, .rejected, note: reason, by: user)
    }

    private func decide(_ id: Int64, _ status: FiscalYearDeclaration.Status, note rawNote: String, by user: User) async throws -> FiscalYearDeclaration {
        guard AccessPolicy.allows(user.role, .verifyFacts) else { throw RegistryError.notPermitted }
        let note = rawNote.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = status == .confirmed ? "note" : "reason"
        if note.isEmpty {
            throw RegistryError.invalid([Problem(path: path, message: status == .confirmed
                ? "请写明核实了什么（如：与 2024 年度审计报告一致）/ say what was checked"
                : "请写明不予采信的原因 / give the reason")])
        }
        guard CleanText.isLine(note, max: Self.maxNote) else {
            throw RegistryError.invalid([Problem(path: path, message: "须为一行文字，不超过 \(Self.maxNote) 字 / one line of at most \(Self.maxNote) characters")])
        }
        let at = now()
        return try await transactor.write { stores in
            guard var d = try await stores.declarations.fetchDeclaration(id) else { throw RegistryError.declarationNotFound(id) }
            guard d.status == .pending else { throw RegistryError.alreadyDecided(d.status) }
            let old = try await stores.registry.fetchFiscalYears([FiscalYearKey(uscc: d.uscc, year: d.facts.year)]).values.first
            // The declared fields over the verified ones: a field the firm left blank is kept, not erased.
            let merged = d.merged(onto: old?.facts)
            if status == .confirmed {
                guard let e = try await stores.registry.fetchEnterprise(d.uscc) else { throw RegistryError.notFound(d.uscc) }
                let problems = merged.problems(at: "", registeredOn: e.registeredOn)
                guard problems.isEmpty else { throw RegistryError.invalid(problems) }
            }
            // Conditional on still pending: of two reviewers deciding at once, one wins and the other gets 409.
            guard try await stores.declarations.decideDeclaration(id, status: status, by: user.actorName, at: at, note: note) else {
                throw RegistryError.alreadyDecided(try await stores.declarations.fetchDeclaration(id)?.status ?? status)
            }
            d.status = status; d.decidedBy = user.actorName; d.decidedAt = at; d.decisionNote = note
            let year = d.facts.year
            if status == .confirmed {
                try await stores.registry.upsertFiscalYears([(d.uscc, StampedFiscalYear(facts: merged, source: .declared, recordedAt: at))])
                try await stores.history.append([ChangeRecord(enterprise: d.uscc, subject: "fiscalYear:\(year)", actor: user.actorName, at: at,
                                                              before: HistoryJSON.encode(old?.facts), after: HistoryJSON.encode(merged))])
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: status == .confirmed ? "fiscalYear.verify" : "fiscalYear.reject",
                                              subject: "enterprise:\(d.uscc)", detail: "year \(year), declaration \(id): \(note)", role: user.role.rawValue))
            let text = status == .confirmed
                ? "您申报的 \(year) 年度数据已核实，已用于政策兑现和创新积分 / your figures for \(year) were verified"
                : "您申报的 \(year) 年度数据未通过核实：\(note) / your figures for \(year) were not accepted: \(note)"
            try await stores.cashout.insertNotices([FirmNotice(uscc: d.uscc, at: at, text: text, applicationID: nil)])
            return d
        }
    }

    /// The verification queue, scoped to what `user` may see.
    public func declarations(_ filter: DeclarationFilter, offset: Int, limit: Int, for user: User) async throws -> (rows: [DeclarationRow], total: Int) {
        var filter = filter
        switch AccessPolicy.scope(of: user) {
        case .all: break
        case .town(let t): filter.townCode = t
        case .one(let u): filter.uscc = u
        case .none: return ([], 0)
        }
        let scoped = filter
        return try await transactor.read { stores in try await stores.declarations.fetchDeclarations(scoped, offset: offset, limit: limit) }
    }

    /// One declaration with the firm's verified figures for the same year, for the reviewer's comparison.
    public func declaration(_ id: Int64) async throws -> (declaration: FiscalYearDeclaration, name: String, verified: StampedFiscalYear?) {
        try await transactor.read { stores in
            guard let d = try await stores.declarations.fetchDeclaration(id) else { throw RegistryError.declarationNotFound(id) }
            let name = try await stores.registry.fetchEnterprise(d.uscc)?.name ?? d.uscc.code
            let verified = try await stores.registry.fetchFiscalYears([FiscalYearKey(uscc: d.uscc, year: d.facts.year)]).values.first
            return (d, name, verified)
        }
    }

    /// A firm's declarations, newest first (its page shows the open ones and the last decisions).
    public func declarations(of uscc: USCC) async throws -> [FiscalYearDeclaration] {
        try await transactor.read { stores in try await stores.declarations.fetchDeclarations(uscc) }
    }
}
