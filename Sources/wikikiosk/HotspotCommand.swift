import ArgumentParser
import Foundation

/// `wikikiosk hotspot enable|disable`: turns the kiosk's own Wi-Fi network on or off. The
/// package leaves it off (installing must not take over a machine's Wi-Fi); this writes the
/// hostapd, dnsmasq and firewall files from /etc/wikikiosk/wikikiosk.conf and starts the services,
/// by running the hotspot script the package installs (Deploy/hotspot.sh in a checkout).
struct HotspotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspot",
        abstract: "Turn the kiosk's Wi-Fi hotspot on or off (needs root; the package leaves it off).",
        discussion: """
            Examples:
              sudo wikikiosk hotspot enable     # after editing [hotspot] in /etc/wikikiosk/wikikiosk.conf, again
              sudo wikikiosk hotspot disable
            """,
        subcommands: [Enable.self, Disable.self])

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the hotspot's files from the configuration, then enable and start it.")
        func run() throws { try HotspotCommand.runScript("enable") }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop and disable the hotspot, and remove its files.")
        func run() throws { try HotspotCommand.runScript("disable") }
    }

    /// Where the script is: the package's copy, else the checkout's that this binary was built in.
    static func script(executable: String = CommandLine.arguments.first ?? "") -> String? {
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let checkout = binary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ["/usr/share/wikikiosk/hotspot.sh", checkout.appendingPathComponent("Deploy/hotspot.sh").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the script with `action`, passing this binary (it reads the configuration); exits with its status.
    static func runScript(_ action: String) throws {
        guard let script = script() else {
            throw ValidationError("the hotspot script is missing (/usr/share/wikikiosk/hotspot.sh): reinstall the wikikiosk package")
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "wikikiosk").resolvingSymlinksInPath().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script, action, "--binary", binary]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
