@testable import HTTPTestSupport
import Foundation
import Testing
import ZimKit
@testable import Kiosk

/// Signals on the real `wikikiosk serve`: SIGTERM during downloads lets them finish, flushes the
/// statistics and exits 0; SIGHUP reloads the configuration and the library without a restart.
@Suite("Robustness: signals on the real server", .serialized, .enabled(if: Fixtures.wikikioskExecutable != nil))
struct RobustnessSignalTests {
    static let bigImage: [UInt8] = {
        var generator = SeededGenerator(seed: 7)
        return (0..<(6 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()
    static let bigPage = Fixtures.page("Grande page", String(repeating: "Une très longue page sur les volcans d'Auvergne. ", count: 40_000))

    /// A book with a 6 MiB uncompressed image (sent with sendfile) and a 2 MB page (compressed
    /// in the ZIM, sent from memory).
    static func writeBigBook(at path: String) throws {
        var book = ZimBook(title: "Gros livre", language: "fra")
        book.fullTextLanguage = nil
        book.add(article: "Accueil", title: "Accueil", html: Fixtures.page("Accueil", "Bonjour"))
        book.add(article: "Grande", title: "Grande page", html: bigPage)
        book.add(item: "I/big.jpg", mimeType: "image/jpeg", content: bigImage)
        book.mainPath = "Accueil"
        try book.write(to: path)
    }

    @Test func sigtermLetsDownloadsFinishFlushesStatisticsAndExitsZero() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try Self.writeBigBook(at: folder + "/gros.zim")
        let server = try ServeProcess([folder + "/gros.zim", "--state-dir", folder + "/state", "--stats-flush-seconds", "3600"])
        let port = server.port
        // Page views that are only in memory (the next batch would be in an hour).
        for _ in 0..<5 { #expect(try RawHTTPClient.get(port, "/content/gros/Accueil").status == 200) }

        // Two slow downloads: a phone on a bad link reading 16 KiB at a time.
        let image = try RawHTTPClient(port: port, source: "127.0.7.1", timeout: 15, receiveBuffer: 16 * 1024)
        try image.send("GET /content/gros/I/big.jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let page = try RawHTTPClient(port: port, source: "127.0.7.2", timeout: 15, receiveBuffer: 16 * 1024)
        try page.send("GET /content/gros/Grande HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.3)
        server.send(SIGTERM)
        let began = ContinuousClock.now
        let imageReply = try image.readResponse(slowly: 0.002)
        let pageReply = try page.readResponse(slowly: 0.002)
        #expect(imageReply.status == 200)
        #expect(imageReply.body.count == Self.bigImage.count)
        #expect(imageReply.body == Self.bigImage, "the image arrived whole")
        #expect(Fixtures.withoutToolbar(pageReply.body) == Array(Self.bigPage.utf8), "the page arrived whole")
        print("slow downloads after SIGTERM finished in \(ContinuousClock.now - began)")
        // New visitors are refused once stopping began.
        #expect(throws: (any Error).self) { _ = try RawHTTPClient.get(port, "/content/gros/Accueil", timeout: 2) }

        let exit = server.waitForExit(timeout: 20)
        #expect(exit?.status == 0 && exit?.bySignal == false, "exit \(String(describing: exit)); log:\n\(server.output)")
        #expect(server.output.contains("stopped"))
        // The page views recorded in memory were written before exiting.
        let database = try SQLiteConnection(path: folder + "/state/usage.sqlite", readOnly: true, create: false)
        let views = try database.scalar("SELECT count(*) FROM events WHERE kind = 'view'")?.int ?? 0
        let events = try database.scalar("SELECT count(*) FROM events")?.int ?? 0
        #expect(events >= 5, "usage events flushed at exit: \(events) (\(views) views)")
    }

    @Test func sighupReloadsSettingsAndLibrary() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let config = folder + "/config", library = folder + "/library"
        for path in [config, library] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        let conf = config + "/wikikiosk.conf"
        try "[kiosk]\nname = Bibliothèque Avant\n".write(toFile: conf, atomically: true, encoding: .utf8)
        try Fixtures.writeBook(at: library + "/un.zim")
        // A file that fails to load at start and is fixed in place later, keeping its size and date.
        try Fixtures.writeBook(at: folder + "/deux-ok.zim", title: "Deux")
        let good = try Data(contentsOf: URL(fileURLWithPath: folder + "/deux-ok.zim"))
        var broken = good
        broken.replaceSubrange(0..<4, with: [0, 0, 0, 0])
        try broken.write(to: URL(fileURLWithPath: library + "/deux.zim"))
        var info = stat()
        stat(library + "/deux.zim", &info)
        let times = [info.st_atim, info.st_mtim]

        let server = try ServeProcess(["--config", config, "--library", library, "--state-dir", folder + "/state", "--no-stats"])
        let port = server.port
        #expect(try RawHTTPClient.get(port, "/").text.contains("Bibliothèque Avant"))
        #expect(try RawHTTPClient.get(port, "/content/deux/Accueil").status == 404)

        try "[kiosk]\nname = Bibliothèque Après\n".write(toFile: conf, atomically: true, encoding: .utf8)
        try Fixtures.writeBook(at: folder + "/trois.zim", title: "Trois")
        try FileManager.default.moveItem(atPath: folder + "/trois.zim", toPath: library + "/trois.zim")
        try FileManager.default.removeItem(atPath: library + "/un.zim")
        try good.write(to: URL(fileURLWithPath: library + "/deux.zim"))
        // Same size and same date to the nanosecond: the watcher alone would never look at it again.
        _ = times.withUnsafeBufferPointer { utimensat(AT_FDCWD, library + "/deux.zim", $0.baseAddress, 0) }
        let began = ContinuousClock.now
        server.send(SIGHUP)
        let reloaded = ServeProcess.eventually(timeout: 15) {
            (try? RawHTTPClient.get(port, "/content/deux/Accueil"))?.status == 200
                && (try? RawHTTPClient.get(port, "/content/trois/Accueil"))?.status == 200
        }
        #expect(reloaded, "a file that failed before is checked again and a new one loaded; log:\n\(server.output)")
        print("SIGHUP reload took \(ContinuousClock.now - began)")
        #expect(try RawHTTPClient.get(port, "/").text.contains("Bibliothèque Après"))
        #expect(try RawHTTPClient.get(port, "/content/un/Accueil").status == 404, "a removed book is dropped")

        // A configuration with a mistake: reported, and the last good one stays in force.
        try "[kiosk]\nname = Bibliothèque Cassée\nthis line is wrong\n".write(toFile: conf, atomically: true, encoding: .utf8)
        server.send(SIGHUP)
        #expect(ServeProcess.eventually(timeout: 15) { server.output.components(separatedBy: "library rescanned").count == 3 })
        #expect(server.output.contains("wikikiosk.conf"))
        let home = try RawHTTPClient.get(port, "/").text
        #expect(home.contains("Bibliothèque Après") && !home.contains("Cassée"))
        #expect(server.isRunning)

        server.send(SIGTERM)
        #expect(server.waitForExit(timeout: 20)?.status == 0)
    }
}
