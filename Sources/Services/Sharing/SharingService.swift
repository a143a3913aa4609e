import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// One instrument of the catalogue with its use over a period.
public struct InstrumentUse: Sendable {
    public var instrument: Instrument
    public var usedHours: Double
    /// Used hours over the hours offered in the period (from its listing on); nil when it was
    /// not listed in the period.
    public var utilisation: Double?
    public var bookings: [BookingStatus: Int]
}

/// Shared research instruments (issue: programmes and matching, item 7): the catalogue with
/// each instrument's utilisation, bookings requested by firms, confirmed or declined by the
/// host, cancelled by the firm, and the hours used recorded after the slot. A confirmed slot is
/// never double-booked: the check and the move happen in one transaction with the instrument
/// locked. Refusals use the programme errors (404 / 403 / 409 / 422).
public struct SharingService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date) { self.transactor = transactor; self.clock = clock }

    var now: String { ISOTime.format(clock()) }
    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }

    public func listInstrument(_ i: Instrument, by user: User) async throws -> Int64 {
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff keep the catalogue") }
        var problems: [Problem] = []
        for (path, text) in [("code", i.code), ("name", i.name), ("category", i.category), ("host", i.host)]
        where text.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(text, max: path == "code" ? 64 : 200) {
            problems.append(Problem(path: path, message: "1–\(path == "code" ? 64 : 200) printable characters"))
        }
        if i.hourlyFee.fen < 0 { problems.append(Problem(path: "hourlyFee", message: "must not be negative")) }
        if !(1...168).contains(i.hoursPerWeek) { problems.append(Problem(path: "hoursPerWeek", message: "1–168 hours a week")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        let at = now
        return try await transactor.write { stores in
            if let host = i.hostUSCC, try await stores.registry.fetchEnterprise(host) == nil { throw ProgrammeError.notFound("企业 \(host)") }
            guard let id = try await stores.sharing.insertInstrument(i) else { throw ProgrammeError.illegalStep("the code \(i.code) is taken") }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "sharing.instrument.list", subject: "instrument:\(id)",
                                              detail: "\(i.code) \(i.name)", role: user.role.rawValue))
            return id
        }
    }

    /// The catalogue with each instrument's hours used and utilisation over `days`.
    public func catalogue(days: ClosedRange<LocalDate>) async throws -> [InstrumentUse] {
        try await transactor.read { stores in
            let used = try await stores.sharing.usedCenti(days: days)
            let counts = try await stores.sharing.bookingCounts(days: days)
            return try await stores.sharing.fetchInstruments().map { i in
                // Offered only from the day it was listed: a new instrument is not measured over days it was not there.
                let offered = max(days.lowerBound, i.listedOn).days(until: days.upperBound) + 1
                return InstrumentUse(instrument: i, usedHours: Double(used[i.id] ?? 0) / 100, utilisation: i.utilisation(usedCenti: used[i.id] ?? 0, days: offered),
                                     bookings: counts[i.id] ?? [:])
            }
        }
    }

    /// A firm books a slot from today on (bureau staff may book on its behalf); a slot already
    /// confirmed for someone else is refused at once.
    public func book(instrumentID: Int64, uscc: USCC, slot: BookingSlot, purpose: String, by user: User) async throws -> InstrumentBooking {
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty, CleanText.isText(purpose, max: 500) else { throw ProgrammeError.invalid([Problem(path: "purpose", message: "1–500 characters")]) }
        guard slot.day >= today else { throw ProgrammeError.invalid([Problem(path: "day", message: "today or later")]) }
        guard (user.role == .enterprise && user.enterprise == uscc) || ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("a firm books for itself") }
        let at = now
        return try await transactor.write { stores in
            guard try await stores.sharing.fetchInstrument(instrumentID, forUpdate: false) != nil else { throw ProgrammeError.notFound("仪器 \(instrumentID)") }
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw ProgrammeError.notFound("企业 \(uscc)") }
            let taken = Instrument.clashes(slot, with: try await stores.sharing.fetchBookings(instrumentID: instrumentID, day: slot.day))
            guard taken.isEmpty else { throw ProgrammeError.illegalStep("the slot is taken \(slot.day) \(taken[0].slot.fromHour):00–\(taken[0].slot.toHour):00") }
            var b = InstrumentBooking(instrumentID: instrumentID, uscc: uscc, slot: slot, purpose: purpose, requestedAt: at, requestedBy: user.actorName)
            b.id = try await stores.sharing.insertBooking(b)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "sharing.booking.request", subject: "booking:\(b.id)",
                                              detail: "instrument \(instrumentID) \(slot.day) \(slot.fromHour)–\(slot.toHour)", role: user.role.rawValue))
            return b
        }
    }

    /// Hundredths of an hour for `recordUse` (required there, refused elsewhere).
    static func usedCenti(_ action: BookingAction, _ hours: Double?) throws -> Int? {
        guard action == .recordUse else {
            if hours != nil { throw ProgrammeError.invalid([Problem(path: "usedHours", message: "only when recording use")]) }
            return nil
        }
        guard let h = hours, h.isFinite, h >= 0, h <= 24, (h * 100).rounded() == h * 100 else {
            throw ProgrammeError.invalid([Problem(path: "usedHours", message: "hours used, 0–24, at most two decimals")])
        }
        return Int((h * 100).rounded())
    }

    /// The host — a firm host's own user for its instrument, bureau staff for an institution's —
    /// confirms, declines and records the use; the firm that booked, or staff, cancels. Use is recorded once the day has come, at
    /// most the slot's hours.
    public func act(bookingID: Int64, _ action: BookingAction, usedHours: Double? = nil, by user: User) async throws -> InstrumentBooking {
        let used = try Self.usedCenti(action, usedHours)
        let at = now, day = today
        return try await transactor.write { stores in
            guard let b = try await stores.sharing.fetchBooking(bookingID),
                  let instrument = try await stores.sharing.fetchInstrument(b.instrumentID, forUpdate: true) else { throw ProgrammeError.notFound("预约 \(bookingID)") }
            // A firm host decides on its own instrument; the bureau decides for the institutions' instruments.
            let host = instrument.hostUSCC.map { user.role == .enterprise && user.enterprise == $0 } ?? ProjectDuty.isBureauStaff(user)
            let booker = ProjectDuty.isBureauStaff(user) || (user.role == .enterprise && user.enterprise == b.uscc)
            guard action == .cancel ? booker : host else { throw ProgrammeError.notYourDuty(action == .cancel ? "the firm cancels its booking" : "the host decides") }
            guard let next = b.status.applying(action) else { throw ProgrammeError.illegalStep("\(action.rawValue) from \(b.status.rawValue)") }
            if action == .confirm {
                let taken = Instrument.clashes(b.slot, with: try await stores.sharing.fetchBookings(instrumentID: b.instrumentID, day: b.slot.day), excluding: b.id)
                guard taken.isEmpty else { throw ProgrammeError.illegalStep("booking \(taken[0].id) holds an overlapping slot") }
            }
            if let used {
                guard b.slot.day <= day else { throw ProgrammeError.illegalStep("use is recorded on or after \(b.slot.day)") }
                guard used <= b.slot.hours * 100 else { throw ProgrammeError.invalid([Problem(path: "usedHours", message: "at most the \(b.slot.hours) hours booked")]) }
            }
            guard try await stores.sharing.moveBooking(bookingID, from: b.status, to: next, at: at, by: user.actorName, usedCenti: used) else {
                throw ProgrammeError.illegalStep("the booking moved meanwhile")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "sharing.booking.\(action.rawValue)", subject: "booking:\(bookingID)",
                                              detail: "\(b.status.rawValue) → \(next.rawValue)\(used.map { " \(Double($0) / 100) h" } ?? "")", role: user.role.rawValue))
            var moved = b
            moved.status = next; moved.decidedAt = at; moved.decidedBy = user.actorName; moved.usedCenti = used
            return moved
        }
    }
}
