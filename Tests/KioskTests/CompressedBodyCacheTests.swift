import Testing
@testable import Kiosk

@Suite("Compressed body cache")
struct CompressedBodyCacheTests {
    /// A smaller budget (SIGHUP found less memory) lets go of pages at once; a bigger one keeps more.
    @Test func resizingFollowsTheNewBudget() {
        let cache = CompressedBodyCache(budget: 64 << 20)
        let body = [UInt8](repeating: 7, count: 50_000)
        for index in 0..<100 { cache.store(body, for: "page-\(index)") }
        #expect(cache.byteCount == 100 * 50_000)
        cache.resize(to: 1 << 20)
        #expect(cache.budget == 1 << 20)
        #expect(cache.byteCount <= 1 << 20, "\(cache.byteCount)")
        for index in 0..<100 { cache.store(body, for: "again-\(index)") }
        #expect(cache.byteCount <= 1 << 20)
        cache.resize(to: 0)
        #expect(cache.byteCount == 0)
        cache.store(body, for: "nothing")
        #expect(cache.body(for: "nothing") == nil)
        cache.resize(to: 16 << 20)
        for index in 0..<200 { cache.store(body, for: "more-\(index)") }
        #expect(cache.byteCount > 4 << 20, "a bigger budget holds more again")
    }

    /// A room cycling through a few more pages than the cache holds (2,000 real pages gzip to
    /// ~17 MB): most of them stay cached. With the two LRU-like generations used before, every
    /// request of such a cycle missed.
    @Test func aCycleABitLargerThanTheCacheMostlyHits() {
        let cache = CompressedBodyCache(budget: 800 * 1024)
        let body = [UInt8](repeating: 1, count: 1024)
        var hits = 0, requests = 0
        for round in 0..<30 {
            for page in 0..<1_000 {
                let key = "page \(page)"
                let hit = cache.body(for: key) != nil
                if !hit { cache.offer(body, for: key) }
                if round >= 20 { requests += 1; hits += hit ? 1 : 0 }
            }
            #expect(cache.byteCount <= 800 * 1024)
        }
        #expect(Double(hits) / Double(requests) > 0.6, "\(hits) hits of \(requests)")
    }

    /// A page asked for often comes in over one asked for once the cache is full.
    @Test func aPopularPagePushesOutALessPopularOne() {
        let cache = CompressedBodyCache(budget: 8 * 4096)   // 4 KB per shard: 4 pages of 1 KB
        let body = [UInt8](repeating: 2, count: 1024)
        for index in 0..<400 { cache.store(body, for: "filler \(index)") }
        for _ in 0..<3 { for index in 0..<400 { _ = cache.body(for: "filler \(index)") } }
        for _ in 0..<6 { _ = cache.body(for: "popular") }
        cache.offer(body, for: "popular")
        cache.offer(body, for: "popular")
        #expect(cache.body(for: "popular") != nil)
        cache.offer(body, for: "rare")
        cache.offer(body, for: "rare")
        #expect(cache.body(for: "rare") == nil, "asked for twice, less often than the oldest page (3): not let in")
    }

    @Test func keepsAndReturnsBodies() {
        let cache = CompressedBodyCache(budget: 1 << 20)
        cache.store([1, 2, 3], for: "a")
        #expect(cache.body(for: "a") == [1, 2, 3])
        #expect(cache.body(for: "b") == nil)
        cache.store([4], for: "a")
        #expect(cache.body(for: "a") == [4])
        #expect(cache.byteCount == 1)
    }

    @Test func neverHoldsMoreThanItsBudget() {
        let cache = CompressedBodyCache(budget: 64 * 1024)
        for index in 0..<10_000 {
            cache.store([UInt8](repeating: UInt8(index % 256), count: 1000), for: "page \(index)")
            #expect(cache.byteCount <= 64 * 1024)
        }
        #expect(cache.byteCount > 16 * 1024, "it does keep bodies")
        // The most recent pages are still there.
        #expect(cache.body(for: "page 9999")?.count == 1000)
    }

    /// While there is room, an offered page comes in at once (a kiosk just started warms up
    /// on its first visitors); once full, a page asked for once never pushes out another, and a
    /// page asked for again comes in over the oldest page not read since.
    @Test func offeredBodiesFillTheRoomThenComeInTheSecondTime() {
        let cache = CompressedBodyCache(budget: 1 << 20)
        #expect(!cache.wasOffered("popular"))
        cache.offer([1, 2, 3], for: "popular")
        #expect(cache.body(for: "popular") == [1, 2, 3], "room: kept at once")
        // A pass over 100,000 pages asked for once each fills the cache, no more, and the page
        // being read stays.
        for index in 0..<100_000 {
            cache.offer([UInt8](repeating: 7, count: 100), for: "cold \(index)")
            if index % 1_000 == 0 { #expect(cache.body(for: "popular") == [1, 2, 3]) }
        }
        #expect(cache.byteCount <= 1 << 20 && cache.byteCount > (1 << 20) - 8 * 200, "\(cache.byteCount) bytes kept")
        #expect(cache.body(for: "popular") == [1, 2, 3])
        #expect(cache.body(for: "cold 99999") == nil, "full: a page asked for once is not kept")
        // Full: asked for once, not kept; asked for again, it comes in.
        let late = [UInt8](repeating: 9, count: 100)
        cache.offer(late, for: "late")
        #expect(cache.body(for: "late") == nil)
        // Asked for a dozen times (the frequency sketch's counters are shared by ~6 cold keys
        // each here: a page asked for twice could tie with the oldest cold page), then offered.
        for _ in 0..<12 { _ = cache.body(for: "late") }
        cache.offer(late, for: "late")
        #expect(cache.body(for: "late") == late)
        #expect(cache.byteCount <= 1 << 20)
    }

    @Test func lookupsAndHitsAreCounted() {
        let cache = CompressedBodyCache(budget: 1 << 20)
        cache.store([1, 2, 3], for: "a")
        #expect(cache.body(for: "a") == [1, 2, 3])
        #expect(cache.body(for: "b") == nil)
        #expect(cache.body(for: "a") != nil)
        #expect(cache.lookups.all == 3 && cache.lookups.hits == 2)
    }

    @Test func tooBigOrZeroBudgetIsNotKept() {
        let cache = CompressedBodyCache(budget: 64 * 1024)
        cache.store([UInt8](repeating: 0, count: 10_000), for: "big")
        #expect(cache.body(for: "big") == nil)
        let off = CompressedBodyCache(budget: 0)
        off.store([1], for: "a")
        #expect(off.body(for: "a") == nil)
    }
}
