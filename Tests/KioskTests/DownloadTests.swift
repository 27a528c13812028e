@testable import HTTPTestSupport
import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// `[library] downloads = on`: the ZIM files themselves, linked from the OPDS catalog so Kiwix
/// apps can take a book home, resumable with `Range`; off by default.
@Suite("Book downloads")
struct DownloadTests {
    static func router(_ folder: String, downloads: Bool) throws -> (Router, Library) {
        var settings = KioskSettings()
        settings.bookDownloads = downloads
        return try Fixtures.router(serving: folder + "/ville_2026-11.zim", settings: settings)
    }

    /// The bytes a `.file` body would send.
    static func bytes(of response: Response) throws -> [UInt8] {
        guard case .file(let path, let offset, let count) = response.body else { return response.bodyBytes }
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return Array(handle.readData(ofLength: Int(count)))
    }

    @Test func theSettingIsOnOrOff() {
        #expect(SettingsParser.parse("[library]\ndownloads = on\n", file: "k.conf").settings.bookDownloads)
        let (settings, problems) = SettingsParser.parse("[library]\ndownloads = maybe\ndownload = on\n", file: "k.conf")
        #expect(!settings.bookDownloads)
        #expect(problems.map(\.message) == ["downloads must be on or off, not “maybe”",
                                             "unknown setting “download” in [library] (did you mean “downloads”?)"])
    }

    @Test func offByDefaultWithoutLinkOrFile() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        #expect(KioskSettings().bookDownloads == false)
        let (router, _) = try Self.router(folder, downloads: false)
        #expect(router.handle(Request(method: .get, target: "/download/ville.zim")).status == 404)
        #expect(!router.handle(Request(method: .get, target: "/catalog/v2/entries")).bodyText.contains("acquisition/open-access"))
    }

    @Test func theCatalogLinksTheFileWhichIsServedWholeOrByRange() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (router, library) = try Self.router(folder, downloads: true)
        let file = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/ville_2026-11.zim")))
        let feed = router.handle(Request(method: .get, target: "/catalog/v2/entries")).bodyText
        #expect(feed.contains("<link rel=\"http://opds-spec.org/acquisition/open-access\" type=\"application/x-zim\" href=\"/download/ville.zim\" length=\"\(file.count)\" />"),
                "\(feed)")
        #expect(try #require(library.book(named: "ville")).fileSize == UInt64(file.count))

        let whole = router.handle(Request(method: .get, target: "/download/ville.zim"))
        #expect(whole.status == 200)
        #expect(whole.headers["Content-Type"] == "application/x-zim")
        #expect(whole.headers["Content-Disposition"] == "attachment; filename=\"ville_2026-11.zim\"; filename*=UTF-8''ville_2026-11.zim")
        #expect(whole.headers["Accept-Ranges"] == "bytes")
        #expect(whole.headers["Content-Encoding"] == nil)
        #expect(try Self.bytes(of: whole) == file)
        // The dated name too; a resumed download asks for the rest.
        let rest = router.handle(Request(method: .get, target: "/download/ville_2026-11.zim",
                                         headers: HTTPHeaders([("Range", "bytes=1000-"), ("Accept-Encoding", "gzip")])))
        #expect(rest.status == 206)
        #expect(rest.headers["Content-Range"] == "bytes 1000-\(file.count - 1)/\(file.count)")
        #expect(try Self.bytes(of: rest) == Array(file[1000...]))
        #expect(router.handle(Request(method: .get, target: "/download/nothing.zim")).status == 404)
        #expect(router.handle(Request(method: .get, target: "/download/ville")).status == 404)
    }

    /// A real download cut halfway and resumed with `curl -C -` gives the file's bytes.
    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func anInterruptedDownloadResumes() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try Fixtures.writeBook(at: folder + "/ville_2026-11.zim")
        try FileManager.default.createDirectory(atPath: folder + "/config", withIntermediateDirectories: true)
        try "[library]\ndownloads = on\n".write(toFile: folder + "/config/wikikiosk.conf", atomically: true, encoding: .utf8)
        let server = try ServeProcess(["--config", folder + "/config", "--state-dir", folder + "/state",
                                       folder + "/ville_2026-11.zim"])
        let file = try Data(contentsOf: URL(fileURLWithPath: folder + "/ville_2026-11.zim"))
        // What a phone had when the Wi-Fi dropped: the first third.
        try file.prefix(file.count / 3).write(to: URL(fileURLWithPath: folder + "/taken.zim"))
        try Shell.run("/usr/bin/curl", ["-s", "-f", "-C", "-", "-o", folder + "/taken.zim",
                                        "http://127.0.0.1:\(server.port)/download/ville.zim"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/taken.zim")) == file)
    }
}
