import Kernel
import Registry
import SQLKit
import Storage

struct SQLSharingStore: SharingStore {
    let db: any SQLDatabase
    let engine: SQLEngine

    func insertInstrument(_ i: Instrument) async throws -> Int64? {
        try await db.raw("""
            INSERT INTO instruments (code, name, category, host, host_uscc, hourly_fen, hours_per_week, listed_on)
            VALUES (\(bind: i.code), \(bind: i.name), \(bind: i.category), \(bind: i.host), \(bind: i.hostUSCC?.code), \(bind: i.hourlyFee.fen),
                    \(bind: i.hoursPerWeek), \(bind: i.listedOn.description))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """).first()?.decode(column: "id", as: Int64.self)
    }

    private func instruments(_ condition: SQLQueryString, lock: Bool = false) async throws -> [Instrument] {
        let suffix: SQLQueryString = lock ? " FOR UPDATE" : ""
        return try await db.raw("SELECT * FROM instruments WHERE \(condition) ORDER BY code\(suffix)").all().map { row in
            guard let listed = try row.decodeDate("listed_on") else { throw RowMappingError.badValue("listed_on", "NULL") }
            return Instrument(id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                              name: try row.decode(column: "name", as: String.self), category: try row.decode(column: "category", as: String.self),
                              host: try row.decode(column: "host", as: String.self), hostUSCC: try row.decode(column: "host_uscc", as: USCC?.self),
                              hourlyFee: Money(fen: try row.decode(column: "hourly_fen", as: Int64.self)),
                              hoursPerWeek: try row.decode(column: "hours_per_week", as: Int.self), listedOn: listed)
        }
    }

    func fetchInstruments() async throws -> [Instrument] { try await instruments("1 = 1") }
    func fetchInstrument(_ id: Int64, forUpdate: Bool) async throws -> Instrument? {
        try await instruments("id = \(bind: id)", lock: forUpdate && engine == .postgres).first
    }

    func insertBooking(_ b: InstrumentBooking) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO instrument_bookings (instrument_id, uscc, day, from_hour, to_hour, purpose, status, requested_at, requested_by)
            VALUES (\(bind: b.instrumentID), \(bind: b.uscc.code), \(bind: b.slot.day.description), \(bind: b.slot.fromHour), \(bind: b.slot.toHour),
                    \(bind: b.purpose), \(bind: b.status.rawValue), \(bind: b.requestedAt), \(bind: b.requestedBy)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    private func bookings(_ condition: SQLQueryString) async throws -> [InstrumentBooking] {
        try await db.raw("SELECT * FROM instrument_bookings WHERE \(condition) ORDER BY day, from_hour, id").all().map { row in
            guard let day = try row.decodeDate("day"),
                  let slot = BookingSlot(day: day, fromHour: try row.decode(column: "from_hour", as: Int.self), toHour: try row.decode(column: "to_hour", as: Int.self)) else {
                throw RowMappingError.badValue("instrument_bookings", "slot")
            }
            return InstrumentBooking(id: try row.decode(column: "id", as: Int64.self), instrumentID: try row.decode(column: "instrument_id", as: Int64.self),
                                     uscc: try row.decode(column: "uscc", as: USCC.self), slot: slot, purpose: try row.decode(column: "purpose", as: String.self),
                                     status: try row.decodeEnum("status"), requestedAt: try row.decode(column: "requested_at", as: String.self),
                                     requestedBy: try row.decode(column: "requested_by", as: String.self),
                                     decidedAt: try row.decode(column: "decided_at", as: String?.self), decidedBy: try row.decode(column: "decided_by", as: String?.self),
                                     usedCenti: try row.decode(column: "used_centi", as: Int?.self))
        }
    }

    func fetchBooking(_ id: Int64) async throws -> InstrumentBooking? { try await bookings("id = \(bind: id)").first }
    func fetchBookings(instrumentID: Int64, day: LocalDate) async throws -> [InstrumentBooking] {
        try await bookings("instrument_id = \(bind: instrumentID) AND day = \(bind: day.description)")
    }

    func fetchBookings(uscc: USCC) async throws -> [InstrumentBooking] { try await bookings("uscc = \(bind: uscc.code)") }

    func moveBooking(_ id: Int64, from: BookingStatus, to: BookingStatus, at: String, by: String, usedCenti: Int?) async throws -> Bool {
        !(try await db.raw("""
            UPDATE instrument_bookings SET status = \(bind: to.rawValue), decided_at = \(bind: at), decided_by = \(bind: by), used_centi = \(bind: usedCenti)
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """).all()).isEmpty
    }

    func usedCenti(days: ClosedRange<LocalDate>) async throws -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for row in try await db.raw("""
            SELECT instrument_id, SUM(used_centi) AS used FROM instrument_bookings
            WHERE status = 'used' AND day >= \(bind: days.lowerBound.description) AND day <= \(bind: days.upperBound.description) GROUP BY instrument_id
            """).all() {
            out[try row.decode(column: "instrument_id", as: Int64.self)] = try row.decode(column: "used", as: Int.self)
        }
        return out
    }

    func bookingCounts(days: ClosedRange<LocalDate>) async throws -> [Int64: [BookingStatus: Int]] {
        var out: [Int64: [BookingStatus: Int]] = [:]
        for row in try await db.raw("""
            SELECT instrument_id, status, COUNT(*) AS n FROM instrument_bookings
            WHERE day >= \(bind: days.lowerBound.description) AND day <= \(bind: days.upperBound.description) GROUP BY instrument_id, status
            """).all() {
            out[try row.decode(column: "instrument_id", as: Int64.self), default: [:]][try row.decodeEnum("status")] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }
}
