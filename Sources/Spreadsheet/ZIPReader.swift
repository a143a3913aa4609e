import Foundation
import ZIPFoundation

/// Reads entries from a ZIP held in memory, with every offset and size checked against the buffer.
///
/// ZIPFoundation's `Archive` reader is not used for untrusted uploads: in 0.9.20 a crafted ZIP64 offset
/// traps in an `off_t` conversion, and a truncated deflate stream makes its Linux inflate loop spin
/// forever on empty reads. Only its inflate (`Data.decompress`) is used, fed by a provider that throws
/// when the entry's bytes run out.
struct ZIPReader {
    struct Entry {
        var path: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    /// The most any one entry may inflate to when the caller names no smaller limit.
    static let maximumPartSize = XLSXLimits.standard.partBytes

    private let bytes: [UInt8]
    /// Keyed by lower-cased path: OPC part names are case-insensitive.
    private var entries: [String: Entry] = [:]

    var paths: [String] { entries.values.map(\.path) }

    init(bytes: [UInt8]) throws(SpreadsheetError) {
        self.bytes = bytes
        guard let eocd = findEndOfCentralDirectory() else {
            throw .malformed(
                "ZIP 文件不完整（找不到中央目录，可能上传中断）",
                "the ZIP container is incomplete (no end of central directory; the upload may be truncated)"
            )
        }
        var (count, size, offset) = (
            Int(u16(eocd + 10)), Int(u32(eocd + 12)), Int(u32(eocd + 16))
        )
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF,
           let zip64 = zip64Directory(endOfCentralDirectory: eocd) {
            (count, size, offset) = zip64
        }
        guard offset <= bytes.count, size <= bytes.count - offset else {
            throw Self.corrupt("中央目录超出文件范围", "the central directory lies outside the file")
        }
        var p = offset
        let end = offset + size
        var seen = 0
        while seen < count, p + 46 <= end, u32(p) == 0x0201_4B50 {
            let nameLength = Int(u16(p + 28)), extraLength = Int(u16(p + 30)), commentLength = Int(u16(p + 32))
            let nameStart = p + 46
            guard nameStart + nameLength + extraLength + commentLength <= end else { break }
            var entry = Entry(
                path: String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self),
                flags: u16(p + 8),
                method: u16(p + 10),
                crc32: u32(p + 16),
                compressedSize: Int(u32(p + 20)),
                uncompressedSize: Int(u32(p + 24)),
                localHeaderOffset: Int(u32(p + 42))
            )
            readZIP64Extra(into: &entry, extra: nameStart + nameLength, length: extraLength)
            let key = Self.normalise(entry.path)
            if entries[key] == nil { entries[key] = entry }
            p = nameStart + nameLength + extraLength + commentLength
            seen += 1
        }
        guard !entries.isEmpty || count == 0 else {
            throw Self.corrupt("中央目录无法读取", "the central directory cannot be read")
        }
    }

    func contains(_ path: String) -> Bool {
        entries[Self.normalise(path)] != nil
    }

    /// The inflated bytes of `path`, or nil when the archive has no such entry. An entry that says,
    /// or turns out while inflating, to be larger than `limit` bytes stops with `.tooLarge` at that
    /// point, so a zip bomb costs at most `limit` bytes of memory.
    func contents(of path: String, limit: Int = maximumPartSize) throws(SpreadsheetError) -> [UInt8]? {
        guard let entry = entries[Self.normalise(path)] else { return nil }
        guard entry.uncompressedSize <= limit else { throw Self.tooLarge(entry.path, limit: limit) }
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, u32(h) == 0x0403_4B50 else {
            throw Self.corrupt("\(entry.path) 的文件头已损坏", "the local header of \(entry.path) is damaged")
        }
        let dataStart = h + 30 + Int(u16(h + 26)) + Int(u16(h + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw Self.corrupt("\(entry.path) 的数据不完整（文件被截断）", "the data of \(entry.path) is truncated")
        }
        if entry.flags & 1 != 0 {
            throw .malformed("\(entry.path) 已加密", "\(entry.path) is encrypted")
        }
        let dataEnd = dataStart + entry.compressedSize
        let output: [UInt8]
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard entry.compressedSize <= limit else { throw Self.tooLarge(entry.path, limit: limit) }
            output = Array(bytes[dataStart..<dataEnd])
            checksum = ZIPChecksum.checksum(output)
        case 8:
            (output, checksum) = try inflate(entry, from: dataStart, to: dataEnd, limit: limit)
        default:
            throw .malformed(
                "\(entry.path) 使用了不支持的压缩方式 \(entry.method)",
                "\(entry.path) uses unsupported compression method \(entry.method)"
            )
        }
        guard checksum == entry.crc32 else {
            throw Self.corrupt("\(entry.path) 校验失败", "\(entry.path) fails its CRC check")
        }
        return output
    }

