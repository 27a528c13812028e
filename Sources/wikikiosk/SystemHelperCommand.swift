import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk system-helper`: the root helper, started by `wikikiosk-helper.socket` for each
/// connection from the service (stdin and stdout are the connection). Reads one request line,
/// runs it if it is one of `HelperCommand`'s, answers one line, and logs what it did.
struct SystemHelperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "system-helper",
        abstract: "Run one of the staff area's system commands as root (used internally, socket-activated).",
        shouldDisplay: false)

    @Option(help: "Act on this folder as the system's root, running nothing (tests).")
    var root = "/"

    func run() throws {
        let line = readLine(strippingNewline: true) ?? ""
        let answer = SystemHelper(root: root).answer(line)
        FileHandle.standardError.write(Data("wikikiosk system-helper: \(line.prefix(64)) → \(answer)\n".utf8))
        FileHandle.standardOutput.write(Data((answer + "\n").utf8))
    }
}
