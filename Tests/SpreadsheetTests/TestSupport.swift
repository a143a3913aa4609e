import Foundation

/// Builds small ZIP files byte by byte (stored, no compression), so tests can make well-formed,
/// incomplete and hostile workbooks without a ZIP library.
struct TestZip {
    struct Entry {
        var name: String
        var bytes: [UInt8]
        /// Written as the compression method; the bytes are stored as given, so 8 means raw deflate.
        var method: UInt16 = 0
        var uncompressedSize: UInt32?
        /// Of the uncompressed bytes; defaults to the CRC of `bytes`, right for stored entries.
        var crc: UInt32?
        var localHeaderOffset: UInt32?
        var centralExtra: [UInt8] = []
    }

    var entries: [Entry] = []

    mutating func add(_ name: String, _ text: String) {
        entries.append(Entry(name: name, bytes: Array(text.utf8)))
    }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = out.count
            let name = Array(entry.name.utf8)
            let crc = entry.crc ?? TestZip.crc32(entry.bytes)
            let size = UInt32(entry.bytes.count)
            let uncompressed = entry.uncompressedSize ?? size
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0)
            out += le32(crc) + le32(size) + le32(uncompressed)
            out += le16(UInt16(name.count)) + le16(0) + name + entry.bytes
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0)
            central += le32(crc) + le32(size) + le32(uncompressed)
            central += le16(UInt16(name.count)) + le16(UInt16(entry.centralExtra.count)) + le16(0) + le16(0) + le16(0) + le32(0)
            central += le32(entry.localHeaderOffset ?? UInt32(offset)) + name + entry.centralExtra
        }
        let centralOffset = out.count
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(UInt32(centralOffset)) + le16(0)
        return out
    }

    var data: Data { Data(build()) }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
}

/// A hand-built workbook: the parts Excel writes, with the sheet XML and extras supplied by the test.
enum TestWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func zip(
        sheets: [String],
        sharedStrings: String? = nil,
        styles: String? = nil,
        workbook: String? = nil,
        omit: Set<String> = []
    ) -> TestZip {
        var zip = TestZip()
        func add(_ name: String, _ text: String) {
            if !omit.contains(name) { zip.add(name, text) }
        }
        add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetEntries = sheets.indices.map { #"<sheet name="S\#($0 + 1)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
        add("xl/workbook.xml", workbook ?? """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(rel)"><sheets>\(sheetEntries)</sheets></workbook>
            """)
        var relationships = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        if sharedStrings != nil {
            relationships += #"<Relationship Id="rIdS" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if styles != nil {
            relationships += #"<Relationship Id="rIdT" Type="\#(rel)/styles" Target="styles.xml"/>"#
        }
        add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
            """)
        for (index, sheet) in sheets.enumerated() {
            add("xl/worksheets/sheet\(index + 1).xml", sheet)
        }
        if let sharedStrings { add("xl/sharedStrings.xml", sharedStrings) }
        if let styles { add("xl/styles.xml", styles) }
        return zip
    }

    static func sheet(_ sheetData: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)" xmlns:r="\#(rel)"><sheetData>\#(sheetData)</sheetData></worksheet>"#
    }
}

/// SplitMix64: the same "random" inputs on every run and every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

extension Data {
    init(utf8 text: String) {
        self.init(text.utf8)
    }
}
