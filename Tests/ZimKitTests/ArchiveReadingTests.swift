import Foundation
import Testing
import ZimKit

@Suite("Reading an archive written with ZimWriter")
struct ArchiveReadingTests {
    @Test func pagesReadBackByteForByte() throws {
        let archive = try Fixtures.openStandard()
        for page in Fixtures.pages {
            let entry = try archive.entry(path: page.path)
            #expect(entry.path == page.path)
            #expect(entry.title == page.title)
            #expect(!entry.isRedirect)
            let item = try archive.item(for: entry)
            #expect(item.mimeType == "text/html")
            #expect(item.size == UInt64(page.html.utf8.count))
            let blob = try archive.data(of: item)
            #expect(blob.bytes == Array(page.html.utf8))
            #expect(blob.string == page.html)
            #expect(blob.count == page.html.utf8.count)
        }
    }

    @Test func imageAndOtherMimeTypes() throws {
        let archive = try Fixtures.openStandard()
        let image = try archive.item(for: archive.entry(path: "tour.png"))
        #expect(image.mimeType == "image/png")
        #expect(try archive.data(of: image).bytes == Fixtures.png)
        let css = try archive.item(for: archive.entry(path: "style.css"))
        #expect(css.mimeType == "text/css")
        #expect(try archive.data(of: css).string == "body { color: #222; }")
        let big = try archive.item(for: archive.entry(path: "big.bin"))
        #expect(big.mimeType == "application/octet-stream")
        #expect(try archive.data(of: big).bytes == Fixtures.bigBlob)
    }

    @Test func blobGivesZeroCopyAccess() throws {
        let archive = try Fixtures.openStandard()
        let blob = try archive.data(of: archive.item(for: archive.entry(path: "tour.png")))
        let base = try #require(blob.baseAddress)
        #expect(Array(UnsafeRawBufferPointer(start: base, count: blob.count)) == Fixtures.png)
        #expect(blob.withUnsafeBytes { $0.first } == 0x89)
    }

    @Test func slicesOfAnItem() throws {
        let archive = try Fixtures.openStandard()
        let item = try archive.item(for: archive.entry(path: "big.bin"))
        let slice = try archive.data(of: item, offset: 1000, count: 5000)
        #expect(slice.bytes == Array(Fixtures.bigBlob[1000..<6000]))
        // Clamped at the end of the item.
        let tail = try archive.data(of: item, offset: item.size - 10, count: 1000)
        #expect(tail.bytes == Array(Fixtures.bigBlob.suffix(10)))
        let empty = try archive.data(of: item, offset: item.size, count: 10)
        #expect(empty.count == 0)
        #expect(empty.bytes.isEmpty)
        #expect(throws: ZimError.self) { try archive.data(of: item, offset: item.size + 1, count: 1) }
    }

    @Test func redirectsOneHopAndFollowed() throws {
        let archive = try Fixtures.openStandard()
        let hop = try archive.entry(path: "Hop")
        #expect(hop.isRedirect)
        let capitale = try archive.redirectTarget(of: hop)
        #expect(capitale.path == "Capitale")
        #expect(capitale.isRedirect)
        #expect(capitale.title == "Capitale de la France")
        #expect(try archive.redirectTarget(of: capitale).path == "Paris")
        let item = try archive.item(for: hop)
        #expect(item.path == "Paris")
        #expect(item.mimeType == "text/html")
        #expect(throws: ZimError.self) { try archive.item(for: hop, followRedirects: false) }
        #expect(throws: ZimError.self) { try archive.redirectTarget(of: archive.entry(path: "Paris")) }
    }

    @Test func mainEntry() throws {
        let archive = try Fixtures.openStandard()
        #expect(archive.hasMainEntry)
        let main = try archive.mainEntry()
        let item = try archive.item(for: main)
        #expect(item.path == "Paris")
    }

    @Test func unknownPathIsNotFoundNotACrash() throws {
        let archive = try Fixtures.openStandard()
        #expect(throws: ZimError.self) { try archive.entry(path: "Nowhere") }
        do {
            _ = try archive.entry(path: "Nowhere")
        } catch {
            #expect(error.code == .notFound)
        }
        #expect(!archive.hasEntry(path: "Nowhere"))
        #expect(archive.hasEntry(path: "Paris"))
        #expect(catching { try archive.entry(title: "No such title") }?.code == .notFound)
        #expect(catching { try archive.entry(atPathIndex: archive.entryCount) }?.code == .notFound)
        #expect(catching { try archive.entry(atPathIndex: .max) }?.code == .notFound)
        #expect(catching { try archive.entry(path: "") }?.code == .notFound)
    }

