/// How much an uploaded workbook may ask of the machine. A 1 MB file can inflate to a gigabyte, and
/// a single stray cell in column XFD pads every row to 16,384 cells, so each bound is checked while
/// the file is inflated and scanned, before memory is spent on it.
///
/// The defaults hold a 100,000-row fiscal-year sheet (1.7 million cells, about 70 MB of sheet XML)
/// with room to spare. A hostile file is refused in under a second (debug build) and under
/// 500 MiB resident: `ImportLimitTests` runs the zip bombs through the command line and checks
/// both. Larger loads go through CSV.
public struct XLSXLimits: Sendable, Equatable {
    /// The file as uploaded.
    public var compressedBytes: Int
    /// One part (a worksheet, the shared strings) once inflated.
    public var partBytes: Int
    /// All parts read, once inflated.
    public var totalBytes: Int
    public var rows: Int
    public var columns: Int
    /// Rows × the widest row: what the table will hold once every row is padded.
    public var cells: Int
    public var sharedStrings: Int

    public init(compressedBytes: Int = 32 << 20, partBytes: Int = 160 << 20, totalBytes: Int = 200 << 20,
                rows: Int = 1_048_576, columns: Int = 1_024, cells: Int = 3_000_000, sharedStrings: Int = 1_000_000) {
        self.compressedBytes = compressedBytes; self.partBytes = partBytes; self.totalBytes = totalBytes
        self.rows = rows; self.columns = columns; self.cells = cells; self.sharedStrings = sharedStrings
    }

    public static let standard = XLSXLimits()
}

extension SpreadsheetError {
    static func tooLarge(_ zh: String, _ en: String) -> SpreadsheetError {
        .tooLarge(bilingual(zh, en))
    }
}
