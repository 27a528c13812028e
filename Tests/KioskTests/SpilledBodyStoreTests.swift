import Foundation
import Testing
@testable import Kiosk

@Suite("gzip pages on disk (the gzip cache's second tier)")
struct SpilledBodyStoreTests {
    static func page(_ index: Int, count: Int = 3_000) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index &* 7) }
    }

    static func segmentFiles(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("segment-") }
    }

    @Test func bodiesComeBackByteForByte() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let store = try #require(SpilledBodyStore(directory: folder + "/pages", budget: 1 << 20, segmentBytes: 256 << 10,
                                                  log: Log(minimumLevel: .error) { _ in }))
        let sizes = [1, 1_500, 9_000, 60_000]
        for (index, size) in sizes.enumerated() { store.append(Self.page(index, count: size), for: "\"k\(index)\"") }
        for (index, size) in sizes.enumerated() {
            #expect(store.body(for: "\"k\(index)\"") == Self.page(index, count: size))
        }
        #expect(store.body(for: "\"unknown\"") == nil)
        #expect(store.lookups.all == 5 && store.lookups.hits == 4)
        #expect(store.usage.pages == 4)
        store.append(Self.page(99), for: "\"k0\"")
        #expect(store.body(for: "\"k0\"") == Self.page(0, count: 1), "a key stored once is not written again")
        store.append([UInt8](repeating: 1, count: 300 << 10), for: "\"too big\"")
        #expect(store.body(for: "\"too big\"") == nil, "bigger than a segment: not kept")
    }

    /// Past its budget the store drops its oldest file and forgets the pages in it: the files
    /// on disk never hold more than the budget, the newest pages are still there.
    @Test func theOldestSegmentGoesWhenTheBudgetIsReached() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let directory = folder + "/pages"
        let store = try #require(SpilledBodyStore(directory: directory, budget: 3 * 64 << 10, segmentBytes: 64 << 10,
                                                  log: Log(minimumLevel: .error) { _ in }))
        for index in 0..<200 {
            store.append(Self.page(index), for: "page \(index)")
            #expect(Self.segmentFiles(directory).count <= 3)
        }
        #expect(store.usage.bytes <= 3 * 64 << 10)
        #expect(store.body(for: "page 0") == nil, "in a dropped file")
        #expect(store.body(for: "page 199") == Self.page(199))
        #expect(store.body(for: "page 150") == Self.page(150))
        let kept = (0..<200).filter { store.body(for: "page \($0)") != nil }
        #expect(kept.count == store.usage.pages)
        #expect(kept.count >= 40 && kept.count <= 63, "2 to 3 files of 21 pages: \(kept.count)")
        #expect(kept == Array((200 - kept.count)..<200), "the newest pages are the ones kept")
    }

    /// Each run starts empty: what a previous run (or a power cut) left is deleted, never served.
    @Test func aNewRunStartsFromAnEmptyFolder() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let directory = folder + "/pages"
        let log = Log(minimumLevel: .error) { _ in }
        let first = try #require(SpilledBodyStore(directory: directory, budget: 1 << 20, segmentBytes: 256 << 10, log: log))
        first.append(Self.page(1), for: "page")
        try Data("left by a crash".utf8).write(to: URL(fileURLWithPath: directory + "/segment-7.part"))
        let second = try #require(SpilledBodyStore(directory: directory, budget: 1 << 20, segmentBytes: 256 << 10, log: log))
        #expect(second.body(for: "page") == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        try FileManager.default.createDirectory(atPath: folder + "/small", withIntermediateDirectories: true)
        try Data("left by an earlier run".utf8).write(to: URL(fileURLWithPath: folder + "/small/segment-1"))
        #expect(SpilledBodyStore(directory: folder + "/small", budget: 300 << 10, segmentBytes: 256 << 10, log: log) == nil,
                "less than two segments: off")
        #expect(!FileManager.default.fileExists(atPath: folder + "/small"), "and what an earlier run left is deleted")
    }

    /// A damaged file is a miss, never a wrong or short page.
    @Test func aDamagedFileIsAMissNotAWrongPage() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let directory = folder + "/pages"
        let store = try #require(SpilledBodyStore(directory: directory, budget: 1 << 20, segmentBytes: 256 << 10,
                                                  log: Log(minimumLevel: .error) { _ in }))
        store.append(Self.page(1), for: "first")
        store.append(Self.page(2), for: "second")
        let file = try #require(FileHandle(forUpdatingAtPath: directory + "/segment-1"))
        try file.seek(toOffset: UInt64(3_000 + 2))   // inside "first"'s key, stored after its body
        try file.write(contentsOf: Data("X".utf8))
        try file.truncate(atOffset: UInt64(3_000 + 5 + 1_000))   // "second" cut short
        try file.close()
        #expect(store.body(for: "first") == nil)
        #expect(store.body(for: "second") == nil)
    }

    /// A write that fails (here: the folder is gone, as with a card removed) stops the writes,
    /// says so once in the log, and loses no page already stored.
    @Test func aWriteFailureStopsWritingAndIsLoggedOnce() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let directory = folder + "/pages"
        let lines = LogLines()
        let store = try #require(SpilledBodyStore(directory: directory, budget: 256 << 10, segmentBytes: 64 << 10,
                                                  log: lines.log))
        store.append(Self.page(0), for: "kept")
        try FileManager.default.removeItem(atPath: directory)
        for index in 1..<100 { store.append(Self.page(index), for: "page \(index)") }
        #expect(store.body(for: "kept") == Self.page(0), "the open file is still readable")
        #expect(store.body(for: "page 99") == nil)
        let warnings = lines.all.filter { $0.contains("gzip pages on disk") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("no more pages are written") == true)
    }

    @Test func theDefaultBudgetFollowsTheFreeSpace() {
        #expect(SpilledBodyStore.automaticBudget(freeBytes: 100 << 40) == 256 << 20)
        #expect(SpilledBodyStore.automaticBudget(freeBytes: 1 << 30) == (1 << 30) / 20)
        #expect(SpilledBodyStore.automaticBudget(freeBytes: 200 << 20) == 0, "10 MiB: less than two segments")
    }

    /// Readers and writers on many threads while files are dropped: every read is the page
    /// written for its key or a miss (ThreadSanitizer runs this in CI).
    @Test func concurrentReadersAndWritersSeeWholePagesOnly() async throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let store = try #require(SpilledBodyStore(directory: folder + "/pages", budget: 4 * 64 << 10, segmentBytes: 64 << 10,
                                                  log: Log(minimumLevel: .error) { _ in }))
        let wrong = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for step in 0..<400 {
                        let index = (step * 13 + worker * 101) % 300
                        if let body = store.body(for: "page \(index)") {
                            if body != Self.page(index) { wrong += 1 }
                        } else {
                            store.append(Self.page(index), for: "page \(index)")
                        }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(store.lookups.hits > 0)
    }

    /// Memory cache off, disk on: the second request is answered from disk with the very bytes
    /// of the first answer; a damaged file falls back to the book.
    @Test func aKioskServesAPageAgainFromDisk() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        // Memory for gzip pages off, disk on.
        let server = try ServerTests.start(zims: [zim], state: folder + "/state") { configuration in
            configuration.compressedCacheBytes = 0
            configuration.spilledPageBytes = 16 << 20
        }
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/content/ville/Cath%C3%A9drale"
        let spill = try #require(server.compressedBodies.spill)

        let first = try Curl.get(url, ["-H", "Accept-Encoding: gzip"])
        #expect(first.headers["content-encoding"] == "gzip")
        #expect(spill.lookups == (1, 0))
        let second = try Curl.get(url, ["-H", "Accept-Encoding: gzip"])
        #expect(spill.lookups == (2, 1), "answered from disk")
        #expect(second.status == 200 && second.body == first.body)
        #expect(second.headers["etag"] == first.headers["etag"] && second.headers["content-encoding"] == "gzip")
        let plain = try Curl.get(url)
        #expect(try Gunzip.decompress(second.body) == plain.body)

        for file in Self.segmentFiles(folder + "/state/gzip-pages") {
            try FileHandle(forWritingAtPath: folder + "/state/gzip-pages/" + file)?.truncate(atOffset: 10)
        }
        let third = try Curl.get(url, ["-H", "Accept-Encoding: gzip"])
        #expect(third.status == 200)
        #expect(try Gunzip.decompress(third.body) == plain.body, "decoded from the book again")
    }
}
