import Foundation
import Synchronization
import Testing
import ZimKit

/// CZim reads zstd clusters itself (one pread, decoded only as far as needed, one byte-bounded cache)
/// instead of through libzim's per-kilobyte mmap. These tests hold it to libzim's answers.
@Suite("Reading zstd clusters without libzim's reader", .serialized)
struct DirectClusterReadingTests {
    /// Text whose size and content depend on `seed` (some items span several zstd blocks).
    static func text(_ seed: Int) -> String {
        let words = ["cathédrale", "Clermont", "volcan", "été", "Auvergne", "pierre", "noire", "lave", "Œuvre", "rue"]
        var state = UInt32(truncatingIfNeeded: seed &* 2_654_435_761 &+ 1)
        let count = seed % 50 == 17 ? 15_000 : 30 + seed % 700
        var out = "<html><body><h1>Article \(seed)</h1><p>"
        for _ in 0..<count {
            state = state &* 1_664_525 &+ 1_013_904_223
            out += words[Int(state >> 28) % words.count] + (state & 0x100 == 0 ? " " : ", ")
        }
        return out + "</p></body></html>"
    }

    /// The fixture, written once for the suite.
    static let manyClusters: Result<String, any Error> = Result { try writeManyClusters() }

    /// 400 HTML items in ~64 KB clusters (a few of ~150 KB, several zstd blocks), plus a binary
    /// item that libzim stores uncompressed.
    static func writeManyClusters() throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("clusters.zim").path
        let writer = try ZimWriter(path: path, options: .init(compression: true, fullTextIndexLanguage: nil,
                                                             clusterSize: 64 * 1024))
        try writer.addMetadata("Title", "Clusters")
        try writer.addMetadata("Language", "fra")
        for seed in 0..<400 {
            try writer.addItem(path: "a/\(seed)", title: "Article \(seed)", mimeType: "text/html", text: text(seed))
        }
        try writer.addItem(path: "big.bin", title: "big", mimeType: "application/octet-stream", content: Fixtures.bigBlob)
        try writer.addRedirect(path: "r/1", title: "Redirect", target: "a/1")
        writer.setMainPath("a/0")
        try writer.finish()
        return path
    }

    /// Every non-redirect user entry's (path, size, bytes), read with the given reader.
    static func readAll(_ archive: Archive, direct: Bool) throws -> [(String, UInt64, [UInt8])] {
        Archive.setDirectClusterReading(direct)
        defer { Archive.setDirectClusterReading(true) }
        var out: [(String, UInt64, [UInt8])] = []
        for index in 0..<archive.entryCount {
            let entry = try archive.entry(atPathIndex: index)
            if entry.isRedirect { continue }
            let item = try archive.item(for: entry, followRedirects: false)
            out.append((entry.path, item.size, try archive.data(of: item).bytes))
        }
        return out
    }

    @Test func everyItemMatchesLibzimByteForByte() throws {
        let archive = try Archive(path: Self.manyClusters.get())
        let before = Archive.decodedClusterCacheStats
        let direct = try Self.readAll(archive, direct: true)
        let after = Archive.decodedClusterCacheStats
        let libzim = try Self.readAll(archive, direct: false)
        #expect(direct.count == libzim.count)
        for (ours, theirs) in zip(direct, libzim) {
            #expect(ours.0 == theirs.0)
            #expect(ours.1 == theirs.1, "size of \(ours.0)")
            #expect(ours.2 == theirs.2, "bytes of \(ours.0)")
            #expect(ours.1 == UInt64(ours.2.count))
        }
        let article = try #require(direct.first { $0.0 == "a/17" })
        #expect(article.2 == Array(Self.text(17).utf8))
        // The HTML went through our reader: clusters were read (misses) and reused (hits).
        #expect(after.misses - before.misses >= 2)
        #expect(after.hits - before.hits >= 100)
    }

    /// Resolving an item (its size) reads only its cluster's offset table: no cluster is loaded into
    /// the decoded-cluster cache until the item's bytes are asked for. Pages answered from the gzip
    /// caches then don't push out clusters being decoded for other pages.
    @Test func anItemsSizeDoesNotLoadItsCluster() throws {
        let archive = try Archive(path: Self.manyClusters.get())
        let libzim = try Self.readAll(Archive(path: Self.manyClusters.get()), direct: false)
        var sizes: [String: UInt64] = [:]
        for index in 0..<archive.entryCount {
            let entry = try archive.entry(atPathIndex: index)
            if entry.isRedirect { continue }
            sizes[entry.path] = try archive.item(for: entry, followRedirects: false).size
        }
        #expect(archive.clustersLoaded == 0, "\(archive.clustersLoaded) clusters loaded for sizes")
        #expect(sizes.count == libzim.count)
        for (path, size, _) in libzim { #expect(sizes[path] == size, "size of \(path)") }
        _ = try archive.data(of: archive.item(for: archive.entry(path: "a/17")))
        #expect(archive.clustersLoaded == 1, "the bytes load the cluster")
    }

    @Test func slicesMatchTheWholeItem() throws {
        let archive = try Archive(path: Self.manyClusters.get())
        let item = try archive.item(for: archive.entry(path: "a/67"))
        let whole = try archive.data(of: item).bytes
        #expect(whole.count > 100_000)
        #expect(try archive.data(of: item, offset: 1000, count: 5000).bytes == Array(whole[1000..<6000]))
        #expect(try archive.data(of: item, offset: UInt64(whole.count - 10), count: 100).bytes == Array(whole.suffix(10)))
        #expect(try archive.data(of: item, offset: UInt64(whole.count), count: 10).count == 0)
        #expect(throws: ZimError.self) { try archive.data(of: item, offset: UInt64(whole.count + 1), count: 10) }
    }

    @Test func cacheStaysWithinItsBudgetUnderConcurrentReaders() throws {
        let archive = try Archive(path: Self.manyClusters.get())
        let expected = try Self.readAll(archive, direct: false)
        Archive.setDecodedClusterCacheBytes(512 * 1024)  // a few of its ~30 clusters: constant eviction
        defer { Archive.setDecodedClusterCacheBytes(8 << 20) }
        let reusedBefore = Archive.decodedClusterCacheStats.reusedMappings
        let mismatches = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<3 {
                for k in stride(from: (worker + round) % 7, to: expected.count, by: 7) {
                    let (path, _, bytes) = expected[k]
                    let data = try? archive.data(of: archive.item(for: archive.entry(path: path)))
                    if data?.bytes != bytes { mismatches.add(1, ordering: .relaxed) }
                }
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
        let stats = Archive.decodedClusterCacheStats
        #expect(stats.budget == 512 * 1024)
        #expect(stats.bytes <= 512 * 1024 + 600 * 1024, "one cluster over budget at most: \(stats)")
        // Evicted clusters' buffers went back to the pool and were decoded into again, and the
        // pool holds no more than a quarter of the budget or 3 MiB (one 2 MB cluster's buffers).
        #expect(stats.reusedMappings > reusedBefore, "\(stats)")
        #expect(stats.keptMappingBytes <= 3 << 20, "\(stats)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/zim/valid")))
    func sharedZimFilesReadTheSameThroughBothReaders() throws {
        for file in SharedZimFilesTests.validFiles() {
            let archive = try Archive(path: file)
            let direct = try Self.readAll(archive, direct: true)
            let libzim = try Self.readAll(archive, direct: false)
            #expect(direct.count == libzim.count, "\(file)")
            for (ours, theirs) in zip(direct, libzim) where ours.1 != theirs.1 || ours.2 != theirs.2 {
                Issue.record("\(file): \(ours.0) differs")
            }
        }
    }
}
