import Kernel
import Registry
import Storage

/// Everything the bureau can see of one enterprise (一企一档).
public struct EnterpriseRecord: Sendable, Codable {
    public var enterprise: Enterprise
    public var fiscalYears: [StampedFiscalYear]
    public var designations: [Designation]
    public var evidence: InnovationEvidence
    public var history: [ChangeRecord]
}

public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case notFound(USCC)
    case alreadyExists(USCC)
    case invalid([Problem])
    case duplicateDesignation(DesignationKind, LocalDate)
    case notPermitted
    case declarationNotFound(Int64)
    case alreadyDecided(FiscalYearDeclaration.Status)

    public var description: String {
        switch self {
        case .notFound(let u): return "企业 \(u) 未登记 / enterprise \(u) is not registered"
        case .alreadyExists(let u): return "企业 \(u) 已登记 / enterprise \(u) is already registered"
        case .invalid(let problems): return problems.map(\.description).joined(separator: "\n")
        case .duplicateDesignation(let k, let d): return "该资质已登记（\(k.chineseName)，\(d)）/ this designation is already recorded"
        case .notPermitted: return "无权修改该企业 / you may not change this enterprise"
        case .declarationNotFound(let id): return "申报 \(id) 不存在 / declaration \(id) not found"
        case .alreadyDecided(let s): return "该申报已处理（\(s.chineseName)）/ this declaration was already decided (\(s.englishName))"
        }
    }
}

/// Use cases on single records. Each is one transaction that also appends its history rows.
public struct RegistryService: Sendable {
    public let transactor: any Transactor
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.now = now
    }

    public func record(_ uscc: USCC, historyLimit: Int = 50) async throws -> EnterpriseRecord {
        try await transactor.read { stores in
            guard let e = try await stores.registry.fetchEnterprise(uscc) else { throw RegistryError.notFound(uscc) }
            return EnterpriseRecord(enterprise: e,
                                    fiscalYears: try await stores.registry.fetchFiscalYears(uscc),
                                    designations: try await stores.registry.fetchDesignations(uscc),
                                    evidence: try await stores.registry.fetchEvidence(uscc),
                                    history: try await stores.history.fetchHistory(uscc, limit: historyLimit))
        }
    }

    public func create(_ e: Enterprise, actor: String) async throws {
        let problems = e.problems()
        guard problems.isEmpty else { throw RegistryError.invalid(problems) }
        let at = now()
        try await transactor.write { stores in
            try await Self.checkReferences(e, stores)
            // Atomic: two simultaneous creates of one USCC give one 201 and one 409, never a 500.
            guard try await stores.registry.insertEnterpriseIfAbsent(e, updatedAt: at) else { throw RegistryError.alreadyExists(e.uscc) }
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "enterprise.create", subject: "enterprise:\(e.uscc)"))
            try await stores.history.append([ChangeRecord(enterprise: e.uscc, subject: "enterprise", actor: actor, at: at,
                                                          before: nil, after: HistoryJSON.encode(e))])
        }
    }

    /// Returns whether anything changed; an identical update writes nothing. `permitted` is the
    /// caller's access check, asked again inside the transaction about the record as it is now,
    /// so a record moved out of the caller's scope meanwhile is not written. With
    /// `keepTownAndStatus` (users other than bureau staff) the stored town and status stay.
    @discardableResult
    public func update(_ edited: Enterprise, actor: String, keepTownAndStatus: Bool = false,
                       permitted: @escaping @Sendable (Enterprise) -> Bool = { _ in true }) async throws -> Bool {
        let problems = edited.problems()
        guard problems.isEmpty else { throw RegistryError.invalid(problems) }
        let at = now()
        return try await transactor.write { stores in
            guard let old = try await stores.registry.fetchEnterprise(edited.uscc) else { throw RegistryError.notFound(edited.uscc) }
            guard permitted(old) else { throw RegistryError.notPermitted }
            var e = edited
            if keepTownAndStatus { e.townCode = old.townCode; e.status = old.status }
            guard old != e else { return false }
            try await Self.checkReferences(e, stores)
            try await stores.registry.updateEnterprise(e, updatedAt: at)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "enterprise.update", subject: "enterprise:\(e.uscc)"))
            try await stores.history.append([ChangeRecord(enterprise: e.uscc, subject: "enterprise", actor: actor, at: at,
                                                          before: HistoryJSON.encode(old), after: HistoryJSON.encode(e))])
            return true
        }
    }

    @discardableResult
    public func putFiscalYear(_ uscc: USCC, _ facts: FiscalYearFacts, source: FactSource, actor: String) async throws -> Bool {
        // A firm's own figures wait for a reviewer (`declareFiscalYear`); they never land here directly.
        guard source != .declared else { throw RegistryError.notPermitted }
        let at = now()
        return try await transactor.write { stores in
            guard let e = try await stores.registry.fetchEnterprise(uscc) else { throw RegistryError.notFound(uscc) }
            let problems = facts.problems(at: "", registeredOn: e.registeredOn)
            guard problems.isEmpty else { throw RegistryError.invalid(problems) }
            let old = try await stores.registry.fetchFiscalYears([FiscalYearKey(uscc: uscc, year: facts.year)]).values.first
            guard old?.facts != facts else { return false }
            try await stores.registry.upsertFiscalYears([(uscc, StampedFiscalYear(facts: facts, source: source, recordedAt: at))])
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "fiscalYear.put", subject: "enterprise:\(uscc)", detail: "year \(facts.year)"))
            try await stores.history.append([ChangeRecord(enterprise: uscc, subject: "fiscalYear:\(facts.year)", actor: actor, at: at,
                                                          before: HistoryJSON.encode(old?.facts), after: HistoryJSON.encode(facts))])
            return true
        }
    }

    public func addDesignation(_ uscc: USCC, _ d: Designation, actor: String) async throws {
        let at = now()
        try await transactor.write { stores in
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw RegistryError.notFound(uscc) }
            if let exp = d.expiresOn, exp < d.issuedOn {
                throw RegistryError.invalid([Problem(path: "expiresOn", message: "到期日早于发证日 / expires before it was issued")])
            }
            if try await stores.registry.fetchDesignations(uscc).contains(where: { $0.kind == d.kind && $0.issuedOn == d.issuedOn }) {
                throw RegistryError.duplicateDesignation(d.kind, d.issuedOn)
            }
            try await stores.registry.insertDesignations([(uscc, d)])
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "designation.add", subject: "enterprise:\(uscc)", detail: d.kind.rawValue))
            try await stores.history.append([ChangeRecord(enterprise: uscc, subject: "designation:\(d.kind.rawValue)", actor: actor, at: at,
                                                          before: nil, after: HistoryJSON.encode(d))])
        }
    }

    /// Towns and chains must exist: a 422 naming the field, not a foreign-key failure.
    static func checkReferences(_ e: Enterprise, _ stores: any Stores) async throws {
        var problems: [Problem] = []
        if let town = e.townCode, !(try await stores.district.fetchTowns().contains { $0.code == town }) {
            problems.append(Problem(path: "townCode", message: "未登记的镇街 \(town) / unknown town"))
        }
        if !e.chainTags.isEmpty {
            let chains = Set(try await stores.district.fetchChains().map(\.code))
            for c in e.chainTags where !chains.contains(c) {
                problems.append(Problem(path: "chainTags", message: "未登记的产业链 \(c) / unknown industry chain"))
            }
        }
        guard problems.isEmpty else { throw RegistryError.invalid(problems) }
    }
}
