import Foundation
import Testing
@testable import Kiosk

/// Articles with their toolbar in Debian's headless Chromium, driven through the DevTools
/// protocol: the bar fits 360 and 320 px phones with scripts off (screenshots:
/// docs/article-toolbar-360.png and -320.png when refreshed), its two buttons search this book
/// and every book, `/viewer#…` opens the article, and axe-core finds no serious or critical
/// accessibility violation on the kiosk's pages in French and in Arabic.
@Suite("Reading in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct ReadingBrowserTests {
    /// axe-core, put there by `WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh`.
    static let axe = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/axe/axe.min.js").standardizedFileURL.path

    /// Starts a kiosk (the landing tests' books, or `zims`) and a headless browser at a
    /// 360×640 phone size, runs `body` with the kiosk's address, then stops both.
    static func withKioskAndBrowser(zims: [String]? = nil, _ body: (_ base: String, _ browser: DevToolsClient) throws -> Void) throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try zims.map { try ServerTests.start(zims: $0, state: folder + "/state") } ?? LandingBrowserTests.start(folder)
        defer { server.stop() }
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.send("Emulation.setDeviceMetricsOverride", ["width": 360, "height": 640, "deviceScaleFactor": 1, "mobile": true])
        try body("http://127.0.0.1:\(server.port)", browser)
    }

    /// One axe-core finding: the rule, its impact, the first elements at fault.
    struct AxeViolation: Decodable, CustomStringConvertible {
        let id: String
        let impact: String?
        let nodes: [String]
        var isSerious: Bool { impact == "serious" || impact == "critical" }
        var description: String { "\(id) (\(impact ?? "?")): \(nodes.joined(separator: " | "))" }
    }

    /// axe-core's violations on the page the browser shows (one run).
    static func axeViolations(_ browser: DevToolsClient, axe: String) throws -> [AxeViolation] {
        _ = try browser.evaluate(axe + "\n;true")
        let json = try browser.evaluate("""
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              return JSON.stringify(r.violations.map(function (v) { return {id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(function (n) { return n.html.slice(0, 120); })}; }));
            })
            """) as? String ?? ""
        return try JSONDecoder().decode([AxeViolation].self, from: Data(json.utf8))
    }

    @Test func theToolbarFitsPhonesAndSearchesWithoutJavaScript() throws {
        try Self.withKioskAndBrowser { base, browser in
            try browser.send("Emulation.setScriptExecutionDisabled", ["value": true])

            for width in [360, 320] {
                try browser.send("Emulation.setDeviceMetricsOverride", ["width": width, "height": 640, "deviceScaleFactor": 2,
                                                                        "mobile": true])
                // A page that sets its viewport, as every Wikipedia ZIM does (without one, a phone lays
                // the page out 980 px wide and shrinks it).
                try browser.navigate(base + "/content/wikikiosk-demo/fr/Comment_chercher")
                let overflow = try browser.evaluate("document.documentElement.scrollWidth - window.innerWidth") as? Int
                #expect(overflow == 0, "\(width) px: the page scrolls sideways by \(overflow ?? -1) px")
                // Every control of the bar: inside the screen, at least 44 px high (a finger).
                let controls = try browser.evaluate("""
                    JSON.stringify([].map.call(document.querySelectorAll('#wkbar a, #wkbar input, #wkbar button'), function (e) {
                      var r = e.getBoundingClientRect(); return [e.textContent || e.name, r.left, r.right, r.height, r.width]; }))
                    """) as? String ?? "[]"
                let rows = try JSONSerialization.jsonObject(with: Data(controls.utf8)) as? [[Any]] ?? []
                #expect(rows.count == 5, "\(controls)")
                for row in rows {
                    let left = row[1] as? Double ?? -1, right = row[2] as? Double ?? 9_999
                    let height = row[3] as? Double ?? 0, size = row[4] as? Double ?? 0
                    #expect(left >= 0 && right <= Double(width), "\(width) px screen: \(row) leaves the screen")
                    #expect(height >= 44 && size >= 44, "\(width) px screen: \(row) is smaller than 44×44")
                }
                let png = try browser.screenshot(width: width, height: 640, full: false)
                #expect(png.count > 10_000)
                try png.write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/article-toolbar-\(width).png"))
            }

            // Enter (the first button): this book. The second button: every book.
            try browser.navigate(base + "/content/ville/Cath%C3%A9drale")
            _ = try browser.evaluate("document.getElementById('wkq').value = 'clermont'; document.querySelector('#wkbar button').click()")
            try browser.wait(for: "location.pathname === '/search'")
            let thisBook = try browser.evaluate("location.search") as? String ?? ""
            #expect(thisBook == "?pattern=clermont&books.name=ville", "\(thisBook)")
            #expect((try browser.evaluate("document.body.innerHTML") as? String ?? "").contains("/content/ville/Cath%C3%A9drale"))

            try browser.navigate(base + "/content/ville/Cath%C3%A9drale")
            _ = try browser.evaluate("document.getElementById('wkq').value = 'clermont'; document.querySelector('#wkbar .wka').click()")
            try browser.wait(for: "location.pathname === '/search'")
            #expect(try browser.evaluate("location.search") as? String == "?pattern=clermont")

            try browser.navigate(base + "/content/ville/Cath%C3%A9drale")
            _ = try browser.evaluate("document.querySelector('#wkbar a[href^=\"/random\"]').click()")
            try browser.wait(for: "location.pathname.indexOf('/content/ville/') === 0")
        }
    }

    @Test func theViewerAddressOpensTheArticle() throws {
        try Self.withKioskAndBrowser { base, browser in
            try browser.send("Page.navigate", ["url": base + "/viewer#ville/Cath%C3%A9drale"])
            try browser.wait(for: "location.pathname === '/content/ville/Cath%C3%A9drale'")
            #expect(try browser.evaluate("!!document.getElementById('wkbar')") as? Bool == true)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.axe), "axe-core: WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh"))
    func noSeriousAccessibilityViolationInFrenchOrArabic() throws {
        try Self.withKioskAndBrowser { base, browser in
            let axe = try String(contentsOfFile: Self.axe, encoding: .utf8)
            let pages = ["/", "/search?pattern=clermont", "/content/ville/Cath%C3%A9drale",
                         "/catch/external?source=https%3A%2F%2Fwww.ign.fr%2Fcartes", "/nothing/here"]
            for (language, scheme) in [("fr", "light"), ("ar", "light"), ("fr", "dark")] {
                try browser.send("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]])
                for page in pages {
                    let separator = page.contains("?") ? "&" : "?"
                    try browser.navigate(base + page + separator + "lang=" + language)
                    let violations = try Self.axeViolations(browser, axe: axe)
                    #expect(violations.filter(\.isSerious).isEmpty, "\(language) \(scheme) \(page): \(violations.filter(\.isSerious))")
                    print("axe \(language) \(scheme) \(page): others: \(violations.filter { !$0.isSerious }.map(\.id))")
                }
            }
        }
    }

    /// The landing page with every shared real ZIM (one declares its language as `=en`, which
    /// must not become `lang="=en"`): no serious or critical violation either.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.axe) && Fixtures.sharedZimFolder != nil))
    func theLandingPageWithRealBooksPassesTheAudit() throws {
        let zims = try Fixtures.sharedValidZims()
        try #require(!zims.isEmpty)
        let axe = try String(contentsOfFile: Self.axe, encoding: .utf8)
        try Self.withKioskAndBrowser(zims: zims) { base, browser in
            let landing = try Curl.get(base + "/")
            #expect(!landing.text.contains("lang=\"="), "an invalid language tag reached the page")
            for page in ["/?lang=fr", "/?lang=ar", "/search?pattern=test&lang=fr"] {
                try browser.navigate(base + page)
                let serious = try Self.axeViolations(browser, axe: axe).filter(\.isSerious)
                #expect(serious.isEmpty, "\(page): \(serious)")
            }
        }
    }

    /// Every link, button and field of the kiosk's own pages is at least 44×44 CSS pixels at
    /// 360 px, except links inside a sentence (WCAG's inline exception).
    @Test func tapTargetsAreAtLeast44Pixels() throws {
        try Self.withKioskAndBrowser { base, browser in
            for page in ["/?lang=fr", "/?lang=ar", "/search?pattern=a", "/catch/external?source=https%3A%2F%2Fwww.ign.fr%2Fcartes",
                         "/nothing/here", "/content/ville/Cath%C3%A9drale"] {
                try browser.navigate(base + page)
                let small = try browser.evaluate("""
                    JSON.stringify([].filter.call(document.querySelectorAll('a, button, input, summary, select'), function (e) {
                      var r = e.getBoundingClientRect(), s = getComputedStyle(e);
                      if (r.width === 0 || s.visibility === 'hidden' || e.closest('#wkbar') === null && e.closest('article') !== null) return false;
                      if (e.tagName === 'A' && e.parentElement && /^(P|CITE|SMALL|SPAN)$/.test(e.parentElement.tagName)
                          && e.parentElement.textContent.trim() !== e.textContent.trim()) return false;
                      if (e.className === 'skip') return false;
                      return r.height < 44 || r.width < 44;
                    }).map(function (e) { var r = e.getBoundingClientRect();
                      return e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 30) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height); }))
                    """) as? String
                #expect(small == "[]", "\(page): \(small ?? "?")")
            }
        }
    }
}
