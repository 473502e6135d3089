import DangBoCore
import Foundation

/// A job's progress on the command line, in the words of the page's progress bar:
/// `[########------------] Ghi vào sổ đảng viên: 2.300/5.000 dòng (46%)`. On a terminal the line is redrawn in
/// place; into a file or a pipe, one line per tenth and per phase. Written to standard error, so that standard
/// output keeps only the command's report.
final class TerminalProgress: ProgressSink, @unchecked Sendable {
    private let unit: String
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var lastPhase = ""
    private var lastTenth = -1
    private var drawnInPlace = false

    init(unit: String, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.unit = unit
        self.isTerminal = isTerminal
        self.write = write
    }

    func report(_ progress: JobProgress) async { show(progress) }

    /// `detail`: more of the line (the generator's counts of rows so far).
    func show(_ progress: JobProgress, detail: String? = nil) {
        let line = Self.line(progress, unit: unit) + (detail.map { " — " + $0 } ?? "")
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            write("\r\u{1B}[2K" + line)
            drawnInPlace = true
            return
        }
        let tenth = Int((progress.fraction * 10).rounded(.down))
        guard progress.phase != lastPhase || tenth != lastTenth else { return }
        lastPhase = progress.phase
        lastTenth = tenth
        write(line + "\n")
    }

    /// Ends a line drawn in place, before the command prints its report.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawnInPlace { write("\n") }
        drawnInPlace = false
    }

    /// The bar (20 marks) and the text of the page's progress bar.
    static func line(_ progress: JobProgress, unit: String) -> String {
        let marks = Int((progress.fraction * 20).rounded(.down))
        return "[" + String(repeating: "#", count: marks) + String(repeating: "-", count: 20 - marks) + "] " + progress.text(unit: unit)
    }
}
