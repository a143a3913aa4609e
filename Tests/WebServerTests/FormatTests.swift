import Testing
import WebPages

/// Pages write instants as Beijing time to the minute (issue 22, item 3).
@Suite struct FormatTests {
    @Test(arguments: [
        ("2023-11-24T02:00:00Z", "2023-11-24 10:00"),
        ("2023-12-31T16:00:00Z", "2024-01-01 00:00"),   // the day turns in Beijing
        ("2023-12-31T15:59:59Z", "2023-12-31 23:59"),
        ("2024-02-28T16:30:00Z", "2024-02-29 00:30"),    // a leap day
        ("2024-06-30", "2024-06-30"),                    // a date alone stays as it is
        ("not a time", "not a time"),
    ])
    func beijingTime(_ iso: String, _ shown: String) {
        #expect(Format.time(iso) == shown)
    }
}
