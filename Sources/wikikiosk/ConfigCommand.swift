import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk config`: check the configuration, or print one value (for Deploy/install.sh).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the kiosk's configuration (wikikiosk.conf and locales/), or print one setting.",
        discussion: """
            Examples:
              wikikiosk config check                       # every problem, with file and line
              wikikiosk config get hotspot.ssid            # one value (used by Deploy/install.sh)
            """,
        subcommands: [Check.self, Get.self],
        defaultSubcommand: Check.self)

    struct Options: ParsableArguments {
        @Option(help: "Configuration folder or file (default: kiosk-config/ in a checkout, else /etc/wikikiosk).")
        var config: String?

        func load() -> ConfigLoader.Loaded {
            ConfigLoader(path: config ?? ConfigLoader.defaultPath(), stateDirectory: nil).load()
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every problem; exit 1 if there is any.")
        @OptionGroup var options: Options

        func run() throws {
            let loaded = options.load()
            for problem in loaded.problems { print(problem.description) }
            for note in loaded.notes { print("note: " + note) }
            if loaded.problems.isEmpty {
                print("OK: \(loaded.source) — kiosk “\(loaded.settings.name)”, languages \(loaded.strings.tables.keys.sorted().joined(separator: ", ")), \(loaded.settings.featured.count) featured article(s)")
            } else {
                print("\(loaded.problems.count) problem(s). The kiosk would use: \(loaded.source)")
                throw ExitCode.failure
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one setting: kiosk.name, kiosk.host, kiosk.port, kiosk.library, hotspot.ssid, hotspot.country, hotspot.channel, hotspot.interface, hotspot.address, hotspot.dhcp-start, hotspot.dhcp-end.")
        @OptionGroup var options: Options
        @Argument var key: String

        func run() throws {
            let settings = options.load().settings
            let values: [String: String] = [
                "kiosk.name": settings.name, "kiosk.place": settings.place,
                "kiosk.host": settings.canonicalHost, "kiosk.host-name": settings.canonicalHostName,
                "kiosk.port": String(settings.port), "kiosk.library": settings.libraryDirectory ?? "",
                "kiosk.portal-timeout": String(Int(settings.portalTimeout)),
                "hotspot.ssid": settings.hotspot.ssid, "hotspot.country": settings.hotspot.country,
                "hotspot.channel": String(settings.hotspot.channel), "hotspot.interface": settings.hotspot.interface,
                "hotspot.address": settings.hotspot.address, "hotspot.dhcp-start": settings.hotspot.dhcpStart,
                "hotspot.dhcp-end": settings.hotspot.dhcpEnd,
            ]
            guard let value = values[key.lowercased()] else {
                throw ValidationError("unknown setting “\(key)”; known: \(values.keys.sorted().joined(separator: ", "))")
            }
            print(value)
        }
    }
}
