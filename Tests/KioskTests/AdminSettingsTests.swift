import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The settings page: validated, written back atomically with a backup, applied at once.
@Suite("Staff area settings")
struct AdminSettingsTests {
    static func form(_ csrf: String, name: String = "Médiathèque Jules-Verne", welcomeFR: String = "Bienvenue à Jules-Verne !",
                     featured: String = "Cathédrale = ville/Cathédrale | La plus belle") -> [(String, String)] {
        [("csrf", csrf), ("name", name), ("place", "Nantes"), ("welcome_fr", welcomeFR),
         ("intro_fr", VisitorStrings.french["landing.intro"]!), ("welcome_en", "Welcome to Jules-Verne!"),
         ("intro_en", VisitorStrings.english["landing.intro"]!), ("featured", featured)]
    }

    @Test func savingAppliesAtOnceAndWritesTheFileBack() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let before = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        let page = kiosk.request(.get, "/admin/settings", cookie: session.id)
        #expect(page.bodyText.contains("value=\"Médiathèque de démonstration\""))
        let saved = kiosk.request(.post, "/admin/settings", cookie: session.id, form: Self.form(session.csrf))
        #expect(saved.status == 303, "\(saved.bodyText.prefix(800))")
        #expect(saved.headers["Location"] == "/admin/settings?saved=1")
        // Applied without restart: the landing page shows it.
        let landing = kiosk.request(.get, "/?lang=fr").bodyText
        #expect(landing.contains("Bienvenue à Jules-Verne !"))
        #expect(landing.contains("Médiathèque Jules-Verne"))
        #expect(landing.contains("La plus belle"))
        #expect(kiosk.request(.get, "/?lang=en").bodyText.contains("Welcome to Jules-Verne!"))
        // Written back: comments kept, the previous version in .bak, and it loads as is.
        let after = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        #expect(after.contains("name = Médiathèque Jules-Verne"))
        #expect(after.contains("welcome.fr = Bienvenue à Jules-Verne !"))
        #expect(!after.contains("intro.fr"), "an unchanged text is not copied into the file")
        #expect(after.contains("# The kiosk's name and where it is"))
        #expect(after.contains("ssid = Wikipedia sans Internet"))
        #expect(try String(contentsOfFile: kiosk.configFile + ".bak", encoding: .utf8) == before)
        let reloaded = ConfigLoader(path: kiosk.configFile, stateDirectory: nil).load()
        #expect(reloaded.problems.isEmpty, "\(reloaded.problems)")
        #expect(reloaded.settings.name == "Médiathèque Jules-Verne")
        #expect(reloaded.settings.featured == [FeaturedArticle(title: "Cathédrale", book: "ville", path: "Cathédrale",
                                                               description: "La plus belle")])
        #expect(reloaded.settings.landingTexts["fr"]?["landing.welcome"] == "Bienvenue à Jules-Verne !")
        // Saving the same form again changes nothing but keeps working.
        #expect(kiosk.request(.post, "/admin/settings", cookie: session.id, form: Self.form(session.csrf)).status == 303)
        #expect(try String(contentsOfFile: kiosk.configFile, encoding: .utf8) == after)
        // An emptied text goes back to the translation file's.
        let reset = kiosk.request(.post, "/admin/settings", cookie: session.id, form: Self.form(session.csrf, welcomeFR: ""))
        #expect(reset.status == 303)
        #expect(kiosk.request(.get, "/?lang=fr").bodyText.contains(HTML.escape(VisitorStrings.french["landing.welcome"]!)))
    }

    @Test func invalidValuesAreRefusedAndNothingIsWritten() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let before = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        let cases: [[(String, String)]] = [
            Self.form(session.csrf, name: ""),
            Self.form(session.csrf, name: String(repeating: "x", count: 81)),
            Self.form(session.csrf, featured: "Not a featured line"),
            Self.form(session.csrf, featured: "[kiosk]"),
            Self.form(session.csrf, featured: "Title = nobook"),
            Self.form(session.csrf, welcomeFR: String(repeating: "é", count: 121)),
        ]
        for form in cases {
            let response = kiosk.request(.post, "/admin/settings", cookie: session.id, form: form)
            #expect(response.status == 422, "\(form.map(\.1).joined(separator: "|").prefix(120))")
            #expect(response.bodyText.contains("class=\"notice error\""))
        }
        #expect(try String(contentsOfFile: kiosk.configFile, encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: kiosk.configFile + ".bak"))
        #expect(kiosk.settings.current.name == "Médiathèque de démonstration")
        // A line break can't smuggle a setting into the file.
        let sneaky = kiosk.request(.post, "/admin/settings", cookie: session.id,
                                   form: Self.form(session.csrf, name: "Borne\nport = 1"))
        #expect(sneaky.status == 303)
        let parsed = ConfigLoader(path: kiosk.configFile, stateDirectory: nil).load()
        #expect(parsed.settings.port == 8080)
        #expect(parsed.settings.name == "Borne port = 1")
    }

    @Test func rewriterKeepsEverythingElse() {
        let original = "# head\n[kiosk]\n# name comment\nname = A\nport = 9000\n\n[featured]\n# how\nOld = b/p\n\n[hotspot]\nssid = X\n"
        let rewriter = ConfigRewriter(name: "B", place: "Here", featuredLines: ["New = b/q", "Other = c/r | d"],
                                      texts: ["en": ["landing.welcome": "Hi"]], languages: ["fr", "en"])
        let text = rewriter.rewrite(original)
        #expect(text == "# head\n[kiosk]\nplace = Here\n# name comment\nname = B\nport = 9000\n\n[featured]\n# how\n"
                + "New = b/q\nOther = c/r | d\n\n[hotspot]\nssid = X\n\n[texts]\n"
                + "# Home page texts set from the staff area (they win over locales/<language>.ini).\nwelcome.en = Hi\n")
        #expect(SettingsParser.parse(text, file: "x").problems.isEmpty)
    }
}

/// Atomic replacement: a crash at any moment leaves the old or the new file, never a broken one.
@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test func aCrashBeforeTheRenameLeavesTheOldFile() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let file = folder + "/wikikiosk.conf"
        try AtomicFile.write(Array("[kiosk]\nname = Old\n".utf8), to: file, keepBackup: false)
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try AtomicFile.write(Array("[kiosk]\nname = New\n".utf8), to: file) { throw Crash() }
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "[kiosk]\nname = Old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
        try AtomicFile.write(Array("[kiosk]\nname = New\n".utf8), to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "[kiosk]\nname = New\n")
        #expect(try String(contentsOfFile: file + ".bak", encoding: .utf8) == "[kiosk]\nname = Old\n")
    }

    @Test func modeIsKept() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let file = folder + "/signs.csv"
        try AtomicFile.write(Array("a\n".utf8), to: file, permissions: 0o600)
        try AtomicFile.write(Array("b\n".utf8), to: file)
        var info = stat()
        _ = stat(file, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// A real crash: a child process rewrites the file in a loop and is killed with SIGKILL at
    /// random moments; every time, the file is one complete version.
    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil)) func killedWritersNeverLeaveABrokenFile() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let file = folder + "/wikikiosk.conf"
        let versions = (0..<2).map { version in
            "[kiosk]\nname = Version \(version)\n" + String(repeating: "# padding line \(version)\n", count: 20_000)
        }
        try AtomicFile.write(Array(versions[0].utf8), to: file, keepBackup: false)
        for round in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
            process.arguments = ["admin", "write-test", "--file", file, "--versions", String(versions.count)]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(40_000 + round * 23_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(versions.contains(text), "round \(round): \(text.utf8.count) bytes")
        }
    }
}
