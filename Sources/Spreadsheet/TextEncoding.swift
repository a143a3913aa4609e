import Foundation

/// Turns CSV bytes into UTF-8 bytes: UTF-8 as is, GB18030 (what Chinese Excel writes for plain "CSV") converted.
enum TextEncoding {
    /// NSStringEncoding for kCFStringEncodingGB_18030_2000 (0x0632 | 0x8000_0000). The CF constants are not
    /// visible through Foundation on Linux, but swift-corelibs-foundation decodes this raw value (checked with
    /// Swift 6.3.1 on Linux: the GBK bytes of 企业名称 decode correctly, and invalid GB18030 bytes return nil),
    /// as does Apple's Foundation.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    struct UTF8Report {
        /// Offset of the first byte that is not part of a well-formed UTF-8 sequence, if any.
        var firstInvalidOffset: Int?
        var validMultiByteSequences = 0
        var invalidSequences = 0
    }

    /// One pass over the bytes; `String(decoding:)` per cell afterwards never meets an invalid sequence.
    static func checkUTF8(_ bytes: [UInt8], from start: Int) -> UTF8Report {
        var report = UTF8Report()
        var i = start
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length = wellFormedSequenceLength(bytes, at: i)
            if length > 0 {
                report.validMultiByteSequences += 1
                i += length
            } else {
                if report.firstInvalidOffset == nil { report.firstInvalidOffset = i }
                report.invalidSequences += 1
                i += 1
            }
        }
        return report
    }

    /// Length of the well-formed multi-byte UTF-8 sequence at `i` (Unicode Table 3-7), or 0.
    private static func wellFormedSequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0, 0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90, 0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// 1-based physical line of `offset` (LF, CRLF or a lone CR end a line), as a text editor shows it.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
            } else if b == 0x0D, !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                line += 1
            }
            i += 1
        }
        return line
    }

    /// Returns UTF-8 bytes and the offset where the text starts (after a BOM).
    static func utf8Text(from bytes: [UInt8]) throws(SpreadsheetError) -> (bytes: [UInt8], start: Int) {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            // Excel's "Unicode text" (UTF-16); asking for CSV UTF-8 is clearer than decoding a tab-separated file.
            throw .invalidEncoding(line: 1)
        }
        let start = hasUTF8BOM(bytes) ? 3 : 0
        let report = checkUTF8(bytes, from: start)
        guard let invalidOffset = report.firstInvalidOffset else { return (bytes, start) }
        let line = lineNumber(of: invalidOffset, in: bytes)
        // A UTF-8 file with a few damaged bytes would decode "successfully" as GB18030 into mojibake;
        // real GBK text breaks UTF-8 almost everywhere, so a mostly-valid file is reported instead.
        if report.validMultiByteSequences >= 4 * report.invalidSequences {
            throw .invalidEncoding(line: line)
        }
        guard let decoded = String(data: Data(bytes[start...]), encoding: gb18030) else {
            throw .invalidEncoding(line: line)
        }
        var utf8 = Array(decoded.utf8)
        if hasUTF8BOM(utf8) { utf8.removeFirst(3) }
        return (utf8, 0)
    }

    static func hasUTF8BOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
