import Foundation
import Testing
import ZimKit
@testable import Kiosk

/// Every entry kiwix-serve 3.3.0 serves with 200 from the shared real ZIMs is served by
/// WikiKiosk with 200, the same MIME type and the bytes stored in the ZIM; redirects land on
/// the same target. Runs when Debian's kiwix-serve and ../shared/zim are present.
@Suite("Parity with kiwix-serve 3.3.0", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kiwix-serve") && Fixtures.sharedZimFolder != nil))
struct KiwixParityTests {
    @Test func everyEntryMatchesKiwixServe() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zims = try Fixtures.sharedValidZims()

        let kiwixPort = Int.random(in: 20000...29999)
        let kiwix = Process()
        kiwix.executableURL = URL(fileURLWithPath: "/usr/bin/kiwix-serve")
        kiwix.arguments = ["--address", "127.0.0.1", "--port", String(kiwixPort)] + zims
        kiwix.standardOutput = FileHandle.nullDevice
        kiwix.standardError = FileHandle.nullDevice
        try kiwix.run()
        defer { kill(kiwix.processIdentifier, SIGKILL); kiwix.waitUntilExit() }
        // Pages exactly as stored: the reading toolbar and offline links off (they have their
        // own tests on these books).
        var settings = KioskSettings()
        settings.readingToolbar = false
        settings.readingExternalLinks = false
        let kiosk = try ServerTests.start(zims: zims, state: folder + "/state", settings: settings)
        defer { kiosk.stop() }
        let kiwixBase = "http://127.0.0.1:\(kiwixPort)"
        let kioskBase = "http://127.0.0.1:\(kiosk.port)"
        for _ in 0..<50 where (try? Curl.get(kiwixBase + "/"))?.status != 200 { Thread.sleep(forTimeInterval: 0.1) }

        var compared = 0
        for zim in zims {
            let archive = try Archive(path: zim)
            let name = BookNaming.name(forFile: zim)
            let paths = (0..<archive.entryCount).compactMap { try? archive.entry(atPathIndex: $0).path }
                .filter { !$0.hasPrefix("M/") && !$0.hasPrefix("X/") }
            let theirs = try Curl.batch(paths.map { "\(kiwixBase)/\(URLPath.encodeSegment(name))/\(URLPath.encodePath($0))" })
            let ours = try Curl.batch(paths.map { "\(kioskBase)\(URLPath.content(book: name, path: $0))" })
            for (index, path) in paths.enumerated() {
                let kiwixAnswer = theirs[index], kioskAnswer = ours[index]
                switch kiwixAnswer.status {
                case 200:
                    compared += 1
                    #expect(kioskAnswer.status == 200, "\(name)/\(path)")
                    #expect(mime(kioskAnswer.contentType) == mime(kiwixAnswer.contentType), "\(name)/\(path)")
                    let stored = try? archive.data(of: archive.item(for: archive.entry(path: path))).bytes
                    #expect(kioskAnswer.body == stored, "\(name)/\(path): the bytes stored in the ZIM")
                    if !kiwixAnswer.contentType.hasPrefix("text/html") {
                        #expect(kioskAnswer.body == kiwixAnswer.body, "\(name)/\(path): same bytes as kiwix-serve")
                    }
                case 301, 302:
                    #expect(kioskAnswer.status == 302, "\(name)/\(path)")
                    #expect(target(kioskAnswer.location, prefix: "/content/") == target(kiwixAnswer.location, prefix: "/"),
                            "\(name)/\(path) redirects to the same entry")
                default:
                    continue
                }
            }
        }
        #expect(compared > 300, "entries compared: \(compared)")
        #expect(try Curl.get(kioskBase + "/api/books").status == 200, "still alive")
    }

    private func mime(_ contentType: String) -> String {
        String(contentType.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The decoded path of a redirect target, without the server and the route prefix.
    private func target(_ location: String, prefix: String) -> String {
        var path = location
        if let range = path.range(of: "://") {
            path = String(path[range.upperBound...].drop { $0 != "/" })
        }
        if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        return path.removingPercentEncoding ?? path
    }
}
