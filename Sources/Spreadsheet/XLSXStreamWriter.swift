import KechuangZlib

/// A one-sheet workbook written as it goes, so an export of 100,000 rows needs the memory of one
/// batch, not of the file (issue 22, item 2). The caller feeds rows and takes the bytes made so
/// far with `drain()`, writing them to the response between batches:
///
///     var w = try XLSXStreamWriter(sheetName: "审计日志", header: [...], textColumns: [...], sample: firstBatch)
///     w.append(firstBatch); send(w.drain()) … send(try w.finish())
///
/// The package is a ZIP whose fixed parts are deflated whole and whose sheet is deflated as a
/// stream with a data descriptor (APPNOTE 4.3.9), the way Excel's own streaming writers do; the
/// central directory at the end carries the real sizes. Not ZIP64: the sheet is refused past
/// Excel's 1,048,576 rows, far below 4 GiB.
public final class XLSXStreamWriter {
    private var pending: [UInt8] = []
    private var offset: UInt32 = 0
    private var entries: [(name: [UInt8], crc: UInt32, compressed: UInt32, size: UInt32, offset: UInt32, descriptor: Bool)] = []
    private let stream: UnsafeMutablePointer<z_stream>
    private var streamOpen = false
    private var sheetCRC: UInt32 = 0
    private var sheetSize: UInt32 = 0
    private var sheetCompressed: UInt32 = 0
    private var sheetOffset: UInt32 = 0
    private var rowIndex = 0
    private let columns: [[UInt8]]
    private let textColumns: Set<Int>
    private let sheetName: String
    private var finished = false

    /// Rows written so far, the header included.
    public var rowCount: Int { rowIndex }

    public init(sheetName: String, header: [String], textColumns: Set<Int> = [], sample: [[String]] = []) throws(SpreadsheetError) {
        let width = max(header.count, sample.reduce(0) { max($0, $1.count) })
        guard width <= CellReference.maximumColumns else {
            throw .malformed("列数超过 Excel 的上限", "more columns than Excel allows")
        }
        self.columns = (0..<width).map { Array(CellReference.columnName($0).utf8) }
        self.textColumns = textColumns
        self.sheetName = XLSXSheetName.sanitised([sheetName])[0]
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let names = [self.sheetName]
        for (path, bytes) in [("[Content_Types].xml", XLSXPackageParts.contentTypes(sheetCount: 1)),
                              ("_rels/.rels", XLSXPackageParts.rootRelationships),
                              ("xl/workbook.xml", XLSXPackageParts.workbook(sheetNames: names)),
                              ("xl/_rels/workbook.xml.rels", XLSXPackageParts.workbookRelationships(sheetCount: 1)),
                              ("xl/styles.xml", XLSXPackageParts.styles)] {
            try addWhole(path, bytes)
        }
        try openSheet()
        var prologue: [UInt8] = []
        XLSXSheetWriter.appendPrologue(dimension: nil, widthSample: [header] + sample, width: width, textColumns: textColumns, to: &prologue)
        try deflateSheet(prologue)
        try append([header])
    }

