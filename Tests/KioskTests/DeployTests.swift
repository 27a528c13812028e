import Foundation
import Kiosk
import Testing

/// Runs a command; returns its exit status and combined output.

/// The checkout's `Deploy/` folder.
enum DeployFolder {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL.path
    static let path = checkout + "/Deploy"

    /// Renders the hotspot templates with `values` (defaults: the shipped configuration's) into a new folder.
    static func render(_ values: [String: String] = [:]) throws -> String {
        let folder = Fixtures.makeTemporaryDirectory()
        var environment = [
            "WIKIKIOSK_INTERFACE": "wlan0", "WIKIKIOSK_ADDRESS": "10.42.0.1", "WIKIKIOSK_DHCP_START": "10.42.0.10",
            "WIKIKIOSK_DHCP_END": "10.42.0.250", "WIKIKIOSK_SSID": "Wikipédia sans Internet", "WIKIKIOSK_COUNTRY": "FR",
            "WIKIKIOSK_CHANNEL": "6", "WIKIKIOSK_HOST": "wikikiosk.lan", "WIKIKIOSK_PORT": "8080",
        ]
        environment.merge(values) { _, new in new }
        let run = try Shell.run("/bin/sh", [path + "/render.sh", folder], environment: environment)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["output": run.output]) }
        return folder
    }
}

@Suite("Deploy/: scripts, systemd units, dnsmasq, hostapd and nftables files")
struct DeployTests {
    @Test(.enabled(if: Shell.exists("/usr/bin/shellcheck")))
    func shellScriptsPassShellcheck() throws {
        let scripts = ["Deploy/install.sh", "Deploy/uninstall.sh", "Deploy/render.sh", "Deploy/hotspot.sh"].map { DeployFolder.checkout + "/" + $0 }
        let run = try Shell.run("/usr/bin/shellcheck", ["--shell=sh"] + scripts)
        #expect(run.status == 0, "\(run.output)")
    }

