import Kernel
import Registry
import Testing

/// Shared instruments: slots are whole hours on one day, a confirmed slot is never shared, the
/// booking moves only along its steps, and utilisation is hours used over hours offered.
@Suite struct InstrumentTests {
    static let day = LocalDate("2024-07-02")!
    static func slot(_ from: Int, _ to: Int, day: LocalDate = day) -> BookingSlot { BookingSlot(day: day, fromHour: from, toHour: to)! }

    @Test func slotsAreWholeHoursOnOneDay() {
        #expect(BookingSlot(day: Self.day, fromHour: 0, toHour: 24)?.hours == 24)
        #expect(BookingSlot(day: Self.day, fromHour: 9, toHour: 9) == nil, "empty")
        #expect(BookingSlot(day: Self.day, fromHour: 10, toHour: 9) == nil, "backwards")
        #expect(BookingSlot(day: Self.day, fromHour: -1, toHour: 2) == nil && BookingSlot(day: Self.day, fromHour: 23, toHour: 25) == nil)
        #expect(BookingSlot(day: Self.day, fromHour: 24, toHour: 24) == nil)
    }

    @Test func overlapsOnlyWhenAnHourIsShared() {
        let morning = Self.slot(9, 13)
        #expect(morning.overlaps(Self.slot(12, 14)), "one hour shared")
        #expect(!morning.overlaps(Self.slot(13, 17)), "one ends as the other starts")
        #expect(!morning.overlaps(Self.slot(7, 9)))
        #expect(morning.overlaps(Self.slot(10, 11)) && Self.slot(10, 11).overlaps(morning), "inside, both ways")
        #expect(!morning.overlaps(Self.slot(9, 13, day: Self.day.adding(days: 1))), "another day")
    }

    @Test func everyStatusAndActionPair() {
        let expected: [BookingStatus: [BookingAction: BookingStatus]] = [
            .requested: [.confirm: .confirmed, .decline: .declined, .cancel: .cancelled],
            .confirmed: [.cancel: .cancelled, .recordUse: .used],
            .declined: [:], .cancelled: [:], .used: [:],
        ]
        for s in BookingStatus.allCases {
            for a in BookingAction.allCases { #expect(s.applying(a) == expected[s]?[a], "\(s) \(a)") }
        }
        #expect(BookingStatus.allCases.filter(\.holdsSlot) == [.confirmed, .used])
    }

    @Test func onlyHeldSlotsClash() {
        let a = LocalDate("2024-07-01")!
        func booking(_ id: Int64, _ status: BookingStatus, _ s: BookingSlot) -> InstrumentBooking {
            InstrumentBooking(id: id, instrumentID: 1, uscc: try! USCC("91500151MA6012340R"), slot: s, purpose: "x", status: status, requestedAt: "", requestedBy: "")
        }
        let held = [booking(1, .confirmed, Self.slot(9, 12, day: a)), booking(2, .requested, Self.slot(9, 12, day: a)), booking(3, .used, Self.slot(14, 16, day: a)),
                    booking(4, .cancelled, Self.slot(12, 14, day: a)), booking(5, .declined, Self.slot(12, 14, day: a))]
        #expect(Instrument.clashes(Self.slot(11, 15, day: a), with: held).map(\.id) == [1, 3])
        #expect(Instrument.clashes(Self.slot(12, 14, day: a), with: held).isEmpty, "cancelled, declined and requested hold nothing")
        #expect(Instrument.clashes(Self.slot(9, 12, day: a), with: held, excluding: 1).isEmpty, "a booking does not clash with itself")
    }

    @Test func utilisationIsUsedOverOffered() {
        let i = Instrument(code: "X", name: "X", category: "c", host: "h", hostUSCC: nil, hourlyFee: Money(yuan: 100), hoursPerWeek: 20, listedOn: Self.day)
        #expect(i.utilisation(usedCenti: 20_00, days: 7) == 1, "all 20 offered hours of a week used")
        #expect(i.utilisation(usedCenti: 10_00, days: 14) == 0.25)
        #expect(i.utilisation(usedCenti: 0, days: 90) == 0)
        #expect(i.utilisation(usedCenti: 5_00, days: 0) == nil)
    }
}
