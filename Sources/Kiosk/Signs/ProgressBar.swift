import Foundation

/// A one-line progress bar on a terminal (`[#####.....]  42/100  JAUDE`), redrawn in place;
/// silent when standard error is not a terminal (logs, CI).
public struct ProgressBar: Sendable {
    public let enabled: Bool
    public let width: Int

    public init(enabled: Bool = isatty(STDERR_FILENO) != 0, width: Int = 30) {
        self.enabled = enabled
        self.width = width
    }

    /// The bar's text for `done` of `total`.
    public func line(done: Int, total: Int, label: String) -> String {
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let count = String(repeating: " ", count: max(0, String(total).count - String(done).count)) + "\(done)/\(total)"
        return "[\(bar)] \(count)  \(label.prefix(20))"
    }

    /// Redraws the bar; ends the line when `done == total`.
    public func update(done: Int, total: Int, label: String) {
        guard enabled else { return }
        var text = "\r" + line(done: done, total: total, label: label) + "\u{1B}[K"
        if done >= total { text += "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
