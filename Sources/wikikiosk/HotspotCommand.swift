import ArgumentParser
import Foundation
import Kiosk

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
              sudo wikikiosk hotspot enable     # again after changing [hotspot] in wikikiosk.conf
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

    /// Where the script is: the package's copy, else the one in the checkout this binary was built in.
    static func script(executable: String = ChildProcessValidator.currentExecutable) -> String? {
        let manager = FileManager.default
        if manager.isExecutableFile(atPath: "/usr/share/wikikiosk/hotspot.sh") { return "/usr/share/wikikiosk/hotspot.sh" }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("Deploy/hotspot.sh").path
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               manager.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs the script with `action`, passing this binary (it reads the configuration); exits with its status.
    static func runScript(_ action: String) throws {
        guard let script = script() else {
            throw ValidationError("the hotspot script is missing (/usr/share/wikikiosk/hotspot.sh): reinstall the wikikiosk package")
        }
        let binary = ChildProcessValidator.currentExecutable
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script, action, "--binary", binary]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