    @Test(.enabled(if: Shell.exists("/usr/bin/systemd-analyze") && Fixtures.wikikioskExecutable != nil))
    func systemdUnitsPassVerify() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        for unit in ["wikikiosk-helper@.service", "wikikiosk.service", "wikikiosk-hotspot.service", "wikikiosk-helper.socket"] {
            // The binary is not installed here: point the unit at the one just built.
            let text = try String(contentsOfFile: DeployFolder.path + "/" + unit, encoding: .utf8)
                .replacingOccurrences(of: "/usr/bin/wikikiosk", with: Fixtures.wikikioskExecutable!)
            try text.write(toFile: folder + "/" + unit, atomically: true, encoding: .utf8)
            let run = try Shell.run("/usr/bin/systemd-analyze", ["verify", "--man=no", folder + "/" + unit])
            #expect(run.status == 0, "\(unit): \(run.output)")
            #expect(!run.output.contains(unit), "\(unit): \(run.output)")
        }
    }

    @Test func serviceIsHardened() throws {
        let unit = try String(contentsOfFile: DeployFolder.path + "/wikikiosk.service", encoding: .utf8)
        for line in ["NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=wikikiosk", "Restart=on-failure",
                     "User=wikikiosk", "CapabilityBoundingSet=\n", "ProtectHome=yes", "PrivateTmp=yes"] {
            #expect(unit.contains(line), "\(line)")
        }
        // Writable beyond the state folder: only the configuration folder (the staff area saves
        // there) and the books folder (it adds and removes books), which may be missing.
        let writable = unit.split(separator: "\n").filter { $0.hasPrefix("ReadWritePaths=") }
        #expect(writable == ["ReadWritePaths=/etc/wikikiosk -/srv/wikikiosk"])
    }

    @Test(.enabled(if: Shell.exists("/usr/sbin/dnsmasq")))
    func dnsmasqConfigPassesTest() throws {
        let folder = try DeployFolder.render()
        defer { Fixtures.cleanUp(folder) }
        let run = try Shell.run("/usr/sbin/dnsmasq", ["--test", "--conf-file=\(folder)/dnsmasq.conf"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("syntax check OK"))
        let text = try String(contentsOfFile: folder + "/dnsmasq.conf", encoding: .utf8)
        #expect(text.contains("address=/dns.msftncsi.com/131.107.255.255\n"))
        #expect(text.contains("address=/#/10.42.0.1\n"))
        #expect(text.contains("dhcp-range=10.42.0.10,10.42.0.250,"))
        #expect(!text.contains("@"))
    }

    @Test(.enabled(if: Shell.exists("/usr/sbin/nft") && Shell.isRoot))
    func nftablesRulesPassCheck() throws {
        let folder = try DeployFolder.render()
        defer { Fixtures.cleanUp(folder) }
        let run = try Shell.run("/usr/sbin/nft", ["-c", "-f", folder + "/nftables.nft"])
        #expect(run.status == 0, "\(run.output)")
        let text = try String(contentsOfFile: folder + "/nftables.nft", encoding: .utf8)
        #expect(text.contains("iifname \"wlan0\" tcp dport 80 redirect to :8080"))
        #expect(text.contains("tcp dport 443 reject with tcp reset"))
    }

    @Test func hostapdConfigIsAnOpenNetworkWithAnySSIDSafe() throws {
        let folder = try DeployFolder.render(["WIKIKIOSK_SSID": "Café | \"Wi-Fi\" & co\\", "WIKIKIOSK_CHANNEL": "11"])
        defer { Fixtures.cleanUp(folder) }
        let text = try String(contentsOfFile: folder + "/hostapd.conf", encoding: .utf8)
        let hex = Array("Café | \"Wi-Fi\" & co\\".utf8).map { String(format: "%02x", $0) }.joined()
        #expect(text.contains("\nssid2=\(hex)\n"))
        #expect(text.contains("\nchannel=11\n"))
        #expect(text.contains("\ncountry_code=FR\n"))
        #expect(text.contains("\ninterface=wlan0\n"))
        #expect(!text.contains("wpa"))
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func installIntoAFolderIsIdempotentAndUninstallRemovesIt() throws {
        let root = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(root) }
        let install = [DeployFolder.path + "/install.sh", "--root", root, "--binary", Fixtures.wikikioskExecutable!]
        let first = try Shell.run("/bin/sh", install)
        #expect(first.status == 0, "\(first.output)")
        let files = ["usr/local/bin/wikikiosk", "etc/wikikiosk/wikikiosk.conf", "etc/wikikiosk/locales/fr.ini",
                     "etc/hostapd/wikikiosk.conf", "etc/dnsmasq.d/wikikiosk.conf", "etc/wikikiosk/nftables.nft",
                     "etc/wikikiosk/hotspot.env", "etc/systemd/system/wikikiosk.service",
                     "etc/systemd/system/wikikiosk-hotspot.service", "etc/udev/rules.d/61-wikikiosk-usb.rules",
                     "etc/systemd/system/wikikiosk-helper.socket", "etc/systemd/system/wikikiosk-helper@.service"]
        var contents: [String: Data] = [:]
        for file in files {
            contents[file] = FileManager.default.contents(atPath: root + "/" + file)
            #expect(contents[file] != nil, "\(file)")
        }
        let config = String(decoding: contents["etc/wikikiosk/wikikiosk.conf"] ?? Data(), as: UTF8.self)
        #expect(config.contains("\nlibrary = /srv/wikikiosk\n"))
        // The librarian's edit survives a re-run, which rewrites the hotspot files from it.
        try config.replacingOccurrences(of: "ssid = Wikipedia sans Internet", with: "ssid = Médiathèque")
            .write(toFile: root + "/etc/wikikiosk/wikikiosk.conf", atomically: true, encoding: .utf8)
        let second = try Shell.run("/bin/sh", install)
        #expect(second.status == 0, "\(second.output)")
        let hostapd = try String(contentsOfFile: root + "/etc/hostapd/wikikiosk.conf", encoding: .utf8)
        #expect(hostapd.contains("ssid2=" + Array("Médiathèque".utf8).map { String(format: "%02x", $0) }.joined()))
        let third = try Shell.run("/bin/sh", install)
        #expect(third.status == 0)
        for file in files where file != "etc/wikikiosk/wikikiosk.conf" && file != "etc/hostapd/wikikiosk.conf" {
            #expect(FileManager.default.contents(atPath: root + "/" + file) == contents[file], "\(file) changed")
        }
        // `wikikiosk hotspot disable` (Deploy/hotspot.sh): the hotspot's files go, the configuration stays.
        let disable = try Shell.run("/bin/sh", [DeployFolder.path + "/hotspot.sh", "disable", "--root", root])
        #expect(disable.status == 0, "\(disable.output)")
        for file in ["etc/hostapd/wikikiosk.conf", "etc/dnsmasq.d/wikikiosk.conf", "etc/wikikiosk/nftables.nft", "etc/wikikiosk/hotspot.env"] {
            #expect(!FileManager.default.fileExists(atPath: root + "/" + file), "\(file) is still there")
        }
        #expect(FileManager.default.fileExists(atPath: root + "/etc/wikikiosk/wikikiosk.conf"))
        let uninstall = try Shell.run("/bin/sh", [DeployFolder.path + "/uninstall.sh", "--root", root])
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/local/bin/wikikiosk"))
        #expect(!FileManager.default.fileExists(atPath: root + "/etc/dnsmasq.d/wikikiosk.conf"))
        #expect(!FileManager.default.fileExists(atPath: root + "/etc/udev/rules.d/61-wikikiosk-usb.rules"))
        #expect(FileManager.default.fileExists(atPath: root + "/etc/wikikiosk/wikikiosk.conf"))
    }

    /// The USB stick rule: only added block devices on the USB bus with a file system, each
    /// supported file system mounted read-only, nosuid, nodev, noexec by systemd-mount without
    /// waiting, under the folder the kiosk lists by default; every line is a comment, a label
    /// or udev's `KEY op "value"` pairs.
    @Test func usbSticksAreMountedReadOnlyWhereTheKioskLooks() throws {
        let rules = try String(contentsOfFile: DeployFolder.path + "/wikikiosk-usb.rules", encoding: .utf8)
        let pair = #"[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|\+=|=)"[^"]*""#
        let lines = rules.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        for line in lines {
            #expect(line.range(of: "^\(pair)(, \(pair))*$", options: .regularExpression) != nil, "\(line)")
        }
        #expect(lines.prefix(4) == ["ACTION!=\"add\", GOTO=\"wikikiosk_usb_end\"", "SUBSYSTEM!=\"block\", GOTO=\"wikikiosk_usb_end\"",
                                    "ENV{ID_BUS}!=\"usb\", GOTO=\"wikikiosk_usb_end\"",
                                    "ENV{ID_FS_USAGE}!=\"filesystem\", GOTO=\"wikikiosk_usb_end\""])
        let mounts = lines.filter { $0.contains("RUN{program}") }
        var types: [String] = []
        for line in mounts {
            #expect(line.contains("\"/usr/bin/systemd-mount --no-block --collect --fsck=no --type="))
            #expect(line.contains(" --options=ro,nosuid,nodev,noexec"))
            #expect(line.hasSuffix(" $devnode \(KioskSettings().usbDirectory)/%k\""))
            if let match = line.range(of: #"ID_FS_TYPE\}=="[^"]+""#, options: .regularExpression) {
                types += line[match].dropFirst(14).dropLast().split(separator: "|").map(String.init)
            }
        }
        #expect(Set(types) == ["vfat", "exfat", "ntfs", "ext2", "ext3", "ext4"])
        #expect(lines.last == "LABEL=\"wikikiosk_usb_end\"")
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func versionNamesTheBuild() throws {
        let run = try Shell.run(Fixtures.wikikioskExecutable!, ["--version"])
        #expect(run.status == 0)
        #expect(run.output.range(of: #"^wikikiosk [0-9A-Za-z.+~ ]+ \(commit [0-9a-z-]+\)\n$"#, options: .regularExpression) != nil,
                "\(run.output)")
        // The tests' plain `swift build` was not told a version: it says so.
        if ProcessInfo.processInfo.environment["WIKIKIOSK_VERSION"] == nil {
            #expect(run.output == BuildInfo.unknown.summary + "\n")
        }
    }

    @Test func hotspotScriptRefusesAnUnknownAction() throws {
        let run = try Shell.run("/bin/sh", [DeployFolder.path + "/hotspot.sh", "start"])
        #expect(run.status == 2)
        #expect(run.output.contains("usage: hotspot.sh enable|disable"))
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func configCommandChecksAndPrintsSettings() throws {
        let exe = Fixtures.wikikioskExecutable!
        let config = DeployFolder.checkout + "/kiosk-config"
        let check = try Shell.run(exe, ["config", "check", "--config", config])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.hasPrefix("OK"))
        #expect(try Shell.run(exe, ["config", "get", "--config", config, "hotspot.ssid"]).output == "Wikipedia sans Internet\n")
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try "[kiosk]\nport = eighty\n".write(toFile: folder + "/wikikiosk.conf", atomically: true, encoding: .utf8)
        let broken = try Shell.run(exe, ["config", "check", "--config", folder])
        #expect(broken.status == 1)
        #expect(broken.output.contains("wikikiosk.conf, line 2: the port must be a number from 1 to 65535"))
    }
}
