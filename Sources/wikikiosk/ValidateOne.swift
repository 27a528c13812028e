import ArgumentParser
import Kiosk

/// `wikikiosk validate-one PATH`: the child side of `ChildProcessValidator`. Prints the
/// problem and exits 1, or exits 0. Run in its own process because libzim may abort.
struct ValidateOne: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-one",
        abstract: "Check one ZIM file (used internally by serve and check).",
        shouldDisplay: false)

    @Flag(help: "Also run the checks that read the whole file.")
    var thorough = false

    @Argument var path: String

    func run() throws {
        if let problem = ArchiveCheck.problem(with: path, thorough: thorough) {
            print(problem)
            throw ExitCode.failure
        }
    }
}
