import Foundation

/// A one-line progress bar on standard error, drawn only on a terminal (never in CI logs or
/// pipes), at most every 1 % so it costs nothing on large files.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: `last` is touched under `lock` only.
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var last = -1

    init(_ label: String) { self.label = label }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        lock.lock(); defer { lock.unlock() }
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
        if percent == 100 { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if last != 100 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
