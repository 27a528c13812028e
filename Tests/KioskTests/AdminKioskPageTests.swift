import Foundation
import Testing
@testable import Kiosk

/// The staff area's Kiosk page against the root helper on a fake system root (real Unix socket,
/// real `SystemHelper`): health, the clock set from the phone, the Wi-Fi renamed (the new name
/// shown first, the configuration rewritten and the hotspot files rendered from it), shutdown.
@Suite("Staff area: the Kiosk page", .serialized)
struct AdminKioskPageTests {
    /// A kiosk whose root helper runs on a fake system root in `folder`, signed in.
    static func kioskWithHelper(_ folder: String) throws -> (FakeHelperServer, AdminKiosk, (id: String, csrf: String)) {
        let helper = try FakeHelperServer(folder: folder)
        let kiosk = try AdminKiosk(helperSocket: helper.socketPath)
        return (helper, kiosk, try kiosk.login())
    }

    @Test func healthShowsTemperatureAndUnderVoltageFromTheBoard() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let helper = try FakeHelperServer(folder: folder)
        defer { helper.stop() }
        try "83000\n".write(toFile: helper.root + "/sys/class/thermal/thermal_zone0/temp", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: helper.root + "/usr/bin", withIntermediateDirectories: true)
        try "#!/bin/sh\necho throttled=0x50000\n".write(toFile: helper.root + "/usr/bin/vcgencmd", atomically: true, encoding: .utf8)
        chmod(helper.root + "/usr/bin/vcgencmd", 0o755)
        let kiosk = try AdminKiosk(helperSocket: helper.socketPath)
        let session = try kiosk.login()
        let page = kiosk.request(.get, "/admin/kiosk", cookie: session.id)
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("<b>83\u{00A0}°C</b><span>température du processeur</span>"), "\(html)")
        #expect(html.contains("L&#39;alimentation a été trop faible depuis le démarrage"))
        #expect(html.contains("La borne chauffe et ralentit"))
        #expect(html.contains("aria-current=\"page\">Borne</a>"))
        #expect(!html.contains("assistant système du paquet"))
        // Without the helper: said, and nothing breaks.
        let alone = try AdminKiosk()
        let other = try alone.login()
        let without = alone.request(.get, "/admin/kiosk", cookie: other.id)
        #expect(without.status == 200 && without.bodyText.contains("n&#39;est pas installé ici"))
        #expect(alone.request(.post, "/admin/kiosk/power", cookie: other.id, form: [("csrf", other.csrf), ("action", "poweroff")]).status == 503)
    }

    @Test func anUnsetClockIsSetFromThePhone() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let helper = try FakeHelperServer(folder: folder)
        defer { helper.stop() }
        let boardClock = ManualUsageClock(wall: 86_400 * 365, synchronised: false)
        let kiosk = try AdminKiosk(helperSocket: helper.socketPath, systemClock: boardClock)
        let session = try kiosk.login()
        let page = kiosk.request(.get, "/admin/kiosk", cookie: session.id).bodyText
        #expect(page.contains("La borne n&#39;est pas sûre de l&#39;heure"))
        #expect(page.contains("<form method=\"post\" action=\"/admin/kiosk/time\" class=\"card\" id=\"timeform\">"))
        #expect(page.contains("<input type=\"datetime-local\" id=\"datetime\" name=\"datetime\" required"))
        let set = kiosk.request(.post, "/admin/kiosk/time", cookie: session.id,
                                form: [("csrf", session.csrf), ("epoch", "1764855000"), ("datetime", "")])
        #expect(set.status == 200)
        #expect(set.bodyText.contains("La borne est à l&#39;heure"))
        #expect(helper.actions == ["set-time 1764855000"])
        // Without JavaScript, the typed local time.
        #expect(kiosk.request(.post, "/admin/kiosk/time", cookie: session.id,
                              form: [("csrf", session.csrf), ("datetime", "2026-12-04T14:30")]).status == 200)
        #expect(helper.actions.last == "set-time \(AdminKioskActions.epoch(ofLocal: "2026-12-04T14:30")!)")
        // A date the helper would refuse is refused here, and nothing reaches it.
        for bad in [[("epoch", "100")], [("datetime", "hier")], [("epoch", "9999999999")]] {
            #expect(kiosk.request(.post, "/admin/kiosk/time", cookie: session.id, form: [("csrf", session.csrf)] + bad).status == 400)
        }
        #expect(helper.actions.count == 2)
        // A synchronised clock: no form.
        let synced = try AdminKiosk(helperSocket: helper.socketPath,
                                    systemClock: ManualUsageClock(wall: 1_764_855_000, synchronised: true))
        let other = try synced.login()
        #expect(!synced.request(.get, "/admin/kiosk", cookie: other.id).bodyText.contains("id=\"timeform\""))
    }

    @Test func theWifiIsRenamedAfterShowingTheNewNameThenRenderedAndApplied() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (helper, kiosk, session) = try Self.kioskWithHelper(folder)
        defer { helper.stop() }
        let fields = [("csrf", session.csrf), ("ssid", "Médiathèque de Jaude"), ("channel", "11")]
        let check = kiosk.request(.post, "/admin/kiosk/wifi", cookie: session.id, form: fields)
        #expect(check.status == 200)
        #expect(check.bodyText.contains("Le Wi-Fi s&#39;appellera « Médiathèque de Jaude », sur le canal 11."))
        #expect(check.bodyText.contains("seront déconnectés"))
        #expect(helper.actions.isEmpty)
        #expect(try String(contentsOfFile: kiosk.configFile, encoding: .utf8).contains("ssid = Wikipedia sans Internet"))
        let before = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        let applied = kiosk.request(.post, "/admin/kiosk/wifi", cookie: session.id, form: fields + [("confirm", "1")])
        #expect(applied.status == 200)
        #expect(applied.bodyText.contains("Le Wi-Fi redémarre sous le nom « Médiathèque de Jaude »"))
        let after = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        let parsed = SettingsParser.parse(after, file: "wikikiosk.conf")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.settings.hotspot.ssid == "Médiathèque de Jaude" && parsed.settings.hotspot.channel == 11)
        // Every other line and comment kept.
        #expect(after.split(separator: "\n").count == before.split(separator: "\n").count)
        #expect(kiosk.settings.current.hotspot.ssid == "Médiathèque de Jaude")
        #expect(helper.waitForActions(1).last?.hasSuffix(" hotspot enable") == true)
        // What `hotspot enable` renders from it, as on the Pi (the script on a fake root).
        if let binary = Fixtures.wikikioskExecutable {
            let root = folder + "/rendered"
            try FileManager.default.createDirectory(atPath: root + "/etc/wikikiosk", withIntermediateDirectories: true)
            try after.write(toFile: root + "/etc/wikikiosk/wikikiosk.conf", atomically: true, encoding: .utf8)
            let run = try Shell.run("/bin/sh", [DeployFolder.path + "/hotspot.sh", "enable", "--root", root, "--binary", binary])
            #expect(run.status == 0, "\(run.output)")
            let hostapd = try String(contentsOfFile: root + "/etc/hostapd/wikikiosk.conf", encoding: .utf8)
            #expect(hostapd.contains("\nssid2=" + Array("Médiathèque de Jaude".utf8).map { String(format: "%02x", $0) }.joined() + "\n"))
            #expect(hostapd.contains("\nchannel=11\n"))
        }
        // Refused: too long, a control character, a channel out of range; nothing written.
        for (ssid, channel) in [(String(repeating: "é", count: 17), "6"), ("Wi-Fi\u{7}", "6"), ("Borne", "14")] {
            let refused = kiosk.request(.post, "/admin/kiosk/wifi", cookie: session.id,
                                        form: [("csrf", session.csrf), ("ssid", ssid), ("channel", channel), ("confirm", "1")])
            #expect(refused.status == 400, "\(ssid) \(channel)")
            #expect(refused.bodyText.contains("Réglage refusé"))
        }
        #expect(try String(contentsOfFile: kiosk.configFile, encoding: .utf8) == after)
    }

    @Test func shutdownAsksFirstThenSaysWhenItIsSafeToUnplug() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (helper, kiosk, session) = try Self.kioskWithHelper(folder)
        defer { helper.stop() }
        let confirm = kiosk.request(.get, "/admin/kiosk/power?action=poweroff", cookie: session.id).bodyText
        #expect(confirm.contains("Éteindre la borne ?"))
        #expect(helper.actions.isEmpty)
        #expect(kiosk.request(.post, "/admin/kiosk/power", cookie: session.id, form: [("action", "poweroff")]).status == 403)
        #expect(kiosk.request(.post, "/admin/kiosk/power", cookie: session.id,
                              form: [("csrf", session.csrf), ("action", "halt")]).status == 400)
        let done = kiosk.request(.post, "/admin/kiosk/power", cookie: session.id, form: [("csrf", session.csrf), ("action", "poweroff")])
        #expect(done.status == 200)
        #expect(done.bodyText.contains("Attendez que le voyant vert ait cessé de clignoter"))
        #expect(helper.waitForActions(1) == ["/usr/bin/systemctl poweroff"])
        _ = kiosk.request(.post, "/admin/kiosk/power", cookie: session.id, form: [("csrf", session.csrf), ("action", "reboot")])
        #expect(helper.waitForActions(2) == ["/usr/bin/systemctl poweroff", "/usr/bin/systemctl reboot"])
    }
}
