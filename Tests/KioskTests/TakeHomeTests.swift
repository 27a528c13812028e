@testable import HTTPTestSupport
import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The "take home" page (`/take-home`, with `[library] downloads = on`): the reader apps staff
/// put in the apps folder, each book with its size and resumable download link, linked from the
/// home page; in every built-in language; 404 and no link when downloads are off.
@Suite("Take books home")
struct TakeHomeTests {
    static func router(_ folder: String, downloads: Bool, apps: [String: Int] = [:]) throws -> Router {
        try FileManager.default.createDirectory(atPath: folder + "/library/apps", withIntermediateDirectories: true)
        for (name, size) in apps {
            try Data(repeating: 0x50, count: size).write(to: URL(fileURLWithPath: folder + "/library/apps/" + name))
        }
        var settings = KioskSettings()
        settings.bookDownloads = downloads
        settings.libraryDirectory = folder + "/library"
        return try Fixtures.router(serving: folder + "/library/ville_2026-11.zim", settings: settings).0
    }

    static func get(_ router: Router, _ target: String, language: String = "fr") -> Response {
        router.handle(Request(method: .get, target: target, headers: HTTPHeaders([("Accept-Language", language)])))
    }

    @Test func offMeansNoPageAndNoLink() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let router = try Self.router(folder, downloads: false, apps: ["kiwix.apk": 1000])
        #expect(Self.get(router, "/take-home").status == 404)
        #expect(Self.get(router, "/take-home/apps/kiwix.apk").status == 404)
        #expect(!Self.get(router, "/").bodyText.contains("/take-home"))
    }

    @Test func thePageListsTheAppsAndTheBooksWithTheirSizes() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let router = try Self.router(folder, downloads: true, apps: ["kiwix-3.11.apk": 2_400_000, ".cache": 10])
        let size = try #require(FileFingerprint.of(folder + "/library/ville_2026-11.zim")).size
        let home = Self.get(router, "/").bodyText
        #expect(home.contains("<p class=\"takehome\"><a class=\"big\" href=\"/take-home\">Emporter ces livres sur votre téléphone</a></p>"))
        let page = Self.get(router, "/take-home")
        #expect(page.status == 200)
        #expect(page.headers["Content-Language"] == "fr")
        let html = page.bodyText
        #expect(html.contains("<h1>Emporter des livres</h1>"))
        #expect(html.contains("<b dir=\"ltr\">kiwix-3.11.apk</b><br><a href=\"/take-home/apps/kiwix-3.11.apk\" download>Télécharger (2,4\u{00A0}Mo)</a>"))
        #expect(html.contains("Sur Android : touchez le fichier téléchargé"))
        #expect(!html.contains(".cache"))
        #expect(html.contains("<a href=\"/download/ville.zim\" download>Télécharger (\(ByteSize.text(size, "fr")))</a>"))
        #expect(html.contains("Dans Kiwix, ouvrez le livre téléchargé"))
        // The link leads to the file itself.
        #expect(Self.get(router, "/download/ville.zim").status == 200)
    }

    @Test func anAppIsSentWithItsTypeAndResumes() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let router = try Self.router(folder, downloads: true, apps: ["kiwix.apk": 5000])
        let whole = Self.get(router, "/take-home/apps/kiwix.apk")
        #expect(whole.status == 200)
        #expect(whole.headers["Content-Type"] == "application/vnd.android.package-archive")
        #expect(whole.headers["Content-Disposition"] == "attachment; filename*=UTF-8''kiwix.apk")
        #expect(try DownloadTests.bytes(of: whole).count == 5000)
        let rest = router.handle(Request(method: .get, target: "/take-home/apps/kiwix.apk",
                                         headers: HTTPHeaders([("Range", "bytes=4000-")])))
        #expect(rest.status == 206)
        #expect(rest.headers["Content-Range"] == "bytes 4000-4999/5000")
        for hostile in ["/take-home/apps/..%2Fville_2026-11.zim", "/take-home/apps/.cache", "/take-home/apps/",
                        "/take-home/apps/nothing.apk", "/take-home/other"] {
            #expect(Self.get(router, hostile).status == 404, "\(hostile)")
        }
    }

    @Test func withoutAppsItSaysWhereToGetKiwixInEveryLanguage() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let router = try Self.router(folder, downloads: true)
        let expected = ["fr": "Installez l&#39;application Kiwix", "en": "Install the Kiwix app", "es": "Instale la aplicación Kiwix",
                        "de": "Installieren Sie die App Kiwix", "uk": "Встановіть застосунок Kiwix", "ar": "ثبّت تطبيق Kiwix"]
        for (language, text) in expected {
            let page = Self.get(router, "/take-home", language: language)
            #expect(page.headers["Content-Language"] == language)
            #expect(page.bodyText.contains(text), "\(language)")
            if language == "ar" { #expect(page.bodyText.contains("<html lang=\"ar\" dir=\"rtl\"")) }
        }
        #expect(ByteSize.text(1_500_000_000, "uk") == "1,5\u{00A0}ГБ")
        #expect(ByteSize.text(1_500_000_000, "en") == "1.5\u{00A0}GB")
    }
}
