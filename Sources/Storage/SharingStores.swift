import Kernel
import Registry

/// Shared research instruments and their bookings (issue: programmes and matching, item 7).
public protocol SharingStore: Sendable {
    /// Nil when the code is taken.
    func insertInstrument(_ instrument: Instrument) async throws -> Int64?
    func fetchInstruments() async throws -> [Instrument]
    /// On PostgreSQL `forUpdate` locks the row until the transaction ends, so two confirmations
    /// of overlapping slots queue (SQLite's single writer does the same already).
    func fetchInstrument(_ id: Int64, forUpdate: Bool) async throws -> Instrument?
    func insertBooking(_ booking: InstrumentBooking) async throws -> Int64
    func fetchBooking(_ id: Int64) async throws -> InstrumentBooking?
    func fetchBookings(instrumentID: Int64, day: LocalDate) async throws -> [InstrumentBooking]
    func fetchBookings(uscc: USCC) async throws -> [InstrumentBooking]
    /// Moves a booking from `from`, recording who decided and the hours used; false when it had moved.
    func moveBooking(_ id: Int64, from: BookingStatus, to: BookingStatus, at: String, by: String, usedCenti: Int?) async throws -> Bool
    /// Hours used per instrument (hundredths) on days in `days`.
    func usedCenti(days: ClosedRange<LocalDate>) async throws -> [Int64: Int]
    /// Bookings per instrument and status on days in `days`.
    func bookingCounts(days: ClosedRange<LocalDate>) async throws -> [Int64: [BookingStatus: Int]]
}
