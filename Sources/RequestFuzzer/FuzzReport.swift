import Foundation

/// Prints a failed input and what was wrong with its answer, on standard error.
enum FuzzReport {
    static func write(_ problems: [String], input: [UInt8], source: String?) {
        var text = "RequestFuzzer: invariant broken" + (source.map { " by \($0)" } ?? "") + "\n"
        let shown = String(decoding: input.prefix(2000), as: UTF8.self)
        text += "  request: \(shown.debugDescription)\(input.count > 2000 ? " (\(input.count) bytes)" : "")\n"
        for problem in problems { text += "  - \(problem)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
