import Foundation
import Testing
@testable import Kiosk

/// The landing page in Debian's headless Chromium at a 360×640 phone viewport, JavaScript on and
/// off: no console error, the plain search form works without JavaScript, suggestions appear with
/// it, and a screenshot is saved to ScreenshotFolder (docs/landing-360x640.png when refreshed).
@Suite("Landing page in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct LandingBrowserTests {
    static func start(_ folder: String) throws -> KioskServer {
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        var configuration = KioskConfiguration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = 2
        configuration.zimFiles = [zim, try DemoBook.ensureBuilt(in: folder + "/state", log: Log(minimumLevel: .error) { _ in })]
        configuration.stateDirectory = folder + "/state"
        configuration.usage.enabled = false
        let loaded = ConfigLoader(path: ConfigTests.checkoutConfig, stateDirectory: nil).load()
        configuration.settings = loaded.settings
        configuration.strings = loaded.strings
        return try KioskServer(configuration: configuration, validator: InProcessValidator(),
                               log: Log(minimumLevel: .error) { _ in })
    }

    @Test func rendersWithoutConsoleErrorsWithAndWithoutJavaScript() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"

        let screenshot = ScreenshotFolder.path + "/landing-360x640.png"
        for javascript in [true, false] {
            let run = try LandingBrowser.run(["--screenshot=\(javascript ? screenshot : folder + "/nojs.png")"],
                                             url: base + "/?lang=fr", javascript: javascript, folder: folder)
            #expect(run.consoleErrors.isEmpty, "JavaScript \(javascript): \(run.consoleErrors)")
            let png = FileManager.default.contents(atPath: javascript ? screenshot : folder + "/nojs.png") ?? Data()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "no screenshot: \(run.log.suffix(2000))")
        }
        // The whole page, for review (the first screen above is what a phone shows at once).
        _ = try LandingBrowser.run(["--screenshot=\(ScreenshotFolder.path)/landing-360-full.png", "--window-size=360,1500"],
                                   url: base + "/?lang=fr", javascript: true, folder: folder)
    }

    @Test func searchWorksWithoutJavaScript() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        // The form as the browser parsed it, scripts off: a GET to /search with the words in `pattern`.
        let landing = try LandingBrowser.run(["--dump-dom"], url: base + "/", javascript: false, folder: folder)
        #expect(landing.output.contains("action=\"/search\" method=\"get\""), "\(landing.log.suffix(1500))")
        #expect(landing.output.contains("name=\"pattern\""))
        #expect(!landing.output.contains("<script"))
        // What submitting it loads: /search?pattern=cathedrale (server-rendered results).
        let run = try LandingBrowser.run(["--dump-dom"], url: base + "/search?pattern=cathedrale",
                                         javascript: false, folder: folder)
        #expect(run.output.contains("/content/ville/Cath%C3%A9drale"), "\(run.output.prefix(3000))")
        #expect(run.consoleErrors.isEmpty)
    }

    @Test func suggestionsAppearWithJavaScript() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let run = try LandingBrowser.run(["--dump-dom", "--virtual-time-budget=5000"],
                                         url: "http://127.0.0.1:\(server.port)/?pattern=cath", javascript: true, folder: folder)
        #expect(run.output.contains("role=\"option\""), "\(run.output.prefix(4000))")
        #expect(run.output.contains("href=\"/content/ville/Cath%C3%A9drale\""))
        #expect(run.consoleErrors.isEmpty, "\(run.consoleErrors)")
    }
}

/// The landing page in every built-in language at 360 px (docs/landing-360-<lang>.png when
/// refreshed), and the suggestion counter read out in the language's own plural form.
@Suite("Landing page in every language in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct LandingLanguagesBrowserTests {
    @Test func everyLanguageRendersAtPhoneWidth() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try LandingBrowserTests.start(folder)
        defer { server.stop() }
        for language in ["es", "de", "uk", "ar"] {
            let screenshot = ScreenshotFolder.path + "/landing-360-\(language).png"
            let run = try LandingBrowser.run(["--screenshot=\(screenshot)", "--window-size=360,1100"],
                                             url: "http://127.0.0.1:\(server.port)/?lang=\(language)", javascript: true, folder: folder)
            #expect(run.consoleErrors.isEmpty, "\(language): \(run.consoleErrors)")
            let png = FileManager.default.contents(atPath: screenshot) ?? Data()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(language): no screenshot")
            // A blank 360×1100 screenshot is ~9 KB (the Arabic page was, while an off-screen
            // skip link at left:-999px scrolled a right-to-left page out of view); a page ~190 KB.
            #expect(png.count > 40_000, "\(language): the screenshot looks blank (\(png.count) bytes)")
        }
    }

    @Test func suggestionCountIsReadInTheLanguagesPluralForm() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try LandingBrowserTests.start(folder)
        defer { server.stop() }
        let strings = ConfigLoader(path: ConfigTests.checkoutConfig, stateDirectory: nil).load().strings
        for language in ["uk", "ar", "fr"] {
            let run = try LandingBrowser.run(["--dump-dom", "--virtual-time-budget=5000"],
                                             url: "http://127.0.0.1:\(server.port)/?pattern=cath&lang=\(language)",
                                             javascript: true, folder: folder)
            let options = run.output.components(separatedBy: "role=\"option\"").count - 1
            #expect(options > 0, "\(language): \(run.output.prefix(3000))")
            let expected = strings.text("landing.search.suggestions", language, ["count": .number(options)])
            #expect(run.output.contains(">\(expected)</p>"), "\(language): expected “\(expected)” for \(options)")
        }
    }
}

/// Runs Debian's headless Chromium on one URL.
enum LandingBrowser {
    static let executable: String? = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Run {
        let output: String
        let log: String
        /// Console messages at error level and uncaught exceptions.
        var consoleErrors: [String] {
            log.split(separator: "\n").filter {
                ($0.contains("CONSOLE") && ($0.contains(":ERROR:") || $0.contains("Uncaught"))) || $0.contains("Uncaught")
            }.map(String.init)
        }
    }

    /// Headless Chromium can't dump or screenshot with scripts disabled (`scriptEnabled=false`
    /// makes it print nothing), so "JavaScript off" is the page exactly as served with its
    /// `<script>` elements removed, saved next to a `<base>` pointing at the server: what a
    /// browser with JavaScript off renders.
    static func withoutScripts(_ url: String, folder: String) throws -> String {
        let page = try Curl.get(url)
        var html = page.text
        while let start = html.range(of: "<script"), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) {
            html.removeSubrange(start.lowerBound..<end.upperBound)
        }
        let origin = url.components(separatedBy: "/").prefix(3).joined(separator: "/")
        html = html.replacingOccurrences(of: "<head>", with: "<head><base href=\"\(origin)/\">")
        let file = folder + "/nojs-" + UUID().uuidString + ".html"
        try html.write(toFile: file, atomically: true, encoding: .utf8)
        return "file://" + file
    }

    static func run(_ arguments: [String], url: String, javascript: Bool, folder: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=360,640",
                             "--force-device-scale-factor=2", "--user-data-dir=\(folder)/chromium",
                             "--enable-logging=stderr", "--v=0", "--lang=fr-FR"]
            + arguments + [javascript ? url : try withoutScripts(url, folder: folder)]
        let output = folder + "/chromium-out-" + UUID().uuidString
        let log = folder + "/chromium-log-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        process.waitUntilExit()
        return Run(output: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
                   log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
