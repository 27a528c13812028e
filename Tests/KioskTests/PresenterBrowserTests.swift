import Foundation
import Testing
@testable import Kiosk

/// The presenter screen projected at 1280×720 in Debian's headless Chromium: both codes visible
/// without scrolling, no serious accessibility violation, and the counts updating by themselves
/// when a phone starts reading. Screenshot: docs/presenter-1280x720.png.
@Suite("The presenter screen in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct PresenterBrowserTests {
    @Test func projectedItShowsBothCodesAndUpdatesItself() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try AdminBrowserTests.start(folder)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.send("Emulation.setDeviceMetricsOverride", ["width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": false])
        try browser.navigate(base + "/presenter?lang=fr")
        try browser.wait(for: "document.querySelectorAll('figure svg').length === 2")
        // Both codes entirely on screen, each at least 220 px wide (scannable from a room).
        let boxes = try browser.evaluate("""
            JSON.stringify([].map.call(document.querySelectorAll('figure svg'), function (s) {
              var r = s.getBoundingClientRect(); return [r.top, r.bottom, r.width]; }))
            """) as? String ?? "[]"
        let sizes = try JSONDecoder().decode([[Double]].self, from: Data(boxes.utf8))
        #expect(sizes.count == 2 && sizes.allSatisfy { $0[0] >= 0 && $0[1] <= 720 && $0[2] >= 220 }, "\(sizes)")
        let countsBottom = try browser.evaluate("document.querySelector('.now').getBoundingClientRect().bottom") as? Double ?? 9999
        #expect(countsBottom <= 720, "the counts are below the screen: \(countsBottom)")
        if let axe = try? String(contentsOfFile: ReadingBrowserTests.axe, encoding: .utf8) {
            let serious = try ReadingBrowserTests.axeViolations(browser, axe: axe).filter(\.isSerious)
            #expect(serious.isEmpty, "\(serious)")
        }
        try browser.screenshot(width: 1280, height: 720, full: false)
            .write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/presenter-1280x720.png"))
        #expect(try browser.evaluate("document.getElementById('reading').textContent") as? String == "0 en train de lire")
        #expect(try Curl.get(base + "/content/ville/Cath%C3%A9drale").status == 200)
        try browser.wait(for: "document.getElementById('reading').textContent === '1 en train de lire'", timeout: 20)
    }
}
