/// 019: where a designation came from (issue 23): the published list's notice ("重庆市2023年第二批
/// 高新技术企业认定名单") beside its batch and number, and the numbers indexed, so an import finds a
/// certificate number already held by another firm without reading every designation.
enum Migration019DesignationSource {
    static let migration = Migration(id: 19, name: "designation source", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            "ALTER TABLE designations ADD COLUMN source TEXT CHECK (source IS NULL OR length(source) <= 500)",
            "CREATE INDEX designations_number ON designations(number)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP INDEX designations_number", "ALTER TABLE designations DROP COLUMN source"]
    }
}
