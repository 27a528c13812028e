import Foundation
@testable import Kiosk
import Testing
import ZimKit

/// The title index: built by an external merge sort into a file, mapped, and stored once per
/// ZIM.
@Suite struct TitleIndexTests {
    /// A book of `count` articles titled from a few words (many sharing prefixes and folded
    /// forms), with redirects titled like articles.
    static func writeBook(_ path: String, count: Int) throws {
        var book = ZimBook(title: "Titres", language: "fra")
        book.fullTextLanguage = nil
        let words = ["Église", "eglise", "Pont", "pont", "de", "Clermont", "Cathédrale", "Œuvre", "île", "Ile", "Zoé"]
        var random = SplitMix64(seed: 11)
        for index in 0..<count {
            let title = (0..<(1 + index % 3)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
                + " \(index % 97)"
            book.add(article: "a\(index)", title: title, html: "<p>\(index)</p>")
            if index % 5 == 0 {
                book.add(redirect: "r\(index)", title: title, to: "a\(index)", frontArticle: true)
            }
        }
        book.mainPath = "a0"
        try book.write(to: path)
    }

    @Test func theMergedIndexIsTheSortedFoldedTitles() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = folder + "/titles.zim"
        try Self.writeBook(zim, count: 3000)
        let archive = try Archive(path: zim)
        // 3000 articles + 600 redirects in runs of 256 titles: 15 runs to merge.
        let count = try TitleIndexBuilder.write(archive: archive, to: folder + "/index", chunkTitles: 256)
        #expect(count == 3600)
        #expect(!FileManager.default.fileExists(atPath: folder + "/index.runs"))
        let mapped = try #require(MappedFile(path: folder + "/index"))
        let index = try #require(TitleIndex(storage: mapped))
        #expect(index.count == 3600)
        // Every folded title's exact matches are the entries with that folded title, articles first.
        var expected: [String: [(redirect: Bool, entry: UInt32)]] = [:]
        var position: UInt32 = 0
        while let entry = try? archive.entry(atTitleIndex: position) {
            position += 1
            expected[TextFolding.fold(entry.title), default: []].append((entry.isRedirect, entry.index))
        }
        for (folded, entries) in expected {
            let sorted = entries.sorted { ($0.redirect ? 1 : 0, $0.entry) < ($1.redirect ? 1 : 0, $1.entry) }.map(\.entry)
            #expect(index.exact(folded, limit: 1000) == sorted, "\(folded)")
        }
        #expect(index.exact("pas un titre").isEmpty)
        // Prefixes: every title starting with the prefix, shortest first.
        let prefixed = index.withPrefix("eglise", limit: 10_000, scan: 10_000)
        let wanted = expected.filter { $0.key.hasPrefix("eglise") }.values.reduce(0) { $0 + $1.count }
        #expect(prefixed.count == wanted)
        let lengths = try prefixed.map { TextFolding.fold(try archive.entry(atIndex: $0).title).utf8.count }
        #expect(lengths == lengths.sorted())
    }

    @Test func aDamagedIndexIsNotRead() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = folder + "/titles.zim"
        try Self.writeBook(zim, count: 50)
        try TitleIndexBuilder.write(archive: try Archive(path: zim), to: folder + "/index")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/index")))
        #expect(TitleIndex(storage: OwnedIndexBytes(bytes)) != nil)
        bytes.removeLast()
        #expect(TitleIndex(storage: OwnedIndexBytes(bytes)) == nil)
        #expect(TitleIndex(storage: OwnedIndexBytes(Array("WKTITLE1 but nothing else, surely".utf8))) == nil)
    }

    @Test func indexesAreBuiltOncePerZimAndServedWhileTheyBuild() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = folder + "/titles.zim"
        try Self.writeBook(zim, count: 200)
        let book = Book(name: "titres", archive: try Archive(path: zim), fingerprint: try #require(FileFingerprint.of(zim)))
        let store = BookIndexStore(directory: folder + "/indexes")
        let built = try #require(TitleIndex.of(book, in: store))
        let file = folder + "/indexes/\(BookIndexStore.key(of: book)).titles"
        let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        let again = try #require(TitleIndex.of(book, in: store))
        #expect(again.count == built.count)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == modified)
        // Only the two indexes, no temporary file left.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/indexes").sorted()
        #expect(names == ["\(BookIndexStore.key(of: book)).titles"])
        // A damaged file is built again.
        try Data("WKTITLE1".utf8).write(to: URL(fileURLWithPath: file))
        #expect(TitleIndex.of(book, in: store)?.count == built.count)
        // Without a folder: a temporary file, removed once mapped.
        let temporary = try #require(TitleIndex.of(book, in: BookIndexStore(directory: nil)))
        #expect(temporary.count == built.count)
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "/\(BookIndexStore.key(of: book)).titles"))
    }

    @Test func indexesOfZimsNoLongerServedAreRemovedOnceOld() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let store = BookIndexStore(directory: folder)
        for name in ["aaaa.titles", "aaaa.spelling", "bbbb.titles", "cccc.titles", "dddd.titles.tmp-1-2"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))
        }
        let old = Date(timeIntervalSinceNow: -8 * 86_400)
        for name in ["aaaa.titles", "aaaa.spelling", "bbbb.titles", "dddd.titles.tmp-1-2"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + name)
        }
        store.removeIndexes(keeping: ["bbbb"])
        // aaaa: not served and old → gone; bbbb: served; cccc: built lately; a file being written stays.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            == ["bbbb.titles", "cccc.titles", "dddd.titles.tmp-1-2"])
    }
}