    @Test func lookupByTitle() throws {
        let archive = try Fixtures.openStandard()
        #expect(try archive.entry(title: "Crêpe").path == "Crêpe")
        #expect(try archive.entry(title: "Capitale de la France").path == "Capitale")  // a front redirect
        // Not a front article: not in libzim's title index.
        #expect(catching { try archive.entry(title: "Hop") }?.code == .notFound)
    }

    @Test func iterationInPathOrder() throws {
        let archive = try Fixtures.openStandard()
        var paths: [String] = []
        for index in 0..<archive.entryCount {
            paths.append(try archive.entry(atPathIndex: index).path)
        }
        let expected = Fixtures.pages.map(\.path) + ["tour.png", "style.css", "big.bin", "Capitale", "Hop", "Accueil"]
        #expect(Set(paths) == Set(expected))
        #expect(paths == paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // The title index of a libzim ≥ 7 archive lists the front articles only.
        var titles: [String] = []
        while let entry = try? archive.entry(atTitleIndex: UInt32(titles.count)) {
            titles.append(entry.title)
        }
        #expect(titles.count == Int(archive.articleCount))
        #expect(Set(titles) == Set(Fixtures.pages.map(\.title) + ["Capitale de la France"]))
        #expect(catching { try archive.entry(atTitleIndex: archive.entryCount) }?.code == .notFound)
    }

    @Test func oldNamespacedPathsResolveInNewSchemeArchives() throws {
        let archive = try Fixtures.openStandard()
        #expect(archive.hasNewNamespaceScheme)
        #expect(try archive.entry(path: "A/Paris").path == "Paris")
        #expect(try archive.entry(path: "C/Paris").path == "Paris")
        #expect(try archive.entry(path: "I/tour.png").path == "tour.png")
        // Metadata is not user content in the new scheme.
        #expect(catching { try archive.entry(path: "M/Title") }?.code == .notFound)
    }

    @Test func countsAndFacts() throws {
        let path = try Fixtures.standard.get()
        let archive = try Archive(path: path)
        #expect(archive.path == path)
        #expect(archive.entryCount == 10)
        #expect(archive.articleCount == UInt32(Fixtures.pages.count + 1))  // the front articles + "Capitale"
        #expect(archive.allEntryCount > archive.entryCount)
        #expect(archive.mediaCount >= 1)
        #expect(archive.hasFulltextIndex)
        #expect(archive.hasNewNamespaceScheme)
        #expect(!archive.isMultiPart)
        #expect(archive.uuid.count == 32)
        #expect(archive.uuid.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(archive.uuid != String(repeating: "0", count: 32))
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        #expect(archive.fileSize == size?.uint64Value)
        #expect(!Archive.libzimVersion.isEmpty)
    }

    @Test func randomEntryIsAFrontArticle() throws {
        let archive = try Fixtures.openStandard()
        // Front redirects are front articles too: follow them with item(for:).
        let pagePaths = Set(Fixtures.pages.map(\.path) + ["Capitale"])
        for _ in 0..<20 {
            #expect(pagePaths.contains(try archive.randomEntry().path))
        }
    }

    @Test func concurrentReadersShareOneArchive() async throws {
        let archive = try Fixtures.openStandard()
        let expected = Fixtures.pages.map { Array($0.html.utf8) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<50 {
                        let page = Fixtures.pages[(worker + round) % Fixtures.pages.count]
                        let bytes = try archive.data(of: archive.item(for: archive.entry(path: page.path))).bytes
                        if bytes != expected[(worker + round) % Fixtures.pages.count] { return false }
                    }
                    return true
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}

/// The error thrown by `body` as a `ZimError` (nil when it returns; a non-ZimError becomes `.unknown`
/// so that a wrong error type fails the test's code check).
func catching<T>(_ body: () throws -> T) -> ZimError? {
    do {
        _ = try body()
        return nil
    } catch let error as ZimError {
        return error
    } catch {
        return ZimError(code: .unknown, message: "not a ZimError: \(error)")
    }
}
