import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk validate-batch PATH…`: the child side of `ChildProcessValidator.problems(with:)`.
/// Prints one line per file as soon as it is checked — `OK<TAB>index` or
/// `BAD<TAB>index<TAB>reason` — so the parent knows which file a crash happened on.
struct ValidateBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-batch",
        abstract: "Check several ZIM files (used internally by serve).",
        shouldDisplay: false)

    @Flag(help: "Also run the checks that read the whole file.")
    var thorough = false

    @Flag(help: "Only the checks that read a few bytes per entry (the server runs the rest in the background).")
    var quick = false

    @Argument var paths: [String]

    func run() throws {
        for (index, path) in paths.enumerated() {
            let line: String
            let depth: ArchiveCheck.Depth = thorough ? .thorough : (quick ? .quick : .structural)
            if let problem = ArchiveCheck.problem(with: path, depth: depth) {
                let oneLine = problem.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
                line = "BAD\t\(index)\t\(oneLine)\n"
            } else {
                line = "OK\t\(index)\n"
            }
            // Unbuffered: the line must be out before the next file is opened (it may crash us).
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
