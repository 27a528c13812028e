import Foundation
import Testing
import ZimKit
@testable import Kiosk

/// Books added from a USB stick, removed and replaced through the staff area's Books page, with
/// real ZIM files: a "stick" is a folder below the USB folder, as `Deploy/` mounts one.
@Suite("Books from a USB stick, removed and replaced", .serialized)
struct BookShelfTests {
    /// A new edition of the test book: dated `date`, its home page saying `marker`, with
    /// `payload` bytes of incompressible data (so a slowed copy takes a while).
    static func edition(at path: String, date: String, marker: String, payload: Int = 0,
                        title: String = "Ville de test") throws -> String {
        var book = ZimBook(title: title, language: "fra", metadata: [("Date", date), ("Description", marker)])
        book.fullTextLanguage = nil
        book.add(article: "Accueil", title: "Accueil", html: Fixtures.page("Accueil", marker))
        if payload > 0 {
            var generator = SplitMix64(seed: 7)
            book.add(item: "I/bruit.bin", mimeType: "application/octet-stream",
                     content: (0..<payload).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        book.mainPath = "Accueil"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try book.write(to: path)
        return path
    }

    static func shelf(_ kiosk: AdminKiosk) throws -> BookShelf { try #require(kiosk.options.shelf) }

    /// Waits until no copy waits or runs.
    static func settle(_ shelf: BookShelf) {
        let deadline = Date().addingTimeInterval(30)
        while shelf.activity.contains(where: \.isActive), Date() < deadline { usleep(20_000) }
    }

    /// Signs in, puts an 8 MB book on the stick, starts adding it and waits until `until` bytes are copied.
    static func startSlowCopy(_ kiosk: AdminKiosk, until: UInt64) throws
        -> (session: (id: String, csrf: String), shelf: BookShelf, stick: String) {
        let session = try kiosk.login()
        let shelf = try Self.shelf(kiosk)
        let stick = try Self.edition(at: kiosk.usbFolder + "/sda1/lent.zim", date: "2026-10-01", marker: "Lent",
                                     payload: 8_000_000)
        #expect(kiosk.request(.post, "/admin/library/add", cookie: session.id,
                              form: [("csrf", session.csrf), ("file", stick)]).status == 303)
        let deadline = Date().addingTimeInterval(10)
        while (shelf.activity.first?.copied ?? 0) < until, Date() < deadline { usleep(10_000) }
        return (session, shelf, stick)
    }

    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func theBooksPageListsTheSticksFilesWithWhatCanBeDone() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let session = try kiosk.login()
        _ = try Self.edition(at: kiosk.usbFolder + "/sda1/zim/ville_2026-12.zim", date: "2026-12-01", marker: "Décembre")
        _ = try Self.edition(at: kiosk.usbFolder + "/sda1/autre_2026-10.zim", date: "2026-10-01", marker: "Autre")
        try FileManager.default.copyItem(atPath: kiosk.libraryFolder + "/ville.zim", toPath: kiosk.usbFolder + "/sda1/ville.zim")
        try FileManager.default.createDirectory(atPath: kiosk.usbFolder + "/sdb1", withIntermediateDirectories: true)
        let whole = try Data(contentsOf: URL(fileURLWithPath: kiosk.usbFolder + "/sda1/autre_2026-10.zim"))
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: kiosk.usbFolder + "/sdb1/coupé.zim"))
        let page = kiosk.request(.get, "/admin/library", cookie: session.id)
        #expect(page.status == 200)
        let html = page.bodyText
        // A newer edition of a book the kiosk has: replace it; a book it doesn't have: add it.
        #expect(html.contains("value=\"\(kiosk.usbFolder)/sda1/zim/ville_2026-12.zim\"><input type=\"hidden\" name=\"replace\" value=\"ville\"><button type=\"submit\">Remplacer « Ville de test » (2026-11-21)</button>"), "\(html)")
        #expect(html.contains("value=\"\(kiosk.usbFolder)/sda1/autre_2026-10.zim\"><button type=\"submit\">Ajouter</button>"))
        #expect(html.contains("autre_2026-10.zim · fra · 2026-10-01"))
        // The same file as the one served, and a truncated one with the reason.
        #expect(html.contains("Déjà sur la borne."))
        #expect(html.contains("Ne peut pas être ajouté :"))
        #expect(!html.contains("value=\"\(kiosk.usbFolder)/sdb1/coupé.zim\""))
        // A served book in the books folder can be removed.
        #expect(html.contains("<a href=\"/admin/library/remove?book=ville\">Retirer</a>"))
        #expect(!html.contains("http-equiv=\"refresh\""))
    }

    @Test func addingCopiesChecksAndServesTheBookAtOnce() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let session = try kiosk.login()
        let stick = try Self.edition(at: kiosk.usbFolder + "/sda1/autre_2026-10.zim", date: "2026-10-01",
                                     marker: "Un autre livre", payload: 300_000)
        #expect(kiosk.request(.get, "/content/autre_2026-10/Accueil").status == 404)
        let response = kiosk.request(.post, "/admin/library/add", cookie: session.id,
                                     form: [("csrf", session.csrf), ("file", stick)])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/admin/library#activity")
        Self.settle(try Self.shelf(kiosk))
        let article = kiosk.request(.get, "/content/autre_2026-10/Accueil")
        #expect(article.status == 200)
        #expect(article.bodyText.contains("Un autre livre"))
        #expect(FileManager.default.contentsEqual(atPath: stick, andPath: kiosk.libraryFolder + "/autre_2026-10.zim"))
        #expect(Self.files(in: kiosk.libraryFolder) == ["autre_2026-10.zim", "ville.zim"])
        let page = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(page.contains("Ajouté : les visiteurs peuvent le lire. <a href=\"/content/autre/\">Ouvrir</a>"), "\(page)")
        // Served under its undated name as well, and now "already on the kiosk".
        #expect(kiosk.request(.get, "/content/autre/Accueil").status == 200)
        #expect(page.contains("Déjà sur la borne."))
    }

    @Test func aCopyThatFailsItsChecksumIsNotAdded() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let session = try kiosk.login()
        let stick = try Self.edition(at: kiosk.usbFolder + "/sda1/abime.zim", date: "2026-10-01", marker: "Abîmé",
                                     payload: 200_000)
        // A changed byte in the middle of the noise's cluster fails the file's MD5 checksum only
        // (the quick checks the listing runs pass): a copy damaged on the stick.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: stick))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: [byte ^ 0xFF])
        try handle.close()
        let response = kiosk.request(.post, "/admin/library/add", cookie: session.id,
                                     form: [("csrf", session.csrf), ("file", stick)])
        #expect(response.status == 303)
        Self.settle(try Self.shelf(kiosk))
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville.zim"])
        #expect(kiosk.request(.get, "/content/abime/Accueil").status == 404)
        let page = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(page.contains("Le fichier copié est abîmé ("), "\(page)")
        #expect(page.contains("rien n&#39;a été ajouté"))
    }

    @Test func aBookTooBigForTheFreeSpaceIsRefusedWithTheNumbers() throws {
        let kiosk = try AdminKiosk(shelf: (free: 100_400_000, rate: nil))
        let session = try kiosk.login()
        let stick = try Self.edition(at: kiosk.usbFolder + "/sda1/gros.zim", date: "2026-10-01", marker: "Gros",
                                     payload: 1_000_000)
        let page = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(page.contains("Pas assez de place : il faut 101\u{00A0}Mo."), "\(page)")
        let response = kiosk.request(.post, "/admin/library/add", cookie: session.id,
                                     form: [("csrf", session.csrf), ("file", stick)])
        #expect(response.status == 409)
        #expect(response.bodyText.contains("Pas assez de place : il faut 101\u{00A0}Mo, il reste 100\u{00A0}Mo."))
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville.zim"])
    }

    @Test func aCancelledCopyLeavesNothing() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: 2_000_000))
        let (session, shelf, _) = try Self.startSlowCopy(kiosk, until: 2_000_000)
        let running = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(running.contains("<meta http-equiv=\"refresh\" content=\"2;url=/admin/library\">"))
        #expect(running.contains("<progress max=\"100\" value=\""))
        let progress = running.range(of: #"<span class="progress">[^<]*</span>"#, options: .regularExpression).map { String(running[$0]) } ?? running
        #expect(progress.range(of: #"copiés sur 8,\d\u00A0Mo · [0-9,]+\u00A0Mo/s"#, options: .regularExpression) != nil, "\(progress)")
        let id = try #require(shelf.activity.first?.id)
        #expect(kiosk.request(.post, "/admin/library/cancel", cookie: session.id,
                              form: [("csrf", session.csrf), ("job", String(id))]).status == 303)
        Self.settle(shelf)
        #expect(shelf.activity.first?.state == .failed(.cancelled))
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville.zim"])
        #expect(kiosk.request(.get, "/admin/library", cookie: session.id).bodyText.contains("Copie annulée : rien n&#39;a été ajouté."))
    }

    @Test func aStickPulledOutMidCopyLeavesNoPartialBook() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: 2_000_000))
        let (session, shelf, stick) = try Self.startSlowCopy(kiosk, until: 1_000_000)
        // What the copy sees of a vanished stick: the file ends early (a lazily unmounted FAT
        // stick reads short; a dead device gives EIO, handled alike).
        #expect(truncate(stick, 0) == 0)
        try FileManager.default.removeItem(atPath: kiosk.usbFolder + "/sda1")
        Self.settle(shelf)
        guard case .failed(.stickRemoved(let copied, let total)) = shelf.activity.first?.state else {
            Issue.record("\(String(describing: shelf.activity.first?.state))")
            return
        }
        #expect(copied > 0 && copied < total)
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville.zim"])
        let page = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(page.contains("La clé a été retirée (ou son fichier a changé) pendant la copie, après"))
        #expect(page.contains("Aucune clé USB avec des fichiers ZIM n&#39;est branchée."))
    }

    @Test func removingSaysWhatItFreesThenDeletesTheBook() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let session = try kiosk.login()
        let size = try #require(FileFingerprint.of(kiosk.libraryFolder + "/ville.zim")).size
        let confirm = kiosk.request(.get, "/admin/library/remove?book=ville", cookie: session.id)
        #expect(confirm.status == 200)
        let text = confirm.bodyText
        #expect(text.contains("<h1>Retirer « Ville de test » ?</h1>"))
        #expect(text.contains("Le fichier ville.zim sera supprimé de la borne."))
        #expect(text.contains("Cela libère \(ByteSize.text(size, "fr"))"))
        #expect(text.contains("Les panneaux QR, articles mis en avant et favoris qui mènent à ce livre ne fonctionneront plus."))
        // Nothing is deleted by looking, by a post without the token, or for a name outside the folder.
        #expect(FileManager.default.fileExists(atPath: kiosk.libraryFolder + "/ville.zim"))
        #expect(kiosk.request(.post, "/admin/library/remove", cookie: session.id, form: [("book", "ville")]).status == 403)
        #expect(kiosk.request(.post, "/admin/library/remove", cookie: session.id,
                              form: [("csrf", session.csrf), ("book", "../ville")]).status == 400)
        let removed = kiosk.request(.post, "/admin/library/remove", cookie: session.id,
                                    form: [("csrf", session.csrf), ("book", "ville")])
        #expect(removed.status == 303)
        #expect(Self.files(in: kiosk.libraryFolder).isEmpty)
        #expect(kiosk.request(.get, "/content/ville/Accueil").status == 404)
        #expect(kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
            .contains("Retiré : \(ByteSize.text(size, "fr")) libérés."))
    }

    @Test func replacingServesTheNewEditionUnderTheSameNameThenDeletesTheOld() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let session = try kiosk.login()
        let stick = try Self.edition(at: kiosk.usbFolder + "/sda1/ville_2026-12.zim", date: "2026-12-01",
                                     marker: "Édition de décembre")
        #expect(!kiosk.request(.get, "/content/ville/Accueil").bodyText.contains("Édition de décembre"))
        let response = kiosk.request(.post, "/admin/library/add", cookie: session.id,
                                     form: [("csrf", session.csrf), ("file", stick), ("replace", "ville")])
        #expect(response.status == 303)
        Self.settle(try Self.shelf(kiosk))
        // Links written with the stable name (signs, featured articles) open the new edition.
        let article = kiosk.request(.get, "/content/ville/Accueil")
        #expect(article.status == 200)
        #expect(article.bodyText.contains("Édition de décembre"))
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville_2026-12.zim"])
        #expect(kiosk.library.books.map(\.name) == ["ville_2026-12"])
        let page = kiosk.request(.get, "/admin/library", cookie: session.id).bodyText
        #expect(page.contains("L&#39;ancienne édition « Ville de test » a été supprimée."), "\(page)")
    }

    @Test func aCopyLeftByAPowerCutIsDeletedAtStart() throws {
        let kiosk = try AdminKiosk(shelf: (free: nil, rate: nil))
        let leftover = kiosk.libraryFolder + "/" + BookShelf.temporaryPrefix + "3-wikipedia.zim.part"
        try Data(repeating: 1, count: 1000).write(to: URL(fileURLWithPath: leftover))
        let shelf = BookShelf(libraryDirectory: kiosk.libraryFolder, settings: kiosk.settings,
                              loader: BookLoader(library: kiosk.library, validator: InProcessValidator(),
                                                 cache: ValidationCache(file: nil), log: Log(minimumLevel: .error) { _ in }),
                              validator: InProcessValidator())
        #expect(Self.files(in: kiosk.libraryFolder) == ["ville.zim"])
        #expect(shelf.activity.isEmpty)
    }
}
