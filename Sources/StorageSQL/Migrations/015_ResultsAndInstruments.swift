import Registry

/// 015: what a chief expert's term delivered, each result with its evidence (issue: programmes
/// and matching, item 4, rules.md §11.9 E3); and the shared research instruments with their
/// bookings (item 7). A booking is whole hours on one day; its use is recorded once, in hours,
/// and only a used booking has it.
enum Migration015ResultsAndInstruments {
    static let migration = Migration(id: 15, name: "chief results and instruments", up: up, down: down)

    static var bookingStatuses: String { BookingStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",") }

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE chief_results (
              id \(e.serialPrimaryKey),
              need_id BIGINT NOT NULL REFERENCES chief_matches(need_id),
              kind TEXT NOT NULL CHECK (kind IN ('achievement','problemSolved','training')),
              title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
              evidence TEXT NOT NULL CHECK (length(evidence) BETWEEN 1 AND 2000),
              happened_on TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              recorded_by TEXT NOT NULL)
            """,
            "CREATE INDEX chief_results_need ON chief_results (need_id)",
            """
            CREATE TABLE instruments (
              id \(e.serialPrimaryKey),
              code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
              category TEXT NOT NULL,
              host TEXT NOT NULL,
              host_uscc TEXT REFERENCES enterprises(uscc),
              hourly_fen BIGINT NOT NULL CHECK (hourly_fen >= 0),
              hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 168),
              listed_on TEXT NOT NULL)
            """,
            """
            CREATE TABLE instrument_bookings (
              id \(e.serialPrimaryKey),
              instrument_id BIGINT NOT NULL REFERENCES instruments(id),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              day TEXT NOT NULL,
              from_hour INTEGER NOT NULL CHECK (from_hour BETWEEN 0 AND 23),
              to_hour INTEGER NOT NULL CHECK (to_hour BETWEEN 1 AND 24),
              purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
              status TEXT NOT NULL CHECK (status IN (\(bookingStatuses))),
              requested_at TEXT NOT NULL,
              requested_by TEXT NOT NULL,
              decided_at TEXT,
              decided_by TEXT,
              used_centi INTEGER CHECK (used_centi IS NULL OR used_centi >= 0),
              CHECK (to_hour > from_hour),
              CHECK (used_centi IS NULL OR used_centi <= (to_hour - from_hour) * 100),
              CHECK ((status = 'used') = (used_centi IS NOT NULL)))
            """,
            "CREATE INDEX instrument_bookings_day ON instrument_bookings (instrument_id, day)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["instrument_bookings", "instruments", "chief_results"].map { "DROP TABLE \($0)" }
    }
}
