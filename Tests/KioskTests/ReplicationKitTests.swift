import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The replication kit: exported on one kiosk and imported on a fresh one, it gives the same
/// home page and signs; it lists the books with their checksums; it carries statistics only
/// when asked; and a kit that would not load, or that tries to reach outside its folder,
/// changes nothing.
@Suite("The replication kit", .serialized)
struct ReplicationKitTests {
    /// A configuration folder: a copy of kiosk-config/, with `edit` applied to wikikiosk.conf.
    static func configFolder(_ path: String, edit: (String) -> String = { $0 }) throws -> String {
        try FileManager.default.createDirectory(atPath: path + "/locales", withIntermediateDirectories: true)
        for name in ["sign-template.ini", "signs.csv", "locales/fr.ini", "locales/en.ini"] {
            try FileManager.default.copyItem(atPath: ConfigTests.checkoutConfig + "/" + name, toPath: path + "/" + name)
        }
        let conf = try String(contentsOfFile: ConfigTests.checkoutConfig + "/wikikiosk.conf", encoding: .utf8)
        try edit(conf).write(toFile: path + "/wikikiosk.conf", atomically: true, encoding: .utf8)
        return path
    }

    /// The test book in `folder`, loaded.
    static func villeLibrary(_ folder: String) throws -> (Library, String) {
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let library = Library()
        BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error)).load(zim)
        return (library, zim)
    }

    static func home(config: String, library: Library) -> String {
        let loaded = ConfigLoader(path: config, stateDirectory: nil).load()
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20), strings: loaded.strings,
                                   log: Log(minimumLevel: .error), settings: LiveSettings(loaded.settings))
        return KioskRoutes.router(context).handle(Request(method: .get, target: "/?lang=fr", remoteAddress: "10.42.0.9")).bodyText
    }

    @Test func exportedThenImportedOnAFreshKioskItGivesTheSameHomePageAndSigns() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, _) = try Self.villeLibrary(folder)
        let original = try Self.configFolder(folder + "/jaude") {
            $0.replacingOccurrences(of: "name = Médiathèque de démonstration", with: "name = Médiathèque de Jaude")
                .replacingOccurrences(of: "Comment chercher un article = wikikiosk-demo/fr/Comment_chercher",
                                      with: "La cathédrale = ville/Cathédrale")
        }
        try "id,book,article,label,language,target\nCATH,ville,Cathédrale,Parvis,fr,kiosk\n"
            .write(toFile: original + "/signs.csv", atomically: true, encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: original + "/blason.png"))
        try (try String(contentsOfFile: original + "/sign-template.ini", encoding: .utf8) + "\nlogo = blason.png\n")
            .write(toFile: original + "/sign-template.ini", atomically: true, encoding: .utf8)
        let archive = folder + "/kit.tar.gz"
        try ReplicationKit.export(config: original, books: library.books, to: archive)
        let members = try Shell.run("/bin/tar", ["-tzf", archive]).output.split(separator: "\n").map(String.init).sorted()
        #expect(members.contains("wikikiosk-kit/books.tsv") && members.contains("wikikiosk-kit/README.txt")
                && members.contains("wikikiosk-kit/LISEZMOI.txt") && members.contains("wikikiosk-kit/blason.png"))
        #expect(!members.contains { $0.contains("statistics") || $0.contains("admin-password") })

        let fresh = try Self.configFolder(folder + "/fresh")
        try "hash".write(toFile: fresh + "/admin-password", atomically: true, encoding: .utf8)
        #expect(Self.home(config: fresh, library: library) != Self.home(config: original, library: library))
        let imported = try ReplicationKit.importKit(archive, config: fresh, library: library)
        #expect(imported.files == ["blason.png", "locales/en.ini", "locales/fr.ini", "sign-template.ini", "signs.csv", "wikikiosk.conf"])
        #expect(imported.missingBooks.isEmpty)
        let backup = try #require(imported.backup)
        #expect(try String(contentsOfFile: backup + "/signs.csv", encoding: .utf8).contains("JAUDE"))
        #expect(Self.home(config: fresh, library: library) == Self.home(config: original, library: library))
        #expect(Self.home(config: fresh, library: library).contains("Médiathèque de Jaude"))
        #expect(SignCatalog.load(file: fresh + "/signs.csv").signs == SignCatalog.load(file: original + "/signs.csv").signs)
        #expect(try String(contentsOfFile: fresh + "/admin-password", encoding: .utf8) == "hash", "the password is not the kit's")
        // A kiosk without the books is told which to add.
        let other = try Self.configFolder(folder + "/other")
        #expect(try ReplicationKit.importKit(archive, config: other, library: Library()).missingBooks == ["ville"])
    }

    @Test func theBookListHasTheZIMsOwnChecksumAndTheReadmeBothLanguages() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, zim) = try Self.villeLibrary(folder)
        let list = BookList(books: library.books).tsv.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(list[0] == ["name", "file", "size", "uuid", "md5", "title"])
        let size = try #require(FileFingerprint.of(zim)).size
        // The MD5 libzim wrote: of every byte before the last 16.
        let md5 = try Shell.run("/bin/sh", ["-c", "head -c \(size - 16) '\(zim)' | md5sum"]).output.prefix(32)
        #expect(list[1] == ["ville", "ville.zim", String(size), library.books[0].id, String(md5), "Ville de test"])
        let settings = ConfigLoader(path: ConfigTests.checkoutConfig, stateDirectory: nil).load().settings
        let french = KitReadme.text("fr", settings: settings, books: library.books, build: .unknown)
        #expect(french.hasPrefix("Kit de réplication de la borne « Médiathèque de démonstration »"))
        #expect(french.contains("  - Ville de test : ville.zim ("))
        #expect(KitReadme.text("en", settings: settings, books: library.books, build: .unknown).contains("sudo wikikiosk kit import"))
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func theCommandsExportAndImport() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/books", withIntermediateDirectories: true)
        _ = try Fixtures.writeBook(at: folder + "/books/ville.zim")
        let original = try Self.configFolder(folder + "/a") { $0.replacingOccurrences(of: "place = Clermont-Ferrand, Puy-de-Dôme", with: "place = Riom") }
        let fresh = try Self.configFolder(folder + "/b")
        let export = try Shell.run(Fixtures.wikikioskExecutable!, ["kit", "export", "--config", original, "--library", folder + "/books",
                                                                   "--output", folder + "/kit.tar.gz"])
        #expect(export.status == 0 && export.output.contains("(1 books listed)"), "\(export.output)")
        let imported = try Shell.run(Fixtures.wikikioskExecutable!, ["kit", "import", folder + "/kit.tar.gz", "--config", fresh])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("Books to add (books.tsv in the kit): ville"))
        #expect(ConfigLoader(path: fresh, stateDirectory: nil).load().settings.place == "Riom")
        let refused = try Shell.run(Fixtures.wikikioskExecutable!, ["kit", "import", folder + "/nothing.tar.gz", "--config", fresh])
        #expect(refused.status != 0 && refused.output.contains("not a WikiKiosk kit"))
    }

    @Test func theStaffAreaDownloadsTheKit() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let response = kiosk.request(.get, "/admin/kiosk/kit", cookie: session.id)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/gzip")
        #expect(response.headers["Content-Disposition"] == "attachment; filename=\"wikikiosk-kit-mediatheque_de_demonstration.tar.gz\"")
        #expect(response.headers["Cache-Control"] == "no-store")
        let file = kiosk.folder + "/downloaded.tar.gz"
        try Data(response.bodyBytes).write(to: URL(fileURLWithPath: file))
        let members = try Shell.run("/bin/tar", ["-tzf", file]).output
        #expect(members.contains("wikikiosk-kit/wikikiosk.conf") && members.contains("wikikiosk-kit/books.tsv"))
        #expect(kiosk.request(.get, "/admin/kiosk/kit").status == 303, "signed in only")
    }

    @Test func statisticsOnlyWhenAsked() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let config = try Self.configFolder(folder + "/config")
        let log = try UsageLog(path: folder + "/usage.sqlite", settings: UsageFixtures.settings(flush: 60))
        log.record(UsageEvent(.landingView, clientAddress: "10.42.0.2", userAgent: "Phone"))
        log.flush()
        let archive = folder + "/kit.tar.gz"
        try ReplicationKit.export(config: config, books: [], to: archive, statistics: folder + "/usage.sqlite")
        log.close()
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        #expect(try Shell.run("/bin/tar", ["-xzf", archive, "-C", folder + "/out"]).status == 0)
        let copy = try SQLiteConnection(path: folder + "/out/wikikiosk-kit/statistics/usage.sqlite", readOnly: true, create: false)
        #expect(try copy.scalar("SELECT COUNT(*) FROM events")?.int == 1)
    }

    @Test func aKitThatWouldNotLoadOrReachesOutsideChangesNothing() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let target = try Self.configFolder(folder + "/target")
        let before = try String(contentsOfFile: target + "/wikikiosk.conf", encoding: .utf8)
        func kit(_ name: String, _ make: (String) throws -> Void) throws -> String {
            let staging = folder + "/" + name
            try FileManager.default.createDirectory(atPath: staging + "/wikikiosk-kit", withIntermediateDirectories: true)
            try make(staging + "/wikikiosk-kit")
            #expect(try Shell.run("/bin/tar", ["-czf", staging + ".tar.gz", "-C", staging, "wikikiosk-kit"]).status == 0)
            return staging + ".tar.gz"
        }
        let broken = try kit("broken") { try "[kiosk]\nport = huit\n".write(toFile: $0 + "/wikikiosk.conf", atomically: true, encoding: .utf8) }
        let linked = try kit("linked") {
            try "[kiosk]\nname = X\n".write(toFile: $0 + "/wikikiosk.conf", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: $0 + "/signs.csv", withDestinationPath: "/etc/passwd")
        }
        let empty = try kit("empty") { _ in }
        for (archive, expected) in [(broken, "would not load"), (linked, "signs.csv is not a plain file"), (empty, "no wikikiosk.conf"),
                                    (folder + "/missing.tar.gz", "tar:")] {
            do {
                _ = try ReplicationKit.importKit(archive, config: target)
                Issue.record("\(archive) was imported")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
        // A member reaching outside the kit's folder: tar refuses it.
        try "x".write(toFile: folder + "/evil", atomically: true, encoding: .utf8)
        #expect(try Shell.run("/bin/tar", ["-czf", folder + "/evil.tar.gz", "-C", folder,
                                           "--transform", "s,^evil,wikikiosk-kit/../../evil,", "evil"]).status == 0)
        #expect(throws: KitError.self) { _ = try ReplicationKit.importKit(folder + "/evil.tar.gz", config: target) }
        #expect(try String(contentsOfFile: target + "/wikikiosk.conf", encoding: .utf8) == before)
        #expect((try FileManager.default.contentsOfDirectory(atPath: target)).allSatisfy { !$0.hasPrefix("backup-") })
    }
}
