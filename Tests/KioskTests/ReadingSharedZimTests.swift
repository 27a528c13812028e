import Foundation
import Testing
import ZimKit
@testable import Kiosk

/// The reading toolbar on every HTML entry of the shared real ZIMs, over the wire, and never on
/// anything else: style sheets, scripts, images and `/raw/` keep the stored bytes.
@Suite("Reading toolbar on real ZIMs", .serialized, .enabled(if: Fixtures.sharedZimFolder != nil))
struct ReadingSharedZimTests {
    @Test func everyHTMLEntryGetsTheToolbarAndNothingElseChanges() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zims = try Fixtures.sharedValidZims()
        let kiosk = try ServerTests.start(zims: zims, state: folder + "/state")
        defer { kiosk.stop() }
        let base = "http://127.0.0.1:\(kiosk.port)"

        var decorated = 0, untouched = 0, rewritten = 0
        for zim in zims {
            let archive = try Archive(path: zim)
            let name = BookNaming.name(forFile: zim)
            let entries = (0..<archive.entryCount).compactMap { try? archive.entry(atPathIndex: $0) }
                .filter { !$0.isRedirect && !$0.path.hasPrefix("M/") && !$0.path.hasPrefix("X/") }
            let answers = try Curl.batch(entries.map { base + URLPath.content(book: name, path: $0.path) })
            for (entry, answer) in zip(entries, answers) where answer.status == 200 {
                let item = try archive.item(for: entry)
                let stored = try archive.data(of: item).bytes
                let label = "\(name)/\(entry.path)"
                guard item.mimeType.hasPrefix("text/html"), Self.hasBody(stored) else {
                    #expect(answer.body == stored, "\(label) (\(item.mimeType)): stored bytes")
                    #expect(Fixtures.toolbarCount(answer.body) == 0, "\(label)")
                    untouched += 1
                    continue
                }
                decorated += 1
                #expect(Fixtures.toolbarCount(answer.body) == 1, "\(label): one toolbar")
                let links = Self.externalLinkCount(stored)
                if links > 0 {
                    rewritten += 1
                    // Every outside link points at the offline page, and nothing but href values changed.
                    let page = Fixtures.withoutToolbar(answer.body)
                    #expect(page.ranges(of: Array("\"/catch/external?source=http".utf8)).count == links, "\(label)")
                    #expect(Self.withoutHrefs(page) == Self.withoutHrefs(stored), "\(label): only links changed")
                } else {
                    #expect(Fixtures.withoutToolbar(answer.body) == stored, "\(label): the rest as stored")
                }
            }
            if let html = entries.first(where: { (try? archive.item(for: $0).mimeType.hasPrefix("text/html")) == true }) {
                let raw = try Curl.get(base + "/raw/\(URLPath.encodeSegment(name))/content/\(URLPath.encodePath(html.path))")
                #expect(raw.body == (try archive.data(of: archive.item(for: html)).bytes), "\(name): /raw/ is exact")
            }
        }
        print("real ZIMs: \(decorated) pages decorated (\(rewritten) with links to other sites), \(untouched) entries untouched")
        #expect(decorated > 100)
        #expect(untouched > 50)
    }

    static func hasBody(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).range(of: "<body", options: .caseInsensitive) != nil
    }

    /// How many `<a>` and `<area>` point at another site (`<link rel=canonical>` does not count).
    static func externalLinkCount(_ bytes: [UInt8]) -> Int {
        let pattern = try! NSRegularExpression(pattern: #"<(a|area)\s[^>]*href\s*=\s*["']?(https?:)?//"#, options: .caseInsensitive)
        let text = String(decoding: bytes, as: UTF8.self)
        return pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// The page with every `href` value emptied.
    static func withoutHrefs(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: #"href\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#, with: "href=", options: [.regularExpression, .caseInsensitive])
    }
}