    private func inflate(
        _ entry: Entry, from start: Int, to end: Int, limit: Int
    ) throws(SpreadsheetError) -> (bytes: [UInt8], crc32: UInt32) {
        let chunkSize = 256 * 1024
        var output: [UInt8] = []
        // The declared size may lie (it was checked against the limit); grow as the data comes.
        output.reserveCapacity(min(entry.uncompressedSize, 64 << 20))
        let input = bytes
        do {
            _ = try Data.decompress(
                size: Int64(end - start), bufferSize: chunkSize, skipCRC32: true,
                provider: { position, size in
                    let from = start + Int(position)
                    guard position >= 0, from < end else { throw InflateStop.truncated }
                    let to = min(end, from + size)
                    var chunk = Data(input[from..<to])
                    // ZIPFoundation's Linux inflate sets avail_in to the requested size, not to the chunk's.
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { data in
                    guard output.count + data.count <= limit else { throw InflateStop.tooLarge }
                    output.append(contentsOf: data)
                }
            )
        } catch InflateStop.tooLarge {
            throw Self.tooLarge(entry.path, limit: limit)
        } catch {
            throw Self.corrupt("\(entry.path) 无法解压", "\(entry.path) cannot be decompressed")
        }
        return (output, ZIPChecksum.checksum(output))
    }

    private enum InflateStop: Error {
        case truncated
        case tooLarge
    }

    private static func tooLarge(_ path: String, limit: Int) -> SpreadsheetError {
        let mib = max(1, limit >> 20)
        return .tooLarge("\(path) 解压后超过 \(mib) MiB（可能是压缩炸弹，或应改用 CSV 导入）",
                         "\(path) inflates to more than \(mib) MiB (a zip bomb, or a load better sent as CSV)")
    }

    private static func corrupt(_ zh: String, _ en: String) -> SpreadsheetError {
        .malformed("ZIP 文件已损坏：\(zh)", "corrupt ZIP container: \(en)")
    }

    private static func normalise(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("/") { p.removeFirst() }
        return p.lowercased()
    }

    private func findEndOfCentralDirectory() -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var p = bytes.count - 22
        while p >= lowest {
            if u32(p) == 0x0605_4B50 { return p }
            p -= 1
        }
        return nil
    }

    private func zip64Directory(endOfCentralDirectory eocd: Int) -> (Int, Int, Int)? {
        let locator = eocd - 20
        guard locator >= 0, u32(locator) == 0x0706_4B50 else { return nil }
        let record64 = u64(locator + 8)
        guard bytes.count >= 56, record64 <= UInt64(bytes.count - 56) else { return nil }
        let record = Int(record64)
        guard u32(record) == 0x0606_4B50 else { return nil }
        let count = u64(record + 32), size = u64(record + 40), offset = u64(record + 48)
        let limit = UInt64(bytes.count)
        guard count <= limit, size <= limit, offset <= limit else { return nil }
        return (Int(count), Int(size), Int(offset))
    }

    /// Sizes and offset saturated at 0xFFFFFFFF live in the ZIP64 extra field, in this order.
    private func readZIP64Extra(into entry: inout Entry, extra: Int, length: Int) {
        var p = extra
        let end = extra + length
        while p + 4 <= end {
            let id = u16(p), size = Int(u16(p + 2))
            let body = p + 4
            guard body + size <= end else { return }
            if id == 0x0001 {
                var q = body
                func next() -> Int? {
                    guard q + 8 <= body + size else { return nil }
                    defer { q += 8 }
                    let v = u64(q)
                    return v <= UInt64(Int.max / 4) ? Int(v) : Int.max / 4
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let v = next() { entry.uncompressedSize = v }
                if entry.compressedSize == 0xFFFF_FFFF, let v = next() { entry.compressedSize = v }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let v = next() { entry.localHeaderOffset = v }
                return
            }
            p = body + size
        }
    }

    private func u16(_ p: Int) -> UInt16 {
        guard p >= 0, p + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
    }

    private func u32(_ p: Int) -> UInt32 {
        guard p >= 0, p + 4 <= bytes.count else { return 0 }
        return UInt32(u16(p)) | UInt32(u16(p + 2)) << 16
    }

    private func u64(_ p: Int) -> UInt64 {
        guard p >= 0, p + 8 <= bytes.count else { return 0 }
        return UInt64(u32(p)) | UInt64(u32(p + 4)) << 32
    }
}
