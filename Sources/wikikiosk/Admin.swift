import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk admin`: the staff area's password.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the staff area (/admin): set its password.",
        subcommands: [SetPassword.self, WriteTest.self],
        defaultSubcommand: SetPassword.self)

    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Choose the staff area's password (stored as an Argon2id hash, never as is).",
            discussion: """
                Asks for the password twice on a terminal; otherwise reads one line from standard input:
                  sudo wikikiosk admin set-password --config /etc/wikikiosk
                  printf '%s\\n' "$PASSWORD" | wikikiosk admin set-password --config kiosk-config
                The hash is written to admin-password in the configuration folder. A running kiosk uses
                the new password at once, no restart needed.
                """)

        @Option(help: "Configuration folder or wikikiosk.conf (default: kiosk-config/ in a checkout, else /etc/wikikiosk).")
        var config: String?

        func run() throws {
            let store = AdminPassword(configPath: config ?? ConfigLoader.defaultPath())
            let password: String
            if isatty(STDIN_FILENO) == 1 {
                guard let first = Self.prompt("New staff password: "), let second = Self.prompt("Same password again: ") else {
                    throw ValidationError("no password given")
                }
                guard first == second else { throw ValidationError("the two passwords differ; nothing was changed") }
                password = first
            } else {
                guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
                password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            if let problem = AdminPassword.problem(with: password) { throw ValidationError(problem) }
            do {
                try store.set(password)
            } catch {
                FileHandle.standardError.write(Data("wikikiosk admin set-password: \(error)\n".utf8))
                throw ExitCode.failure
            }
            print("Staff password saved (Argon2id hash) in \(store.file). Open /admin on the kiosk to sign in.")
        }

        /// Reads a line from the terminal without echoing it.
        static func prompt(_ text: String) -> String? {
            FileHandle.standardError.write(Data(text.utf8))
            var original = termios()
            let hasTerminal = tcgetattr(STDIN_FILENO, &original) == 0
            if hasTerminal {
                var silent = original
                silent.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            }
            defer {
                if hasTerminal { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true)
        }
    }

    /// Hidden: rewrites a file forever, alternating versions, for the test that kills a writer
    /// at random moments (`AtomicFileTests`).
    struct WriteTest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-test", shouldDisplay: false)
        @Option var file: String
        @Option var versions = 2

        func run() throws {
            var version = 0
            while true {
                version = (version + 1) % max(1, versions)
                let text = "[kiosk]\nname = Version \(version)\n"
                    + String(repeating: "# padding line \(version)\n", count: 20_000)
                try AtomicFile.write(Array(text.utf8), to: file)
            }
        }
    }
}
