import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk doctor`: checks a running kiosk (service, hotspot, DNS capture, port 80, free disk,
/// clock) and says what is wrong in plain words, with what to do about it; its first line is the
/// build that runs (version and commit).
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a running kiosk and say in plain words what is wrong.",
        discussion: "Exit code 0 when everything is fine, 1 when something needs attention.")

    @Option(help: "Configuration folder or file (default: kiosk-config/ in a checkout, else /etc/wikikiosk).")
    var config: String?

    @Option(help: "Folder the kiosk writes to (for the free-space check).")
    var stateDir = "/var/lib/wikikiosk"

    @Flag(help: "Skip the systemd checks (service and hotspot units), e.g. on a test machine.")
    var noSystemd = false

    /// One finding.
    struct Finding {
        let ok: Bool
        let what: String
        let advice: String
    }

    func run() throws {
        let loaded = ConfigLoader(path: config ?? ConfigLoader.defaultPath(), stateDirectory: nil).load()
        let settings = loaded.settings
        print(BuildStamp.current.summary)
        var findings: [Finding] = []
        findings.append(Finding(ok: loaded.problems.isEmpty,
                                what: loaded.problems.isEmpty ? "configuration: \(loaded.source) is fine"
                                    : "configuration: \(loaded.problems.count) problem(s): "
                                        + loaded.problems.map(\.description).joined(separator: "; "),
                                advice: "fix the lines named above (wikikiosk config check lists them), then restart the kiosk"))
        if !noSystemd {
            findings.append(unit("wikikiosk", "the kiosk server", advice: "see why with: sudo journalctl -u wikikiosk -n 50"))
            findings.append(unit("hostapd@wikikiosk", "the Wi-Fi hotspot",
                                 advice: "is there a Wi-Fi interface called \(settings.hotspot.interface)? see: sudo journalctl -u hostapd@wikikiosk -n 30"))
            findings.append(unit("dnsmasq", "the DHCP and DNS service", advice: "see: sudo journalctl -u dnsmasq -n 30"))
        }
        findings.append(interfaceCheck(settings))
        findings.append(dnsCheck(settings))
        findings.append(httpCheck(settings))
        findings.append(diskCheck(settings))
        let statistics = UsageHealth.check(databaseAt: stateDir + "/" + UsageSettings.databaseName)
        findings.append(Finding(ok: statistics.ok, what: statistics.summary, advice: statistics.advice))
        findings.append(clockCheck())

        for finding in findings {
            print(finding.ok ? "OK       \(finding.what)" : "PROBLEM  \(finding.what)\n         → \(finding.advice)")
        }
        let problems = findings.filter { !$0.ok }.count
        print(problems == 0 ? "\nEverything looks fine." : "\n\(problems) thing(s) need attention.")
        if problems > 0 { throw ExitCode.failure }
    }

    private func unit(_ name: String, _ description: String, advice: String) -> Finding {
        let state = Self.output("/usr/bin/systemctl", ["is-active", name])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
        return Finding(ok: state == "active", what: "\(description) (\(name)) is \(state == "active" ? "running" : state)",
                       advice: "start it with: sudo systemctl restart \(name); " + advice)
    }

    private func interfaceCheck(_ settings: KioskSettings) -> Finding {
        let interface = settings.hotspot.interface
        guard FileManager.default.fileExists(atPath: "/sys/class/net/\(interface)") else {
            return Finding(ok: false, what: "the Wi-Fi interface \(interface) does not exist",
                           advice: "check the Wi-Fi hardware, or set [hotspot] interface in the configuration")
        }
        let addresses = Self.output("/usr/sbin/ip", ["-4", "-o", "address", "show", "dev", interface]) ?? ""
        let has = addresses.contains(" \(settings.hotspot.address)/")
        return Finding(ok: has, what: has ? "\(interface) has the kiosk's address \(settings.hotspot.address)"
                                      : "\(interface) does not have the kiosk's address \(settings.hotspot.address)",
                       advice: "restart the hotspot setup: sudo systemctl restart wikikiosk-hotspot")
    }

    private func dnsCheck(_ settings: KioskSettings) -> Finding {
        let kiosk = settings.hotspot.address
        let probe = DNSQuery.addresses(of: "connectivitycheck.gstatic.com", server: kiosk)
        let windows = DNSQuery.addresses(of: "dns.msftncsi.com", server: kiosk)
        let ok = probe == [kiosk] && windows == ["131.107.255.255"]
        let seen = probe.map { $0.isEmpty ? "no address" : $0.joined(separator: ", ") } ?? "no answer"
        return Finding(ok: ok, what: ok ? "DNS capture works: every name leads to the kiosk (\(kiosk))"
                                    : "DNS capture does not work: connectivitycheck.gstatic.com gives \(seen) instead of \(kiosk)",
                       advice: "phones won't open the kiosk page by themselves; restart dnsmasq: sudo systemctl restart dnsmasq")
    }

    private func httpCheck(_ settings: KioskSettings) -> Finding {
        let url = "http://\(settings.hotspot.address)/generate_204"
        let status = Self.output("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                                                   "-H", "Host: connectivitycheck.gstatic.com", url]) ?? ""
        let ok = status == "302" || status == "204"
        return Finding(ok: ok, what: ok ? "port 80 answers the phones' probes" : "port 80 does not answer (got “\(status)”)",
                       advice: "check the kiosk server and the firewall: sudo systemctl restart wikikiosk-hotspot wikikiosk")
    }

    private func diskCheck(_ settings: KioskSettings) -> Finding {
        let folder = FileManager.default.fileExists(atPath: stateDir) ? stateDir : "/"
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value else {
            return Finding(ok: false, what: "free disk space can't be read for \(folder)", advice: "check the SD card")
        }
        let megabytes = free / 1_048_576
        return Finding(ok: megabytes >= 200, what: "free disk space: \(megabytes) MB on the kiosk's disk",
                       advice: "statistics stop being written below 200 MB: remove a ZIM file you no longer need")
    }

    private func clockCheck() -> Finding {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let ok = year >= 2025
        return Finding(ok: ok, what: ok ? "the clock says \(Date())" : "the clock is wrong (year \(year)): a Pi has no battery clock",
                       advice: "set it, e.g.: sudo date -s '2026-05-01 14:30' (statistics are dated with it)")
    }

    /// Standard output of a command, or nil when it can't run.
    static func output(_ executable: String, _ arguments: [String]) -> String? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
