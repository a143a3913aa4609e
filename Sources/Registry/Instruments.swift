import Kernel

/// A research instrument shared through the platform (issue: programmes and matching, item 7):
/// who hosts it, what an hour costs, and how many hours a week it is offered for sharing.
public struct Instrument: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var name: String
    public var category: String
    /// The institution or firm that keeps it; a firm host confirms its own bookings.
    public var host: String
    public var hostUSCC: USCC?
    public var hourlyFee: Money
    public var hoursPerWeek: Int
    public var listedOn: LocalDate
    public init(id: Int64 = 0, code: String, name: String, category: String, host: String, hostUSCC: USCC?, hourlyFee: Money,
                hoursPerWeek: Int, listedOn: LocalDate) {
        self.id = id; self.code = code; self.name = name; self.category = category; self.host = host; self.hostUSCC = hostUSCC
        self.hourlyFee = hourlyFee; self.hoursPerWeek = hoursPerWeek; self.listedOn = listedOn
    }
}

/// Whole hours on one day [I: the shared-instrument services book by the hour; a run over
/// midnight is two bookings].
public struct BookingSlot: Sendable, Hashable, Comparable {
    public var day: LocalDate
    public var fromHour: Int
    public var toHour: Int
    /// Nil unless 0 ≤ from < to ≤ 24.
    public init?(day: LocalDate, fromHour: Int, toHour: Int) {
        guard (0...23).contains(fromHour), (1...24).contains(toHour), fromHour < toHour else { return nil }
        self.day = day; self.fromHour = fromHour; self.toHour = toHour
    }
    public var hours: Int { toHour - fromHour }
    /// Sharing an hour overlaps; one ending when the other starts does not.
    public func overlaps(_ other: BookingSlot) -> Bool { day == other.day && fromHour < other.toHour && other.fromHour < toHour }
    public static func < (a: BookingSlot, b: BookingSlot) -> Bool { (a.day, a.fromHour, a.toHour) < (b.day, b.fromHour, b.toHour) }
}

public enum BookingStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case requested, confirmed, declined, cancelled, used

    public var chineseName: String {
        switch self {
        case .requested: return "待确认"
        case .confirmed: return "已确认"
        case .declined: return "已拒绝"
        case .cancelled: return "已取消"
        case .used: return "已使用"
        }
    }

    /// The slot is taken: confirmed bookings and those already used.
    public var holdsSlot: Bool { self == .confirmed || self == .used }

    public func applying(_ action: BookingAction) -> BookingStatus? {
        switch (self, action) {
        case (.requested, .confirm): return .confirmed
        case (.requested, .decline): return .declined
        case (.requested, .cancel), (.confirmed, .cancel): return .cancelled
        case (.confirmed, .recordUse): return .used
        default: return nil
        }
    }
}

/// The host confirms or declines and records the use; the firm cancels its own booking.
public enum BookingAction: String, Sendable, Hashable, Codable, CaseIterable {
    case confirm, decline, cancel, recordUse
}

public struct InstrumentBooking: Sendable, Hashable {
    public var id: Int64
    public var instrumentID: Int64
    public var uscc: USCC
    public var slot: BookingSlot
    public var purpose: String
    public var status: BookingStatus
    public var requestedAt: String
    public var requestedBy: String
    public var decidedAt: String?
    public var decidedBy: String?
    /// Hours actually used, in hundredths, once recorded.
    public var usedCenti: Int?
    public init(id: Int64 = 0, instrumentID: Int64, uscc: USCC, slot: BookingSlot, purpose: String, status: BookingStatus = .requested,
                requestedAt: String, requestedBy: String, decidedAt: String? = nil, decidedBy: String? = nil, usedCenti: Int? = nil) {
        self.id = id; self.instrumentID = instrumentID; self.uscc = uscc; self.slot = slot; self.purpose = purpose; self.status = status
        self.requestedAt = requestedAt; self.requestedBy = requestedBy; self.decidedAt = decidedAt; self.decidedBy = decidedBy; self.usedCenti = usedCenti
    }
}

extension Instrument {
    /// The bookings among `bookings` holding a slot that overlaps `slot` (its own id excluded).
    public static func clashes(_ slot: BookingSlot, with bookings: [InstrumentBooking], excluding id: Int64? = nil) -> [InstrumentBooking] {
        bookings.filter { $0.id != id && $0.status.holdsSlot && $0.slot.overlaps(slot) }
    }

    /// Used hours over the hours offered in `days` days (hours per week × days ÷ 7), 0…1 and
    /// more when a host lends beyond what it offered; nil for an empty period.
    public func utilisation(usedCenti: Int, days: Int) -> Double? {
        guard days > 0 else { return nil }
        return Double(usedCenti) / 100 / (Double(hoursPerWeek) * Double(days) / 7)
    }
}
