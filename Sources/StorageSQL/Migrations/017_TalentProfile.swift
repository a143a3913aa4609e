/// 017: a talent's field and level (issue: programmes and matching, item 7), both optional for
/// the records kept before: the register counts talents by field and by the level of the
/// programme that introduced or recognised them.
enum Migration017TalentProfile {
    static let migration = Migration(id: 17, name: "talent profile", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            "ALTER TABLE talents ADD COLUMN field TEXT",
            "ALTER TABLE talents ADD COLUMN level TEXT CHECK (level IS NULL OR level IN ('national','provincial','municipal','district'))",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["ALTER TABLE talents DROP COLUMN level", "ALTER TABLE talents DROP COLUMN field"]
    }
}
