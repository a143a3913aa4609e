import Foundation
import Testing
@testable import Spreadsheet

/// The streamed workbook reads back exactly as written, however its rows were batched, and its
/// writer holds a batch, not the file (issue 22, item 2).
@Suite struct XLSXStreamWriterTests {
    static func rows(_ n: Int) -> [[String]] {
        (0..<n).map { i in ["915001516253\(String(format: "%06d", i))", "企业 \(i) & <公司>", "\(i * 100)", i % 7 == 0 ? "" : "备注 \(i)"] }
    }

    @Test(arguments: [0, 1, 999, 5_000])
    func readsBackAsWritten(_ count: Int) throws {
        let header = ["统一社会信用代码", "名称", "金额（元）", "备注"]
        let all = Self.rows(count)
        let w = try XLSXStreamWriter(sheetName: "导出", header: header, textColumns: [0], sample: Array(all.prefix(100)))
        var file = w.drain()
        for start in stride(from: 0, to: all.count, by: 700) {
            try w.append(Array(all[start..<min(all.count, start + 700)]))
            file += w.drain()
        }
        file += try w.finish()
        let table = try XLSX.read(Data(file))
        let expected = [header] + all
        // The reader drops trailing empty cells; compare what the cells hold.
        let trimmed = { (row: [String]) in Array(row.reversed().drop(while: \.isEmpty).reversed()) }
        #expect(table.rows.map(trimmed) == expected.map(trimmed))
        #expect(w.rowCount == count + 1)
    }

    @Test func aBatchIsDrainedNotKept() throws {
        let w = try XLSXStreamWriter(sheetName: "s", header: ["a", "b"])
        _ = w.drain()
        var largest = 0, total = 0
        for _ in 0..<50 {
            try w.append(Self.rows(2_000))
            let chunk = w.drain()
            largest = max(largest, chunk.count); total += chunk.count
        }
        total += try w.finish().count
        #expect(largest < total / 10, "each drain hands over its batch's bytes only (\(largest) of \(total))")
    }
}
