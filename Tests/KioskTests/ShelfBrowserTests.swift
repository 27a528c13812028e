import Foundation
import Testing
@testable import Kiosk

/// A staff member adds a book from a USB stick on a phone, in Debian's headless Chromium at
/// 360 px, and finds it on the visitors' home page: a real `KioskServer` with a books folder,
/// the checks of the copy run by the `wikikiosk` binary in a child process when it is built.
/// Screenshots: docs/admin-library-usb-phone.png, docs/admin-library-added-phone.png,
/// docs/landing-after-usb-phone.png (when refreshed).
@Suite("Adding a book from a USB stick in a real browser", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct ShelfBrowserTests {
    @Test func staffAddsABookFromAStickAndVisitorsFindItOnTheHomePage() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/locales", withIntermediateDirectories: true)
        for name in ["wikikiosk.conf", "locales/fr.ini", "locales/en.ini"] {
            try FileManager.default.copyItem(atPath: ConfigTests.checkoutConfig + "/" + name, toPath: config + "/" + name)
        }
        try AdminPassword(configPath: config).set(AdminBrowserTests.password)
        try FileManager.default.createDirectory(atPath: folder + "/library", withIntermediateDirectories: true)
        _ = try Fixtures.writeBook(at: folder + "/library/ville.zim")
        _ = try BookShelfTests.edition(at: folder + "/usb/sda1/volcans_2026-10.zim", date: "2026-10-01",
                                       marker: "Les volcans d'Auvergne", payload: 2_000_000, title: "Atlas des volcans")
        var configuration = KioskConfiguration()
        configuration.stateDirectory = folder + "/state"
        configuration.applyConfigFolder(config, address: "127.0.0.1", port: 0, library: folder + "/library",
                                        log: Log(minimumLevel: .error) { _ in })
        configuration.settings.usbDirectory = folder + "/usb"
        configuration.threads = 2
        let validator: any ArchiveValidating = Fixtures.wikikioskExecutable.map { ChildProcessValidator(executable: $0) }
            ?? InProcessValidator()
        let server = try KioskServer(configuration: configuration, validator: validator, log: Log(minimumLevel: .error) { _ in })
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        let docs = ScreenshotFolder.path

        try browser.navigate(base + "/admin/login?lang=fr")
        try browser.wait(for: "!!document.getElementById('password')")
        _ = try browser.evaluate("document.getElementById('password').value = \(DevToolsClient.quote(AdminBrowserTests.password)); document.querySelector('main form button').click(); true")
        try browser.wait(for: "location.pathname === '/admin' && !!document.getElementById('today')")

        try browser.navigate(base + "/admin/library")
        try browser.wait(for: "!!document.querySelector('form[action=\"/admin/library/add\"] button')")
        let offered = try browser.evaluate("document.querySelector('form[action=\"/admin/library/add\"]').closest('tr').textContent") as? String ?? ""
        #expect(offered.contains("Atlas des volcans") && offered.contains("volcans_2026-10.zim · fra · 2026-10-01"), "\(offered)")
        try browser.screenshot(width: 360, height: 740, full: true).write(to: URL(fileURLWithPath: docs + "/admin-library-usb-phone.png"))
        let width = try browser.evaluate("document.documentElement.scrollWidth") as? Int ?? 999
        #expect(width <= 360, "the page is \(width) px wide on a 360 px phone")
        let axe = try? String(contentsOfFile: ReadingBrowserTests.axe, encoding: .utf8)
        if let axe {
            let serious = try ReadingBrowserTests.axeViolations(browser, axe: axe).filter(\.isSerious)
            #expect(serious.isEmpty, "the Books page with a stick: \(serious)")
        }

        _ = try browser.evaluate("document.querySelector('form[action=\"/admin/library/add\"] button').click(); true")
        // The page reloads itself while the copy and its checks run, until the book is served.
        try browser.wait(for: "location.pathname === '/admin/library' && document.body.textContent.includes('Ajouté : les visiteurs peuvent le lire.')",
                         timeout: 60)
        try browser.screenshot(width: 360, height: 740, full: true).write(to: URL(fileURLWithPath: docs + "/admin-library-added-phone.png"))
        #expect(FileManager.default.contentsEqual(atPath: folder + "/usb/sda1/volcans_2026-10.zim",
                                                  andPath: folder + "/library/volcans_2026-10.zim"))

        if let axe {
            try browser.navigate(base + "/admin/library/remove?book=ville")
            try browser.wait(for: "!!document.querySelector('form[action=\"/admin/library/remove\"]')")
            let serious = try ReadingBrowserTests.axeViolations(browser, axe: axe).filter(\.isSerious)
            #expect(serious.isEmpty, "the removal page: \(serious)")
        }

        try browser.navigate(base + "/?lang=fr")
        try browser.wait(for: "!!document.querySelector('a[href^=\"/content/volcans/\"]')")
        let card = try browser.evaluate("document.querySelector('a[href^=\"/content/volcans/\"]').textContent") as? String ?? ""
        #expect(card.contains("Atlas des volcans"), "\(card)")
        try browser.screenshot(width: 360, height: 740, full: true).write(to: URL(fileURLWithPath: docs + "/landing-after-usb-phone.png"))
        _ = try browser.evaluate("document.querySelector('a[href^=\"/content/volcans/\"]').click(); true")
        try browser.wait(for: "document.body.textContent.includes(\"Les volcans d'Auvergne\")")
    }
}
