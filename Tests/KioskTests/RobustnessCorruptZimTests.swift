@testable import HTTPTestSupport
import Foundation
import Synchronization
import Testing
import ZimKit

/// Corrupt ZIMs copied into a watched library while the real `wikikiosk serve` is answering:
/// the shared corrupt set (when present) plus randomly truncated and bit-flipped copies of a
/// generated ZIM. Each is reported and skipped, or loaded; then every entry of every book that
/// loaded is requested. Damaged entries may give 500 or 404, never a crash: the server runs in a
/// child process so that a libzim abort fails this test with the server's log.
@Suite("Robustness: corrupt ZIMs while serving", .serialized, .enabled(if: Fixtures.wikikioskExecutable != nil))
struct RobustnessCorruptZimTests {
    /// A book with many small clusters (compressed text, uncompressed images) and redirects, so
    /// that random damage lands in every kind of structure (no full-text index: it would be most
    /// of the file and take most of the damage).
    static func writeRichBook(at path: String) throws -> [String] {
        var book = ZimBook(title: "Livre riche", language: "fra")
        book.fullTextLanguage = nil
        book.illustration = Fixtures.tinyPNG
        var generator = SeededGenerator(seed: 42)
        let words = ["volcan", "cathédrale", "pierre", "Auvergne", "rivière", "marché", "école", "fontaine", "musée", "jardin"]
        var paths: [String] = []
        for index in 0..<120 {
            let path = String(format: "Article_%03d", index)
            // Random words: compressible, but not to nothing, so clusters have some size.
            let text = (0..<(150 + index * 3)).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] + String(Int.random(in: 0..<100, using: &generator)) }
                .joined(separator: " ")
            book.add(article: path, title: "Article \(index)", html: Fixtures.page("Article \(index)", text))
            paths.append(path)
        }
        for index in 0..<4 {
            let path = String(format: "I/image_%02d.jpg", index)
            let bytes = (0..<(2000 + index * 3000)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            book.add(item: path, mimeType: "image/jpeg", content: bytes)
            paths.append(path)
        }
        for index in 0..<20 {
            let path = String(format: "Redirection_%02d", index)
            book.add(redirect: path, to: String(format: "Article_%03d", index * 5))
            paths.append(path)
        }
        book.add(item: "style.css", mimeType: "text/css", text: "body{color:#222}")
        paths.append("style.css")
        book.mainPath = "Article_000"
        try book.write(to: path, options: ZimWriter.Options(clusterSize: 2048))
        return paths
    }

    /// Where the structures of a ZIM file lie, read from its header and pointer tables.
    struct Layout {
        var entryCount = 0, clusterCount = 0
        var pathPointers: [Int] = [], clusterPointers: [Int] = []
        var pathPointerTable = 0, clusterPointerTable = 0, checksumPosition = 0

        init(_ bytes: [UInt8]) {
            func number(_ offset: Int, _ size: Int) -> Int {
                (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            }
            entryCount = number(24, 4)
            clusterCount = number(28, 4)
            pathPointerTable = number(32, 8)
            clusterPointerTable = number(48, 8)
            checksumPosition = number(72, 8)
            pathPointers = (0..<entryCount).map { number(pathPointerTable + 8 * $0, 8) }
            clusterPointers = (0..<clusterCount).map { number(clusterPointerTable + 8 * $0, 8) }
        }

        /// The bytes of cluster `index` (up to the next cluster, or the next table).
        func cluster(_ index: Int) -> Range<Int> {
            let start = clusterPointers[index]
            let end = clusterPointers.filter { $0 > start }.min()
                ?? [pathPointerTable, clusterPointerTable, checksumPosition].filter { $0 > start }.min() ?? (start + 1)
            return start..<max(end, start + 1)
        }
    }

    /// Damaged copies of `source`: truncated at random lengths and with random bits flipped, in
    /// random places and in each structure (header, dirents, pointer tables, clusters, checksum).
    static func damagedCopies(of source: String, into folder: String, seed: UInt64) throws -> [String] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        let layout = Layout(bytes)
        var generator = SeededGenerator(seed: seed)
        var written: [String] = []
        func write(_ name: String, _ data: [UInt8]) throws {
            let path = "\(folder)/\(name).zim"
            try Data(data).write(to: URL(fileURLWithPath: path))
            written.append(path)
        }
        for fraction in [0.02, 0.2, 0.5, 0.8, 0.97] {
            let length = Int(Double(bytes.count) * fraction) + Int.random(in: 0..<64, using: &generator)
            try write("truncated-\(Int(fraction * 100))", Array(bytes.prefix(length)))
        }
        try write("truncated-last-byte", Array(bytes.dropLast()))
        let regions: [(String, (inout SeededGenerator) -> Range<Int>)] = [
            ("anywhere", { _ in 0..<bytes.count }),
            ("header", { _ in 0..<80 }),
            ("checksum", { _ in (bytes.count - 16)..<bytes.count }),
            ("dirent", { g in
                let start = layout.pathPointers[Int.random(in: 0..<layout.entryCount, using: &g)]
                return start..<min(start + 16, bytes.count) }),
            ("path-pointers", { _ in layout.pathPointerTable..<(layout.pathPointerTable + 8 * layout.entryCount) }),
            ("cluster-pointers", { _ in layout.clusterPointerTable..<(layout.clusterPointerTable + 8 * layout.clusterCount) }),
            ("cluster-info", { g in
                let start = layout.clusterPointers[Int.random(in: 0..<layout.clusterCount, using: &g)]
                return start..<(start + 1) }),
            ("cluster-offsets", { g in
                let range = layout.cluster(Int.random(in: 0..<layout.clusterCount, using: &g))
                return range.lowerBound..<min(range.lowerBound + 24, range.upperBound) }),
            ("cluster-data", { g in layout.cluster(Int.random(in: 0..<layout.clusterCount, using: &g)) }),
        ]
        for round in 0..<4 {
            for (name, region) in regions {
                var copy = bytes
                let flips = round == 0 ? 1 : Int.random(in: 1...(round * 8), using: &generator)
                for _ in 0..<flips {
                    let range = region(&generator)
                    let position = Int.random(in: range, using: &generator)
                    copy[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                }
                try write("flipped-\(name)-\(round)", copy)
            }
        }
        return written
    }

    @Test func corruptFilesAddedWhileServingNeverCrashTheServer() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let library = folder + "/library", staging = folder + "/staging"
        for path in [library, staging] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let paths = try Self.writeRichBook(at: library + "/riche.zim")
        let seed = SeededGenerator.seed(default: 0xC0_22_00_08)
        var damaged = try Self.damagedCopies(of: library + "/riche.zim", into: staging, seed: seed)
        if let shared = Fixtures.sharedZimFolder {
            for name in try FileManager.default.contentsOfDirectory(atPath: shared + "/invalid") where name.hasSuffix(".zim") {
                try FileManager.default.copyItem(atPath: "\(shared)/invalid/\(name)", toPath: "\(staging)/\(name)")
                damaged.append("\(staging)/\(name)")
            }
        }
        let server = try ServeProcess(["--library", library, "--state-dir", folder + "/state", "--no-stats"])
        let port = server.port
        #expect(try RawHTTPClient.get(port, "/content/riche/Article_001").status == 200)

        // A visitor keeps reading the good book while the damaged files arrive.
        let outcomes = SharedCounter()
        let stop = SharedFlag()
        let visitor = Worker {
            var index = 0
            while !stop.isSet {
                let status = (try? RawHTTPClient.get(port, String(format: "/content/riche/Article_%03d", index % 120), timeout: 5))?.status ?? 0
                outcomes.add(String(status))
                index += 1
            }
        }
        for path in damaged {
            // Copied in under another name, then renamed: how a careful copy lands.
            let name = (path as NSString).lastPathComponent
            try FileManager.default.moveItem(atPath: path, toPath: "\(library)/\(name)")
        }
        let names = Set(damaged.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
        var listing = BooksListing(books: [], failures: [])
        let settled = ServeProcess.eventually(timeout: 60) {
            guard server.isRunning, let json = try? RawHTTPClient.get(port, "/api/books", timeout: 10),
                  let decoded = try? JSONDecoder().decode(BooksListing.self, from: Data(json.body)) else { return false }
            listing = decoded
            let seen = Set(decoded.books.map(\.name)).union(decoded.failures.map { ($0.file as NSString).deletingPathExtension })
            return names.isSubset(of: seen)
        }
        stop.set()
        visitor.join()
        #expect(server.isRunning, "the server died while loading damaged files:\n\(server.output.suffix(3000))")
        #expect(settled, "every damaged file is either served or reported: \(listing)")
        #expect(outcomes.all.keys.allSatisfy { $0 == "200" }, "the good book kept serving: \(outcomes.all)")

        // Reported: each skipped file is named in the log with its reason.
        for failure in listing.failures {
            #expect(server.output.contains("skipping") && server.output.contains(failure.file), "\(failure.file) not logged")
        }
        // Every entry of every book that loaded (damaged ones included) answers without killing the server.
        var statuses: [Int: Int] = [:]
        for book in listing.books {
            var urls = paths.map { "http://127.0.0.1:\(port)/content/\(book.name)/\($0)" }
            urls += ["/raw/\(book.name)/meta/Title", "/raw/\(book.name)/meta/Illustration_48x48@1",
                     "/catalog/v2/illustration/\(book.name)?size=48", "/random?content=\(book.name)",
                     "/search?content=\(book.name)&pattern=volcan", "/suggest?content=\(book.name)&term=arti",
                     "/content/\(book.name)/"].map { "http://127.0.0.1:\(port)\($0)" }
            let transfers = try Curl.batch(urls)
            for (url, transfer) in zip(urls, transfers) {
                statuses[transfer.status, default: 0] += 1
                #expect([200, 302, 404, 500].contains(transfer.status), "\(url): \(transfer.status)")
            }
            #expect(server.isRunning, "the server died reading \(book.name):\n\(server.output.suffix(3000))")
            guard server.isRunning else { break }
        }
        #expect(try RawHTTPClient.get(port, "/content/riche/Article_119").status == 200)
        print("corrupt ZIMs: \(listing.books.count) loaded (\(listing.books.map(\.name).sorted())), "
              + "\(listing.failures.count) skipped; entry statuses \(statuses.sorted { $0.key < $1.key })")
        server.send(SIGTERM)
        let exit = server.waitForExit(timeout: 20)
        #expect(exit?.status == 0, "exit \(String(describing: exit)); log:\n\(server.output.suffix(12_000))")
    }
}

/// `/api/books` as the tests read it.
struct BooksListing: Decodable, CustomStringConvertible {
    struct Book: Decodable { let name: String }
    struct Failure: Decodable {
        let file: String
        let reason: String
    }
    let books: [Book]
    let failures: [Failure]
    var description: String { "books \(books.map(\.name)), failures \(failures.map(\.file))" }
}

/// A flag one thread sets and others read.
final class SharedFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

