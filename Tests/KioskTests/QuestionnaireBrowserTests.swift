import Foundation
import Testing
@testable import Kiosk

/// The questionnaire on a 360 px phone in Debian's headless Chromium: answered by tapping the
/// labels, sent, thanked; no serious accessibility violation. Screenshot:
/// docs/questionnaire-phone.png.
@Suite("The questionnaire in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct QuestionnaireBrowserTests {
    @Test func aVisitorAnswersOnAPhone() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try AdminBrowserTests.start(folder)
        defer { server.stop() }
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.send("Emulation.setDeviceMetricsOverride", ["width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true])
        try browser.navigate("http://127.0.0.1:\(server.port)/questionnaire?lang=fr")
        try browser.wait(for: "document.querySelectorAll('fieldset').length === 2")
        if let axe = try? String(contentsOfFile: ReadingBrowserTests.axe, encoding: .utf8) {
            let serious = try ReadingBrowserTests.axeViolations(browser, axe: axe).filter(\.isSerious)
            #expect(serious.isEmpty, "\(serious)")
        }
        #expect(try browser.evaluate("document.documentElement.scrollWidth") as? Int ?? 999 <= 360)
        try browser.screenshot(width: 360, height: 740, full: true).write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/questionnaire-phone.png"))
        // Tapping a label picks its answer.
        _ = try browser.evaluate("""
            [].find.call(document.querySelectorAll('fieldset.scale label'), function (l) { return l.textContent.trim().startsWith('4') }).click();
            document.getElementById('q3').value = 'Des livres en breton'; document.querySelector('form button').click(); true
            """)
        try browser.wait(for: "!!document.querySelector('.thanks')")
        server.usageLog?.flush()
        let log = try #require(server.usageLog)
        let today = try #require(log.today().day)
        let report = try UsageReportBuilder(databases: [log.path], from: today, to: today).build()
        #expect(report.answers.first { $0.question == "q1" }?.values.map(\.name) == ["4"])
    }
}
