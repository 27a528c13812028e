import Synchronization

/// gzip bodies of recently served pages, so a room reading the same articles doesn't pay
/// for compression on every request.
///
/// Split into shards by key hash, each behind its own lock, so request threads rarely wait
/// on each other (one shared lock cost ~14 % of server CPU at 64 connections). Each shard is a
/// CLOCK of pages with TinyLFU admission (`BodyShard`): a page offered when the shard is full
/// comes in only if it has been asked for more often than the page it would push out. A room
/// cycling through a few more pages than the cache holds then keeps most of them (the two
/// LRU-like generations used before kept none: every request of such a cycle missed).
/// Memory never exceeds `budget`.
///
/// With a `spill` (the kiosk gives it one), every page compressed is also written to disk once,
/// and a page not in memory is read back from there before its cluster is decoded again
/// (`SpilledBodyStore`).
public final class CompressedBodyCache: Sendable {
    /// One lock and its pages (a class: `Mutex` can't be copied into an array).
    private final class Shard: Sendable {
        let state = Mutex(BodyShard())
    }

    private static let shardCount = 8

    /// Maximum bytes of compressed bodies kept (`resize(to:)` changes it).
    public var budget: Int { budgetBytes.load(ordering: .relaxed) }
    private let budgetBytes: Atomic<Int>
    private var shardBudget: Int { budget / Self.shardCount }
    private let shards: [Shard]
    /// The second tier on disk; nil for memory only.
    public let spill: SpilledBodyStore?

    public init(budget: Int, spill: SpilledBodyStore? = nil) {
        self.budgetBytes = Atomic(max(0, budget))
        self.shards = (0..<Self.shardCount).map { _ in Shard() }
        self.spill = spill
    }

    /// A new budget (the memory available changed: `wikikiosk serve` re-reads it on SIGHUP,
    /// `MemoryGuard` halves it when memory runs low). A smaller one lets go of pages at once.
    public func resize(to newBudget: Int) {
        budgetBytes.store(max(0, newBudget), ordering: .relaxed)
        let share = shardBudget
        for shard in shards {
            shard.state.withLock { $0.trim(to: share) }
        }
    }

    /// The cached body for `key`, if any (counted as a request for it either way): from memory,
    /// else from the spill on disk, offered to memory then as if it had just been compressed.
    public func body(for key: String) -> [UInt8]? {
        let hash = Self.hash(key)
        if shardBudget > 0, let body = shard(hash).state.withLock({ $0.body(for: key, hash: hash) }) { return body }
        guard let body = spill?.body(for: key, hash: hash) else { return nil }
        admit(body, for: key, hash: hash)
        return body
    }

    /// Keeps `body` for `key`, pushing out the oldest pages (bodies over a quarter of a shard's
    /// budget are not kept).
    public func store(_ body: [UInt8], for key: String) {
        let shardBudget = shardBudget
        guard shardBudget > 0, body.count <= shardBudget / 4 else { return }
        let hash = Self.hash(key)
        shard(hash).state.withLock { _ = $0.insert(body, for: key, hash: hash, budget: shardBudget, admitting: false) }
    }

    /// Keeps `body` for `key` at once while its shard has room (a kiosk just started warms up on
    /// its first visitors: on the benchmark's Zipf load, +37 % pages/s over waiting for a second
    /// offer); when full, only the second time it is offered within a while (a page asked for
    /// once — a pass over every article, a crawler — never pushes out the pages a room is
    /// reading), and only if it was asked for more often than the oldest page not read since it
    /// last came round (`BodyShard`).
    /// Every body offered goes to the spill, if any.
    public func offer(_ body: [UInt8], for key: String) {
        let hash = Self.hash(key)
        spill?.append(body, for: key, hash: hash)
        admit(body, for: key, hash: hash)
    }

    private func admit(_ body: [UInt8], for key: String, hash: UInt) {
        let shardBudget = shardBudget
        guard shardBudget > 0, body.count <= shardBudget / 4 else { return }
        shard(hash).state.withLock { state in
            let room = state.bytes + body.count <= shardBudget
            guard state.contains(key) || !state.firstOffer(hash) || room else { return }
            _ = state.insert(body, for: key, hash: hash, budget: shardBudget, admitting: true)
        }
    }

    /// Whether `key` was offered once already (so `offer` would consider its body now).
    public func wasOffered(_ key: String) -> Bool {
        guard shardBudget > 0 else { return false }
        let hash = Self.hash(key)
        return shard(hash).state.withLock { $0.seen.contains(hash) }
    }

    /// Lookups since start and those answered from the cache (the staff's Books page, the stop log).
    public var lookups: (all: Int, hits: Int) {
        shards.reduce((0, 0)) { total, shard in
            shard.state.withLock { (total.0 + $0.lookups, total.1 + $0.hits) }
        }
    }

    /// Bytes currently held.
    public var byteCount: Int {
        shards.reduce(0) { total, shard in total + shard.state.withLock { $0.bytes } }
    }

    private func shard(_ hash: UInt) -> Shard {
        shards[Int(hash % UInt(Self.shardCount))]
    }

    static func hash(_ key: String) -> UInt {
        var hasher = Hasher()
        hasher.combine(key)
        return UInt(bitPattern: hasher.finalize())
    }
}
