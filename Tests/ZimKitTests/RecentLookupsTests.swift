import Foundation
import Testing
@testable import ZimKit

/// `Archive.entry(path:)` and `item(for:)` remember recent answers (libzim's binary search cost
/// ~5 reads per lookup): the remembered answers must be libzim's, for more than the cache holds.
@Suite("Entries and items looked up are remembered")
struct RecentLookupsTests {
    static let manyEntries: Result<String, any Error> = Result {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("many-entries.zim").path
        let writer = try ZimWriter(path: path, options: .init(compression: true, fullTextIndexLanguage: nil))
        try writer.addMetadata("Title", "Many entries")
        for k in 0..<6_000 {
            try writer.addItem(path: "a/\(k)", title: "Entry \(k)", mimeType: "text/html", text: "<p>\(k)</p>")
        }
        try writer.addRedirect(path: "r/1", title: "Redirect", target: "a/1")
        writer.setMainPath("a/0")
        try writer.finish()
        return path
    }

    @Test func rememberedEntriesAreLibzimsForMorePathsThanTheCacheHolds() throws {
        let archive = try Archive(path: Self.manyEntries.get())
        var expected: [String: Entry] = [:]
        for index in 0..<archive.entryCount {
            let entry = try archive.entry(atPathIndex: index)
            expected[entry.path] = entry
        }
        #expect(expected.count > 6_000)
        let paths = expected.keys.sorted()
        for round in 0..<3 {
            // A different order each round (7919 is prime, so k * 7919 mod n visits every k).
            for k in 0..<paths.count {
                let path = paths[(k * 7919 + round * 1000) % paths.count]
                let found = try archive.entry(path: path)
                if found != expected[path] { Issue.record("round \(round): \(path) -> \(found)") }
            }
        }
        #expect(try archive.entry(path: "r/1").isRedirect)
        // Items, twice over more entries than the cache holds, redirects followed or not.
        for round in 0..<2 {
            for k in stride(from: round, to: 6_000, by: 1) {
                let item = try archive.item(for: archive.entry(path: "a/\(k)"))
                if item.path != "a/\(k)" || item.size != UInt64("<p>\(k)</p>".utf8.count) || item.mimeType != "text/html" {
                    Issue.record("round \(round): a/\(k) -> \(item.path) \(item.size) \(item.mimeType)")
                }
            }
        }
        let redirect = try archive.entry(path: "r/1")
        #expect(try archive.item(for: redirect).path == "a/1")
        #expect(throws: ZimError.self) { try archive.item(for: redirect, followRedirects: false) }
        #expect(try archive.item(for: redirect).path == "a/1")
        #expect(throws: ZimError.self) { try archive.item(for: redirect, followRedirects: false) }
        #expect(throws: ZimError.self) { try archive.entry(path: "a/6000") }
        #expect(throws: ZimError.self) { try archive.entry(path: "a/6000") }  // still not found
    }

    @Test func oldGenerationHitsMoveBackAndCapacityZeroKeepsNothing() {
        let entry = Entry(path: "a", title: "A", isRedirect: false, index: 3)
        let cache = RecentLookups<String, Entry>(capacity: 4)
        cache.store(entry, for: "a")
        cache.store(entry, for: "b")
        cache.store(entry, for: "c")  // "a" and "b" become the old generation
        #expect(cache.value(for: "a") == entry)  // moved back to the young one
        cache.store(entry, for: "d")  // young {c, a} full: it becomes old, "b" is dropped
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "c") == entry)
        let none = RecentLookups<String, Entry>(capacity: 0)
        none.store(entry, for: "a")
        #expect(none.value(for: "a") == nil)
    }
}
