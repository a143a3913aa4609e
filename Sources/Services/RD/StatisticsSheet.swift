import Spreadsheet

/// The statistics report as a sheet, for XLSX: Chinese headers, then English, one figure a row.
public enum StatisticsSheet {
    public static func table(_ r: StatisticsReport) -> SheetTable {
        var rows = [["编号", "指标", "数值", "期间", "口径"], ["#", "Figure", "Value", "Period", "Definition"]]
        for f in r.figures { rows.append([f.id, f.label, f.value, f.period, f.definition]) }
        return SheetTable(rows: rows)
    }
}
