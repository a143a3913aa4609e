/// Bulk work (imports, IN-lists, multi-row inserts) goes in bounded chunks.
extension Array {
    public func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(size, 1)).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
