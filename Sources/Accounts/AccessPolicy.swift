import Kernel
import Registry

/// Authorization in one place: what each role may do, to which records. Every route declares
/// one `Permission`; record-level checks take the record's owner (its USCC and town).
public enum Permission: String, Sendable, CaseIterable {
    case viewDashboard        // district counts
    case listEnterprises      // the list (scoped to what the user may read)
    case readEnterprise       // one record
    case createEnterprise
    case editEnterprise
    case editFiscalFacts
    case verifyFacts          // confirm or reject what a firm declared, before money depends on it (issue 19, item 1)
    case addDesignation
    case importData
    case readAuditLog
    case manageAccounts
    case viewLadder           // the district ladder, its lists, the pool and its history
    case managePool           // admit to and remove from the 高企培育库, record supported projects
    case runAssessment        // start a batch re-evaluation of the district
    case viewPoints           // the district's innovation-points rankings
    case grantConsent         // an enterprise grants, lists and revokes banks' access to its data
    case bankRead             // a bank officer reads what enterprises consented to
    case reportLoans          // a bank officer records credit decisions and loan status
    case viewLoans            // the district's loan register, risk compensation and white list
    case publishWhiteList     // compute and publish the re-lending white list
    case editPointsModel      // draft, compare and publish innovation-points models
    case viewMonitoring       // R&D monitoring: the district's (bureau) or one's own town's (town officers)
    case viewStatistics       // the statistics report of the letter's figures
    case reportRD             // file quarterly R&D reports (for records in scope)
    case manageTargets        // set the year's R&D targets, their split and the GDP
    case viewCashout          // policies, matches, applications, the budget ledger and payment batches
    case managePolicies       // publish policies, open budget lines, credit appropriations, create entitlements
    case applyCashout         // an enterprise applies, saves its form, uploads, submits, withdraws (own firm)
    case reviewCashout        // accept, return, recommend for publication, reject, record objections
    case approveCashout       // approve after publication, decide objections, reverse
    case viewProgrammes       // science programmes, calls and their panel lists, chief experts, events and chains
    case useServices          // one's own side of the programmes: a firm's projects, needs, bookings and events; an expert's sheets and terms
    case payCashout           // payment batches, their files, and marking payments paid (the administrator, who keeps the bureau's accounts [I])
}

/// What a record-level decision needs to know about the record.
public struct RecordOwner: Sendable, Hashable {
    public var uscc: USCC
    public var townCode: String?
    public init(uscc: USCC, townCode: String?) { self.uscc = uscc; self.townCode = townCode }
}

/// The scope of enterprises a user may see in lists.
public enum EnterpriseScope: Sendable, Equatable {
    case all
    case town(String)
    case one(USCC)
    case none
}

public enum AccessPolicy {
    /// Whether `role` may use a route with this permission at all.
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        switch permission {
        case .viewDashboard:
            return role.isBureau || role == .townOfficer || role == .auditor
        case .listEnterprises:
            return role.isBureau || role == .townOfficer || role == .auditor
        case .readEnterprise:
            return role.isBureau || role == .townOfficer || role == .auditor || role == .enterprise
        case .createEnterprise, .importData, .addDesignation:
            return role == .bureauAdmin || role == .bureauReviewer
        case .editEnterprise, .editFiscalFacts:
            return role == .bureauAdmin || role == .bureauReviewer || role == .townOfficer || role == .enterprise
        case .readAuditLog:
            return role == .auditor || role == .bureauAdmin
        case .verifyFacts:
            return role == .bureauAdmin || role == .bureauReviewer
        case .manageAccounts, .runAssessment:
            return role == .bureauAdmin
        case .grantConsent:
            return role == .enterprise
        case .bankRead, .reportLoans:
            return role == .bank
        case .viewLoans:
            return role.isBureau || role == .auditor
        case .publishWhiteList, .editPointsModel, .manageTargets:
            return role == .bureauAdmin
        case .viewMonitoring:
            return role.isBureau || role == .auditor || role == .townOfficer
        case .viewStatistics:
            return role.isBureau || role == .auditor
        case .reportRD:
            return role == .bureauAdmin || role == .bureauReviewer || role == .townOfficer || role == .enterprise
        case .viewLadder, .viewPoints:
            return role.isBureau || role == .auditor
        case .managePool:
            return role == .bureauAdmin || role == .bureauReviewer
        case .viewCashout:
            return role.isBureau || role == .auditor
        case .managePolicies:
            return role == .bureauAdmin
        case .applyCashout:
            return role == .enterprise
        case .reviewCashout:
            return role == .bureauAdmin || role == .bureauReviewer
        case .approveCashout:
            return role == .bureauAdmin || role == .bureauApprover
        case .payCashout:
            return role == .bureauAdmin
        case .viewProgrammes:
            return role.isBureau || role == .auditor
        case .useServices:
            return role == .enterprise || role == .expert
        }
    }

    /// Whether `user` may exercise `permission` on the record owned by `owner`.
    public static func allows(_ user: User, _ permission: Permission, on owner: RecordOwner) -> Bool {
        guard allows(user.role, permission) else { return false }
        return scope(of: user).contains(owner)
    }

    public static func scope(of user: User) -> EnterpriseScope {
        switch user.role {
        case .bureauAdmin, .bureauReviewer, .bureauApprover, .auditor: return .all
        case .townOfficer: return user.townCode.map(EnterpriseScope.town) ?? .none
        case .enterprise: return user.enterprise.map(EnterpriseScope.one) ?? .none
        case .bank, .expert: return .none
        }
    }
}

extension EnterpriseScope {
    public func contains(_ owner: RecordOwner) -> Bool {
        switch self {
        case .all: return true
        case .town(let code): return owner.townCode == code
        case .one(let uscc): return owner.uscc == uscc
        case .none: return false
        }
    }
}
