import Foundation
import Testing
import ZimKit

/// Real ZIM files from /work/shared/zim (absent on most machines: these tests then do not run).
private let sharedZimFolder = "/work/shared/zim"
private let sharedZimsPresent = FileManager.default.fileExists(atPath: sharedZimFolder + "/valid")

@Suite("Shared real ZIM files", .enabled(if: sharedZimsPresent, "needs /work/shared/zim"))
struct SharedZimFilesTests {
    static func validFiles() -> [String] {
        let folder = sharedZimFolder + "/valid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".zim") }.sorted().map { folder + "/" + $0 }
    }

    @Test func everyValidFileOpensAndServesItsMainPage() throws {
        let files = Self.validFiles()
        #expect(!files.isEmpty)
        for file in files {
            let archive = try Archive(path: file)
            #expect(archive.uuid.count == 32, "\(file)")
            #expect(archive.entryCount > 0, "\(file)")
            if archive.hasMainEntry {
                let item = try archive.item(for: archive.mainEntry())
                #expect(try archive.data(of: item).count == Int(item.size), "\(file)")
            }
            // Every entry can be looked up again by its own path.
            for index in 0..<min(archive.entryCount, 200) {
                let entry = try archive.entry(atPathIndex: index)
                #expect(try archive.entry(path: entry.path).index == entry.index, "\(file): \(entry.path)")
            }
        }
    }

    @Test func oldNamespacedArchive() throws {
        let archive = try Archive(path: sharedZimFolder + "/valid/small-old-namespaces.zim")
        #expect(!archive.hasNewNamespaceScheme)
        #expect(try archive.entry(path: "A/main.html").path == "A/main.html")
        #expect(try archive.entry(path: "I/favicon.png").path == "I/favicon.png")
        // libzim tries A/, I/, J/ and -/ for a path without namespace.
        #expect(try archive.entry(path: "main.html").path == "A/main.html")
        #expect(try archive.entry(path: "favicon.png").path == "I/favicon.png")
        #expect(catching { try archive.entry(path: "C/main.html") }?.code == .notFound)
        let main = try archive.item(for: archive.mainEntry())
        #expect(main.path == "A/main.html")
        #expect(main.mimeType.hasPrefix("text/html"))
        #expect(archive.metadata("Title") != nil)
    }

    @Test func newSchemeArchiveAcceptsOldPaths() throws {
        let archive = try Archive(path: sharedZimFolder + "/valid/small.zim")
        #expect(archive.hasNewNamespaceScheme)
        #expect(try archive.entry(path: "main.html").path == "main.html")
        #expect(try archive.entry(path: "A/main.html").path == "main.html")
        #expect(try archive.entry(path: "C/main.html").path == "main.html")
        #expect(try archive.entry(path: "I/favicon.png").path == "favicon.png")
        // Same content in both layouts.
        let old = try Archive(path: sharedZimFolder + "/valid/small-old-namespaces.zim")
        let newBytes = try archive.data(of: archive.item(for: archive.entry(path: "main.html"))).bytes
        let oldBytes = try old.data(of: old.item(for: old.entry(path: "A/main.html"))).bytes
        #expect(newBytes == oldBytes)
    }

    @Test func invalidFilesNeverCrashOpening() throws {
        let folder = sharedZimFolder + "/invalid"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".zim") }
        for name in names {
            // libzim 8.1's internal assertions throw; CZim turns every one into an error value.
            if let archive = try? Archive(path: folder + "/" + name) {
                for index in 0..<archive.entryCount {
                    _ = try? archive.data(of: archive.item(for: archive.entry(atPathIndex: index)))
                }
            }
        }
    }
}
