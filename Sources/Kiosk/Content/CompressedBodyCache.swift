import Synchronization

/// gzip bodies of recently served pages, so a room reading the same articles doesn't pay
/// for compression on every request.
///
/// Split into shards by key hash, each behind its own lock, so request threads rarely wait
/// on each other (one shared lock cost ~14 % of server CPU at 64 connections). Each shard
/// keeps two generations: entries go into `young`; when `young` holds half the shard's
/// budget it becomes `old` and the previous `old` is dropped; a hit in `old` moves back to
/// `young`. Close to LRU at a fraction of the bookkeeping, and memory never exceeds `budget`.
public final class CompressedBodyCache: Sendable {
    private struct Generations {
        var young: [String: [UInt8]] = [:]
        var old: [String: [UInt8]] = [:]
        var youngBytes = 0
        var oldBytes = 0
        /// Hashes of keys offered once (see `offer`), forgotten all at once when full.
        var seen = Set<UInt>()
    }

    /// Keys remembered as "offered once" per shard (~64 KB each).
    private static let seenLimit = 4096

    /// One lock and its generations (a class: `Mutex` can't be copied into an array).
    private final class Shard: Sendable {
        let state = Mutex(Generations())
    }

    private static let shardCount = 8

    /// Maximum bytes of compressed bodies kept (`resize(to:)` changes it).
    public var budget: Int { budgetBytes.load(ordering: .relaxed) }
    private let budgetBytes: Atomic<Int>
    private var shardBudget: Int { budget / Self.shardCount }
    private let shards: [Shard]

    public init(budget: Int) {
        self.budgetBytes = Atomic(max(0, budget))
        self.shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    /// A new budget (the memory available changed: `wikikiosk serve` re-reads it on SIGHUP).
    /// A smaller one drops the older generation, then the younger one, of each shard that holds
    /// more than its new share, at once.
    public func resize(to newBudget: Int) {
        budgetBytes.store(max(0, newBudget), ordering: .relaxed)
        let share = shardBudget
        for shard in shards {
            shard.state.withLock { state in
                if state.youngBytes + state.oldBytes > share {
                    state.old = [:]
                    state.oldBytes = 0
                }
                if state.youngBytes > share / 2 {
                    state.young = [:]
                    state.youngBytes = 0
                }
            }
        }
    }

    /// The cached body for `key`, if any.
    public func body(for key: String) -> [UInt8]? {
        let shardBudget = shardBudget
        guard shardBudget > 0 else { return nil }
        return shard(for: key).state.withLock { state in
            if let body = state.young[key] { return body }
            guard let body = state.old.removeValue(forKey: key) else { return nil }
            state.oldBytes -= body.count
            Self.insert(body, for: key, into: &state, budget: shardBudget)
            return body
        }
    }

    /// Keeps `body` for `key` (bodies over a quarter of a shard's budget are not kept).
    public func store(_ body: [UInt8], for key: String) {
        let shardBudget = shardBudget
        guard shardBudget > 0, body.count <= shardBudget / 4 else { return }
        shard(for: key).state.withLock { Self.insert(body, for: key, into: &$0, budget: shardBudget) }
    }

    /// Keeps `body` for `key` the second time it is offered within a while: a page asked for
    /// once (a pass over every article, a crawler) never pushes out the pages a room is
    /// reading, and a cold workload does not fill the cache for nothing (peak RSS).
    public func offer(_ body: [UInt8], for key: String) {
        let shardBudget = shardBudget
        guard shardBudget > 0, body.count <= shardBudget / 4 else { return }
        let hash = Self.hash(key)
        shards[Int(hash % UInt(Self.shardCount))].state.withLock { state in
            if state.young[key] == nil, state.old[key] == nil, state.seen.insert(hash).inserted {
                if state.seen.count >= Self.seenLimit { state.seen.removeAll(keepingCapacity: true) }
                return
            }
            Self.insert(body, for: key, into: &state, budget: shardBudget)
        }
    }

    /// Whether `key` was offered once already (so `offer` would keep its body now).
    public func wasOffered(_ key: String) -> Bool {
        guard shardBudget > 0 else { return false }
        let hash = Self.hash(key)
        return shards[Int(hash % UInt(Self.shardCount))].state.withLock { $0.seen.contains(hash) }
    }

    /// Bytes currently held.
    public var byteCount: Int {
        shards.reduce(0) { total, shard in total + shard.state.withLock { $0.youngBytes + $0.oldBytes } }
    }

    private func shard(for key: String) -> Shard {
        shards[Int(Self.hash(key) % UInt(Self.shardCount))]
    }

    private static func hash(_ key: String) -> UInt {
        var hasher = Hasher()
        hasher.combine(key)
        return UInt(bitPattern: hasher.finalize())
    }

    /// Each generation holds at most `budget / 2` bytes: `young` is retired *before* an insert
    /// would overflow it.
    private static func insert(_ body: [UInt8], for key: String, into state: inout Generations, budget: Int) {
        if let previous = state.young.removeValue(forKey: key) {
            state.youngBytes -= previous.count
        }
        if state.youngBytes + body.count > budget / 2 {
            state.old = state.young
            state.oldBytes = state.youngBytes
            state.young = [:]
            state.youngBytes = 0
        }
        state.young[key] = body
        state.youngBytes += body.count
    }
}
