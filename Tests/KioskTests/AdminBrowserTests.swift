import Foundation
import Testing
@testable import Kiosk

/// The staff area in Debian's headless Chromium, driven through the DevTools protocol like a
/// person would use it: sign in, download a sign's PDF and a report, change the welcome text
/// and see it on the landing page. Screenshots at phone and laptop sizes go to ScreenshotFolder (docs/admin-*.png when refreshed).
@Suite("Staff area in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct AdminBrowserTests {
    static let password = "bibliothèque 2026"

    static func start(_ folder: String, helperSocket: String? = nil) throws -> KioskServer {
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/locales", withIntermediateDirectories: true)
        for name in ["wikikiosk.conf", "locales/fr.ini", "locales/en.ini"] {
            try FileManager.default.copyItem(atPath: ConfigTests.checkoutConfig + "/" + name, toPath: config + "/" + name)
        }
        try "id,book,article,label,language,target\nJAUDE,ville,Cathédrale,Place de Jaude,fr,kiosk\n"
            .write(toFile: config + "/signs.csv", atomically: true, encoding: .utf8)
        try AdminPassword(configPath: config).set(password)
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        // A second book, first by title: the signs page must remember the one chosen.
        let atlas = try Fixtures.writeBook(at: folder + "/atlas.zim", title: "Atlas")
        var configuration = KioskConfiguration()
        configuration.stateDirectory = folder + "/state"
        configuration.zimFiles = [zim, atlas]
        configuration.applyConfigFolder(config, address: "127.0.0.1", port: 0, library: nil, log: Log(minimumLevel: .error) { _ in })
        configuration.threads = 2
        configuration.usage.flushInterval = 0.2
        if let helperSocket { configuration.systemHelperSocket = helperSocket }
        return try KioskServer(configuration: configuration, validator: InProcessValidator(), log: Log(minimumLevel: .error) { _ in })
    }

    /// Waits for a finished download in `folder` whose name ends with `suffix`.
    static func download(in folder: String, suffix: String) throws -> Data {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.first(where: { $0.hasSuffix(suffix) }),
               let data = FileManager.default.contents(atPath: folder + "/" + name), !data.isEmpty {
                return data
            }
            usleep(200_000)
        }
        throw DevToolsClient.Failure(description: "no \(suffix) downloaded into \(folder)")
    }

    /// The dashboard when the statistics can't be written (the disk is full): the cause, what
    /// to do, how many events wait. Screenshot: docs/admin-dashboard-disk-full.png.
    @Test func theDashboardSaysWhenTheDiskIsFull() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let usage = try #require(server.usageLog)
        usage.onWriterThread { connection in
            let pages = (try? connection.scalar("PRAGMA page_count"))?.int ?? 1
            try? connection.execute("PRAGMA max_page_count = \(pages)")
        }
        let views = try Curl.batch((0..<400).map { base + "/content/ville/Cath%C3%A9drale?n=\($0)" })
        #expect(views.allSatisfy { $0.status == 200 })
        usage.flush()
        #expect(usage.today().problem == "disk-full")
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.navigate(base + "/admin/login")
        try browser.wait(for: "!!document.getElementById('password')")
        _ = try browser.evaluate("document.getElementById('password').value = \(DevToolsClient.quote(Self.password)); document.querySelector('main form button').click(); true")
        try browser.wait(for: "location.pathname === '/admin' && !!document.getElementById('today')")
        let notice = try browser.evaluate("document.querySelector('.notice.error') ? document.querySelector('.notice.error').textContent : ''") as? String ?? ""
        // How many wait depends on how many of the first batches still fitted in the database's
        // free pages before it was full (timing): some, at most the 400 views.
        #expect(notice.contains("le disque est plein"), "\(notice)")
        let waiting = notice.range(of: #"\d+ événements attendent"#, options: .regularExpression)
            .flatMap { Int(notice[$0].prefix { $0.isNumber }) } ?? 0
        #expect(waiting > 0 && waiting <= 400, "\(notice)")
        try browser.screenshot(width: 390, height: 844, full: true)
            .write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/admin-dashboard-disk-full.png"))
    }

    @Test func staffSignInDownloadAndChangeTheWelcome() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let downloads = folder + "/downloads"
        try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.send("Browser.setDownloadBehavior", ["behavior": "allow", "downloadPath": downloads], session: false)
        let docs = ScreenshotFolder.path

        // Not signed in: the login page.
        try browser.navigate(base + "/admin")
        try browser.wait(for: "location.pathname === '/admin/login' && !!document.getElementById('password')")
        try browser.screenshot(width: 390, height: 844, full: false).write(to: URL(fileURLWithPath: docs + "/admin-login-phone.png"))

        // A wrong password, then the right one.
        _ = try browser.evaluate("document.getElementById('password').value = 'nope nope'; document.querySelector('main form button').click(); true")
        try browser.wait(for: "!!document.querySelector('.notice.error')")
        _ = try browser.evaluate("document.getElementById('password').value = \(DevToolsClient.quote(Self.password)); document.querySelector('main form button').click(); true")
        try browser.wait(for: "location.pathname === '/admin' && !!document.getElementById('today')")
        #expect(try browser.evaluate("document.cookie") as? String == "", "the session cookie is HttpOnly")
        try browser.screenshot(width: 390, height: 844, full: true).write(to: URL(fileURLWithPath: docs + "/admin-dashboard-phone.png"))
        try browser.screenshot(width: 1280, height: 800, full: true).write(to: URL(fileURLWithPath: docs + "/admin-dashboard-laptop.png"))

        // The report for the chosen period.
        _ = try browser.evaluate("document.getElementById('download-report').click(); true")
        let report = try Self.download(in: downloads, suffix: ".html")
        #expect(String(decoding: report, as: UTF8.self).contains("<svg") || String(decoding: report, as: UTF8.self).contains("<!DOCTYPE html>"))

        // A sign: a suggestion fills the article's title (and nothing else), the id is checked as
        // typed (JAUDE is taken: a free one is proposed), the preview is marked, and "Add to the
        // catalogue and download the PDF" adds it, then downloads its PDF.
        try browser.navigate(base + "/admin/signs")
        #expect(try browser.evaluate("document.getElementById('book').value") as? String == "atlas", "first by title")
        _ = try browser.evaluate("""
            document.getElementById('book').value = 'ville';
            var i = document.getElementById('article'); i.value = 'Cath'; i.dispatchEvent(new Event('input')); true
            """)
        try browser.wait(for: "document.querySelectorAll('#sug button').length > 0")
        _ = try browser.evaluate("document.querySelector('#sug button').click(); true")
        #expect(try browser.evaluate("document.getElementById('article').value") as? String == "Cathédrale de Clermont")
        #expect(try browser.evaluate("document.getElementById('label').value") as? String == "")
        _ = try browser.evaluate("var d = document.getElementById('id'); d.value = 'jaude'; d.dispatchEvent(new Event('input')); true")
        try browser.wait(for: "!!document.getElementById('useproposal')")
        let status = try browser.evaluate("document.getElementById('idstatus').textContent") as? String ?? ""
        #expect(status.contains("JAUDE est déjà le panneau de « Cathédrale de Clermont »"), "\(status)")
        _ = try browser.evaluate("document.getElementById('useproposal').click(); true")
        #expect(try browser.evaluate("document.getElementById('id').value") as? String == "JAUDE2")
        try browser.wait(for: "document.getElementById('idstatus').textContent.includes('JAUDE2 est libre')")
        _ = try browser.evaluate("document.getElementById('preview-button').click(); true")
        try browser.wait(for: "!!document.getElementById('add') && document.querySelector('.preview img').complete && document.querySelector('.preview img').naturalWidth > 0")
        try browser.screenshot(width: 390, height: 844, full: true).write(to: URL(fileURLWithPath: docs + "/admin-signs-phone.png"))
        try browser.screenshot(width: 1280, height: 800, full: true).write(to: URL(fileURLWithPath: docs + "/admin-signs-laptop.png"))
        _ = try browser.evaluate("document.getElementById('add').click(); true")
        try browser.wait(for: "location.search.includes('added=JAUDE2')")
        let pdf = try Self.download(in: downloads, suffix: ".pdf")
        // The next sign starts on the book chosen last, and the new sign is in the catalogue, ready.
        try browser.navigate(base + "/admin/signs")
        #expect(try browser.evaluate("document.getElementById('book').value") as? String == "ville")
        #expect((try browser.evaluate("document.querySelector('main table').textContent") as? String ?? "").contains("JAUDE2"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))

        // The library page.
        try browser.navigate(base + "/admin/library")
        try browser.screenshot(width: 1280, height: 800, full: true).write(to: URL(fileURLWithPath: docs + "/admin-library-laptop.png"))

        // The welcome text, changed and seen on the landing page.
        try browser.navigate(base + "/admin/settings")
        _ = try browser.evaluate("document.getElementById('welcome_fr').value = 'Bienvenue à la médiathèque !'; document.querySelector('main form button[type=submit]').click(); true")
        try browser.wait(for: "location.search === '?saved=1'")
        try browser.screenshot(width: 390, height: 844, full: true).write(to: URL(fileURLWithPath: docs + "/admin-settings-phone.png"))
        try browser.navigate(base + "/?lang=fr")
        #expect(try browser.evaluate("document.querySelector('h1').textContent") as? String == "Bienvenue à la médiathèque !")
        #expect(try browser.evaluate("document.body.innerHTML.includes('/admin')") as? Bool == false, "no admin link for visitors")

        // Signing out closes the area.
        try browser.navigate(base + "/admin")
        _ = try browser.evaluate("document.querySelector('header form button').click(); true")
        try browser.wait(for: "location.pathname === '/admin/login'")
        try browser.navigate(base + "/admin/library")
        try browser.wait(for: "location.pathname === '/admin/login'")
    }
}
