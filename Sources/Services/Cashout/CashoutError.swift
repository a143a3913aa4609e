import Cashout
import Kernel

public enum CashoutError: Error, Equatable, CustomStringConvertible {
    case invalid([Problem])
    case notFound(String)
    /// The user's role or firm does not carry this duty for this application.
    case notYourDuty(String)
    case illegalStep(from: ApplicationStatus, action: ApplicationAction)
    /// Separation of duties: the same person cannot review, approve and pay one application.
    case sameActor(String)
    /// Another live application (or a payment) already holds what this one would pay.
    case alreadyClaimed(String)
    case budgetExhausted(line: String, available: Money, needed: Money)
    case publicationRunning(until: LocalDate)
    case incomplete([Problem])
    /// Someone else published this policy at the same moment.
    case concurrentEdit(String)

    public var code: String {
        switch self {
        case .invalid: return "invalid"
        case .notFound: return "not_found"
        case .notYourDuty: return "forbidden"
        case .illegalStep: return "illegal_step"
        case .sameActor: return "separation_of_duties"
        case .alreadyClaimed: return "already_claimed"
        case .budgetExhausted: return "budget_exhausted"
        case .publicationRunning: return "publication_running"
        case .incomplete: return "incomplete"
        case .concurrentEdit: return "concurrent_edit"
        }
    }

    public var description: String {
        switch self {
        case .invalid(let p), .incomplete(let p): return p.map(\.description).joined(separator: "\n")
        case .notFound(let what): return "\(what) 不存在 / no such \(what)"
        case .notYourDuty(let why): return why
        case .illegalStep(let from, let action):
            return "\(from.chineseName)的申请不能\(action.chineseName) / an application \(from.englishName) cannot be \(action.rawValue)"
        case .sameActor(let why): return "职责分离：\(why) / separation of duties: \(why)"
        case .alreadyClaimed(let key): return "已有有效申请或已拨付（\(key)）/ already claimed or paid under \(key)"
        case .budgetExhausted(let line, let available, let needed):
            return "预算科目 \(line) 可用 \(available.yuanText) 元，不足 \(needed.yuanText) 元 / budget line \(line) has \(available.yuanText) yuan available, \(needed.yuanText) needed"
        case .concurrentEdit(let what): return "\(what) 刚被他人修改，请重试 / \(what) was changed at the same moment; try again"
        case .publicationRunning(let until): return "公示期至 \(until) 结束前不能批准 / publication runs until \(until): approve after it"
        }
    }
}