    deinit {
        if streamOpen { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Adds rows after those already written.
    public func append(_ rows: [[String]]) throws(SpreadsheetError) {
        guard !finished else { return }
        guard rowIndex + rows.count <= CellReference.maximumRows else {
            throw .malformed("超过 Excel 的 1,048,576 行上限，请缩小筛选范围", "more than Excel's 1,048,576 rows: narrow the filter")
        }
        var xml: [UInt8] = []
        xml.reserveCapacity(rows.count * 200)
        for row in rows {
            try XLSXSheetWriter.appendRow(row, index: rowIndex, columns: columns, textColumns: textColumns, sheetName: sheetName, to: &xml)
            rowIndex += 1
        }
        try deflateSheet(xml)
    }

    /// The bytes made since the last call.
    public func drain() -> [UInt8] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    /// Closes the sheet and the package; returns the last bytes.
    public func finish() throws(SpreadsheetError) -> [UInt8] {
        guard !finished else { return drain() }
        try deflateSheet(Array("</sheetData></worksheet>".utf8), finish: true)
        deflateEnd(stream)
        streamOpen = false
        // The data descriptor: signature, CRC, compressed and uncompressed sizes.
        write32(0x0807_4B50); write32(sheetCRC); write32(sheetCompressed); write32(sheetSize)
        entries.append((Array("xl/worksheets/sheet1.xml".utf8), sheetCRC, sheetCompressed, sheetSize, sheetOffset, true))
        let directoryStart = offset
        for e in entries {
            write32(0x0201_4B50); write16(20); write16(20); write16(e.descriptor ? 0x0808 : 0x0800); write16(8)
            write16(0); write16(0x21)   // 1980-01-01 00:00, as the other writers leave it
            write32(e.crc); write32(e.compressed); write32(e.size)
            write16(UInt16(e.name.count)); write16(0); write16(0); write16(0); write16(0); write32(0); write32(e.offset)
            put(e.name)
        }
        let directorySize = offset - directoryStart
        write32(0x0605_4B50); write16(0); write16(0); write16(UInt16(entries.count)); write16(UInt16(entries.count))
        write32(directorySize); write32(directoryStart); write16(0)
        finished = true
        return drain()
    }

    // MARK: ZIP entries

    private func addWhole(_ path: String, _ bytes: [UInt8]) throws(SpreadsheetError) {
        let compressed = try Self.deflateWhole(bytes)
        let crc = bytes.withUnsafeBytes { ZIPChecksum.checksum($0) }
        let name = Array(path.utf8)
        let start = offset
        localHeader(name, flags: 0x0800, crc: crc, compressed: UInt32(compressed.count), size: UInt32(bytes.count))
        put(compressed)
        entries.append((name, crc, UInt32(compressed.count), UInt32(bytes.count), start, false))
    }

    private func localHeader(_ name: [UInt8], flags: UInt16, crc: UInt32, compressed: UInt32, size: UInt32) {
        write32(0x0403_4B50); write16(20); write16(flags); write16(8); write16(0); write16(0x21)
        write32(crc); write32(compressed); write32(size); write16(UInt16(name.count)); write16(0)
        put(name)
    }

    private func openSheet() throws(SpreadsheetError) {
        sheetOffset = offset
        // Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8.
        localHeader(Array("xl/worksheets/sheet1.xml".utf8), flags: 0x0808, crc: 0, compressed: 0, size: 0)
        guard deflateInit2_(stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("无法生成 XLSX 文件（压缩）", "could not build the XLSX file (deflate)")
        }
        streamOpen = true
    }

    private func deflateSheet(_ input: [UInt8], finish: Bool = false) throws(SpreadsheetError) {
        sheetCRC = input.withUnsafeBytes { ZIPChecksum.checksum($0, continuing: sheetCRC) }
        sheetSize &+= UInt32(truncatingIfNeeded: input.count)
        let before = pending.count
        try Self.run(stream, input, flush: finish ? Z_FINISH : Z_NO_FLUSH, into: &pending)
        let produced = pending.count - before
        sheetCompressed &+= UInt32(truncatingIfNeeded: produced)
        offset &+= UInt32(truncatingIfNeeded: produced)
    }

    private static func deflateWhole(_ bytes: [UInt8]) throws(SpreadsheetError) -> [UInt8] {
        let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        s.initialize(to: z_stream())
        defer { deflateEnd(s); s.deinitialize(count: 1); s.deallocate() }
        guard deflateInit2_(s, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("无法生成 XLSX 文件（压缩）", "could not build the XLSX file (deflate)")
        }
        var out: [UInt8] = []
        try run(s, bytes, flush: Z_FINISH, into: &out)
        return out
    }

    /// Feeds `input` to the deflater and appends what comes out; with Z_FINISH, until the end.
    private static func run(_ s: UnsafeMutablePointer<z_stream>, _ input: [UInt8], flush: Int32, into out: inout [UInt8]) throws(SpreadsheetError) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var failed = false
        input.withUnsafeMutableBufferPointer { inBuf in
            s.pointee.next_in = inBuf.baseAddress
            s.pointee.avail_in = UInt32(inBuf.count)
            chunk.withUnsafeMutableBufferPointer { outBuf in
                while true {
                    s.pointee.next_out = outBuf.baseAddress
                    s.pointee.avail_out = UInt32(outBuf.count)
                    let result = deflate(s, flush)
                    if result == Z_STREAM_ERROR { failed = true; return }
                    let produced = outBuf.count - Int(s.pointee.avail_out)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: outBuf[0..<produced]))
                    if flush == Z_FINISH ? result == Z_STREAM_END : (s.pointee.avail_in == 0 && s.pointee.avail_out != 0) { return }
                }
            }
            s.pointee.next_in = nil
        }
        if failed { throw .malformed("无法生成 XLSX 文件（压缩）", "could not build the XLSX file (deflate)") }
    }

    private func put(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        offset &+= UInt32(truncatingIfNeeded: bytes.count)
    }

    private func write16(_ v: UInt16) { put([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private func write32(_ v: UInt32) { put([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]) }
}
