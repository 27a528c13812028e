import Foundation
import Testing
@testable import Kiosk

/// Updates when the kiosk has Internet, against a Kiwix-like catalogue on 127.0.0.1 (real HTTP
/// through curl, real ZIM files): an OPDS feed whose entry links a `.meta4` metalink with the
/// file's size, SHA-256 and mirror, as library.kiwix.org does.
@Suite("Book updates from a Kiwix catalogue", .serialized, .enabled(if: CurlTool.find() != nil, "needs curl"))
struct BookUpdateTests {
    /// A kiosk with `ville.zim` (2026-11-21) in its books folder, looking for updates at `web`.
    static func kiosk(catalog: String) throws -> AdminKiosk {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        var settings = kiosk.settings.current
        settings.updateCatalog = catalog
        kiosk.settings.replace(with: settings)
        return kiosk
    }

    /// The catalogue: an older and a newer edition of `ville`, and another book; the newer one's
    /// file behind a metalink with `sha256` (the file's own, unless given).
    static func publish(on web: TinyWebServer, sha256: String? = nil, announcedSize: Int? = nil) throws -> [UInt8] {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = try BookShelfTests.edition(at: folder + "/ville_2026-12.zim", date: "2026-12-01",
                                              marker: "Édition de décembre", payload: 400_000)
        let file = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        web.serve("/zim/ville_2026-12.zim", type: "application/octet-stream", file)
        let digest = try #require(Sodium.sha256(file: path))
        web.serve("/zim/ville_2026-12.zim.meta4", type: "application/metalink4+xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <metalink xmlns="urn:ietf:params:xml:ns:metalink">
              <file name="ville_2026-12.zim">
                <size>\(announcedSize ?? file.count)</size>
                <hash type="md5">00000000000000000000000000000000</hash>
                <hash type="sha-256">\(sha256 ?? digest)</hash>
                <url location="fr" priority="2">\(web.base)/missing/ville_2026-12.zim</url>
                <url location="de" priority="1">\(web.base)/zim/ville_2026-12.zim</url>
              </file>
            </metalink>
            """.utf8))
        func entry(_ name: String, _ date: String, _ href: String) -> String {
            """
              <entry>
                <id>urn:uuid:\(UUID().uuidString.lowercased())</id>
                <title>Ville de test</title>
                <updated>\(date)T00:00:00Z</updated>
                <name>\(name)</name>
                <dc:issued>\(date)T00:00:00Z</dc:issued>
                <link rel="http://opds-spec.org/acquisition/open-access" type="application/x-zim" href="\(href)" length="\(file.count)" />
              </entry>
            """
        }
        web.serve("/catalog/v2/entries", type: "application/atom+xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="https://specs.opds.io/opds-1.2">
            \(entry("ville", "2026-01-01", "/zim/ville_2026-01.zim"))
            \(entry("ville", "2026-12-01", "/zim/ville_2026-12.zim.meta4"))
            \(entry("autre", "2027-01-01", "/zim/autre.zim"))
            </feed>
            """.utf8))
        return file
    }

    /// Looks for updates in `web`'s catalogue and updates `ville`, which must come to nothing:
    /// the books folder still holds only the old file. Returns the Books page then.
    static func refusedUpdate(from web: TinyWebServer) throws -> String {
        let kiosk = try Self.kiosk(catalog: web.base + "/catalog/v2/entries")
        let session = try kiosk.login()
        _ = try Self.check(kiosk, session)
        #expect(kiosk.request(.post, "/admin/library/update", cookie: session.id,
                              form: [("csrf", session.csrf), ("book", "ville")]).status == 303)
        BookShelfTests.settle(try BookShelfTests.shelf(kiosk))
        #expect(BookShelfTests.files(in: kiosk.libraryFolder) == ["ville.zim"])
        return kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
    }

    static func check(_ kiosk: AdminKiosk, _ session: (id: String, csrf: String)) throws -> String {
        let shelf = try BookShelfTests.shelf(kiosk)
        #expect(kiosk.request(.post, "/admin/library/check", cookie: session.id, form: [("csrf", session.csrf)]).status == 303)
        let deadline = Date().addingTimeInterval(30)
        while shelf.updateState.running, Date() < deadline { usleep(20_000) }
        return kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
    }

    @Test func sha256OfAFileIsLibsodiumsOverChunks() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try Data("abc".utf8).write(to: URL(fileURLWithPath: folder + "/abc"))
        #expect(Sodium.sha256(file: folder + "/abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        try Data().write(to: URL(fileURLWithPath: folder + "/empty"))
        #expect(Sodium.sha256(file: folder + "/empty") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Over the 1 MiB chunk size: 3 MiB of "a" (as `head -c 3145728 /dev/zero | tr '\\0' a | sha256sum`).
        try Data(repeating: 0x61, count: 3 << 20).write(to: URL(fileURLWithPath: folder + "/big"))
        if Shell.exists("/usr/bin/sha256sum") {
            let reference = try Shell.run("/usr/bin/sha256sum", [folder + "/big"]).output.prefix(64)
            #expect(Sodium.sha256(file: folder + "/big") == String(reference))
        }
        #expect(Sodium.sha256(file: folder + "/missing") == nil)
    }

    @Test func theCatalogueSettingIsAnHTTPAddress() {
        let good = SettingsParser.parse("[library]\nupdates = https://library.kiwix.org/catalog/v2/entries\n", file: "k.conf")
        #expect(good.settings.updateCatalog == "https://library.kiwix.org/catalog/v2/entries" && good.problems.isEmpty)
        let bad = SettingsParser.parse("[library]\nupdates = file:///etc/passwd\n", file: "k.conf")
        #expect(bad.settings.updateCatalog == nil)
        #expect(bad.problems.map(\.message) == ["updates must be the address of a Kiwix catalogue (https://library.kiwix.org/catalog/v2/entries)"])
    }

    @Test func aNewerEditionIsFoundThenDownloadedAcrossACutAndReplacesTheOld() throws {
        let web = try TinyWebServer()
        defer { web.stop() }
        let file = try Self.publish(on: web)
        web.cutOnce("/zim/ville_2026-12.zim", after: 150_000)
        let kiosk = try Self.kiosk(catalog: web.base + "/catalog/v2/entries")
        let session = try kiosk.login()
        let page = try Self.check(kiosk, session)
        #expect(web.requests.withLock { $0.first?.target } == "/catalog/v2/entries?name=ville&count=20")
        #expect(page.contains("Ville de test : la borne a l&#39;édition du 2026-11-21."), "\(page)")
        #expect(page.contains("Mettre à jour : édition du 2026-12-01 (\(ByteSize.text(UInt64(file.count), "fr")))"))
        let response = kiosk.request(.post, "/admin/library/update", cookie: session.id,
                                     form: [("csrf", session.csrf), ("book", "ville")])
        #expect(response.status == 303)
        BookShelfTests.settle(try BookShelfTests.shelf(kiosk))
        // Cut at 150,000 bytes, then resumed from there on the mirror of highest priority.
        let downloads = web.requests.withLock { $0.filter { $0.target == "/zim/ville_2026-12.zim" } }
        #expect(downloads.map(\.range) == [nil, "bytes=150000-"])
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: kiosk.libraryFolder + "/ville_2026-12.zim"))) == file)
        #expect(BookShelfTests.files(in: kiosk.libraryFolder) == ["ville_2026-12.zim"])
        let article = kiosk.request(.get, "/content/ville/Accueil")
        #expect(article.status == 200 && article.bodyText.contains("Édition de décembre"))
        #expect(kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
            .contains("L&#39;ancienne édition « Ville de test » a été supprimée."))
        // Up to date now.
        #expect(try Self.check(kiosk, session).contains("Tous les livres sont à jour (vérifié à "))
    }

    @Test func aDownloadThatIsNotTheCataloguesFileIsNotAdded() throws {
        let web = try TinyWebServer()
        defer { web.stop() }
        _ = try Self.publish(on: web, sha256: String(repeating: "ab", count: 32))
        let page = try Self.refusedUpdate(from: web)
        #expect(page.contains("Le fichier téléchargé ne correspond pas à l&#39;empreinte SHA-256 du catalogue : rien n&#39;a été ajouté."))
    }

    @Test func aDownloadLongerThanTheCatalogueSaysIsStoppedAndNotAdded() throws {
        let web = try TinyWebServer()
        defer { web.stop() }
        let file = try Self.publish(on: web, announcedSize: 300_000)
        #expect(file.count > 300_000)
        let page = try Self.refusedUpdate(from: web)
        #expect(page.contains("La copie ne fait pas la taille du fichier ("), "\(page)")
    }

    @Test func withoutInternetTheCatalogueProblemIsShown() throws {
        let web = try TinyWebServer()
        let closed = web.base
        web.stop()
        let kiosk = try Self.kiosk(catalog: closed + "/catalog/v2/entries")
        let session = try kiosk.login()
        let page = try Self.check(kiosk, session)
        #expect(page.contains("Le catalogue n&#39;a pas pu être lu ("), "\(page)")
        #expect(page.contains("La borne est-elle connectée à Internet ?"))
        #expect(kiosk.request(.post, "/admin/library/update", cookie: session.id,
                              form: [("csrf", session.csrf), ("book", "ville")]).status == 400)
    }
}
