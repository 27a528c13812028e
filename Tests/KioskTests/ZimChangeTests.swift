import Foundation
@testable import HTTPTestSupport
import Synchronization
import Testing
import ZimKit
@testable import Kiosk

/// A ZIM that changes under the server (staff copy a new edition over the same name, or
/// `rsync --inplace`, or a truncated copy) must never take the server down: libzim maps
/// uncompressed clusters from the file, and reading a mapped page past the new end of the file
/// is a SIGBUS that killed every book. The real `wikikiosk serve` runs in a child process here,
/// so a crash fails the test instead of the test runner.
@Suite("Files changing under the server", .serialized, .enabled(if: Fixtures.wikikioskExecutable != nil))
struct ZimChangeTests {
    /// A book of 30 articles and 12 images of 400 KB (images are stored uncompressed: the mapped part).
    static func writeBook(at path: String, title: String) throws {
        var book = ZimBook(title: title, language: "fra")
        book.fullTextLanguage = "eng"   // as first written, so the file's layout stays the one measured
        var generator = SystemRandomNumberGenerator()
        for index in 0..<12 {
            let bytes = (0..<400_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            book.add(item: "I/image\(index).jpg", title: "image\(index)", mimeType: "image/jpeg", content: bytes)
        }
        for index in 0..<30 {
            let body = (0..<300).map { "mot\($0 * index % 97) phrase \(index)." }.joined(separator: " ")
            book.add(article: "Article_\(index)", title: "Article \(index)",
                     html: "<html><body><p>\(body)</p><img src=\"I/image\(index % 12).jpg\"></body></html>")
        }
        try book.write(to: path)
    }

    @Test(.timeLimit(.minutes(3)))
    func truncatingAndRewritingServedFilesNeverStopsTheServer() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let library = folder + "/library"
        try FileManager.default.createDirectory(atPath: library, withIntermediateDirectories: true)
        try Self.writeBook(at: folder + "/original.zim", title: "Changeant")
        try FileManager.default.copyItem(atPath: folder + "/original.zim", toPath: library + "/changeant.zim")
        try Self.writeBook(at: library + "/stable.zim", title: "Stable")
        let original = try Data(contentsOf: URL(fileURLWithPath: folder + "/original.zim"))

        let server = Process()
        server.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
        server.arguments = ["serve", "--address", "127.0.0.1", "--port", "0", "--state-dir", folder + "/state",
                            "--no-stats", "--threads", "2", "--library", library]
        let errors = Pipe()
        server.standardError = errors
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let port = try #require(ServerOutput.port(from: errors))

        // Clients read images and articles of both books all along.
        let stop = Atomic<Bool>(false)
        let stableFailures = Atomic<Int>(0), stableAnswers = Atomic<Int>(0)
        let clients = DispatchGroup()
        for client in 0..<4 {
            DispatchQueue.global().async(group: clients) {
                var round = 0
                while !stop.load(ordering: .relaxed) {
                    let book = round % 2 == 0 ? "changeant" : "stable"
                    let target: String
                    switch round % 6 {
                    case 0: target = "/content/\(book)/I/image\((round + client) % 12).jpg"
                    case 1: target = "/suggest?content=\(book)&term=art"
                    case 2: target = "/random?content=\(book)"
                    case 3: target = "/search?books.name=\(book)&pattern=phrase"
                    case 4: target = "/catalog/v2/entries"
                    default: target = "/content/\(book)/Article_\((round * 7 + client) % 30)"
                    }
                    let reply = try? RawHTTPClient.get(UInt16(port), target, timeout: 10)
                    if book == "stable" {
                        stableAnswers.add(1, ordering: .relaxed)
                        if let status = reply?.status, status >= 400 { stableFailures.add(1, ordering: .relaxed) }
                        if reply == nil { stableFailures.add(1, ordering: .relaxed) }
                    }
                    round += 1
                }
            }
        }
        // Five times: cut the file in half in place (as a copy over it starts), then write it back.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: library + "/changeant.zim"))
        for _ in 0..<5 {
            Thread.sleep(forTimeInterval: 0.6)
            try handle.truncate(atOffset: UInt64(original.count / 2))
            Thread.sleep(forTimeInterval: 0.6)
            try handle.seek(toOffset: 0)
            handle.write(original)
        }
        try handle.close()
        Thread.sleep(forTimeInterval: 0.5)
        stop.store(true, ordering: .relaxed)
        clients.wait()

        #expect(server.isRunning, "the server died (status \(server.isRunning ? 0 : server.terminationStatus))")
        #expect(stableFailures.load(ordering: .relaxed) == 0, "the other book failed \(stableFailures.load(ordering: .relaxed)) times")
        #expect(stableAnswers.load(ordering: .relaxed) > 20)
        // Once the file is whole and stable again, the book is served again.
        var back = false
        for _ in 0..<40 where !back {
            back = (try? RawHTTPClient.get(UInt16(port), "/content/changeant/I/image3.jpg", timeout: 5))?.status == 200
            if !back { Thread.sleep(forTimeInterval: 0.25) }
        }
        #expect(back)
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("changeant.zim changed while served"), "\(log.suffix(2000))")
    }
}
