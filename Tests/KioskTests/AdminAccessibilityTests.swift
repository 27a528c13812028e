import Foundation
import Testing
@testable import Kiosk

/// The staff area audited with axe-core in Debian's headless Chromium, as a staff member sees
/// it on a phone and on a laptop: no serious or critical violation on any page (every form
/// control labelled, charts named, contrast), and the dashboard's chart with its numbers as text.
@Suite("Staff area accessibility", .serialized,
       .enabled(if: LandingBrowser.executable != nil && FileManager.default.fileExists(atPath: ReadingBrowserTests.axe),
                "needs chromium-headless-shell and axe-core (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct AdminAccessibilityTests {
    @Test func noSeriousOrCriticalViolationOnAnyStaffPage() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let helper = try FakeHelperServer(folder: folder)
        defer { helper.stop() }
        try "52000\n".write(toFile: helper.root + "/sys/class/thermal/thermal_zone0/temp", atomically: true, encoding: .utf8)
        let server = try AdminBrowserTests.start(folder, helperSocket: helper.socketPath)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let views = try Curl.batch((0..<5).map { base + "/content/ville/Cath%C3%A9drale?n=\($0)" })
        #expect(views.allSatisfy { $0.status == 200 })
        server.usageLog?.flush()
        let axe = try String(contentsOfFile: ReadingBrowserTests.axe, encoding: .utf8)
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }

        func audit(_ page: String) throws {
            for width in [360, 1280] {
                try browser.send("Emulation.setDeviceMetricsOverride", ["width": width, "height": 800, "deviceScaleFactor": 1,
                                                                        "mobile": width < 600])
                try browser.navigate(base + page)
                let violations = try ReadingBrowserTests.axeViolations(browser, axe: axe)
                #expect(violations.filter(\.isSerious).isEmpty, "\(page) at \(width) px: \(violations.filter(\.isSerious))")
            }
        }
        try audit("/admin/login")
        try browser.navigate(base + "/admin/login")
        _ = try browser.evaluate("document.getElementById('password').value = \(DevToolsClient.quote(AdminBrowserTests.password)); document.querySelector('main form button').click(); true")
        try browser.wait(for: "location.pathname === '/admin' && !!document.getElementById('today')")
        for page in ["/admin", "/admin/signs", "/admin/signs?book=ville&article=Cath%C3%A9drale&id=JAUDE",
                     "/admin/signs?book=ville&article=Cathedrale%20de%20Clermon", "/admin/library", "/admin/settings",
                     "/admin/kiosk", "/admin/kiosk/power?action=poweroff", "/admin/presenter", "/admin/nothing", "/admin?lang=en"] {
            try audit(page)
        }
        // The Kiosk page on a phone (docs/admin-kiosk-phone.png).
        try browser.navigate(base + "/admin/kiosk?lang=fr")
        try browser.wait(for: "!!document.getElementById('ssid')")
        #expect((try browser.evaluate("document.querySelector('.grid').textContent") as? String ?? "").contains("52\u{00A0}°C"))
        try browser.screenshot(width: 360, height: 740, full: true).write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/admin-kiosk-phone.png"))
        // The chart: named, captioned, and its numbers as a table.
        try browser.navigate(base + "/admin?lang=fr")
        #expect(try browser.evaluate("document.querySelector('#chart svg').getAttribute('role')") as? String == "img")
        #expect((try browser.evaluate("document.querySelector('#chart svg').getAttribute('aria-label')") as? String ?? "").contains("Pages lues"))
        #expect(try browser.evaluate("document.querySelector('figure.chart').getAttribute('aria-labelledby')") as? String == "chartcap")
        let numbers = try browser.evaluate("document.querySelector('figure.chart details table tbody').textContent") as? String ?? ""
        #expect(numbers.contains("5"), "\(numbers)")
    }
}
