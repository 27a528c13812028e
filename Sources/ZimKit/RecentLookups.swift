import Synchronization

/// Answers recently looked up in one archive (entries by path, items by entry), so a room
/// reading the same articles doesn't pay for libzim's lookups on every request.
///
/// libzim finds a path by binary search over its dirents: on a 20,000-entry archive that was ~5
/// reads of 256 bytes (`pread`) per request once its 512-dirent cache was outgrown, ~15-25 % of
/// the server's time on popular pages; an item's facts cost one more dirent read and the cluster
/// lookup. An archive never changes, so an answer stays right. Two generations of at most
/// `capacity / 2` answers each (a hit in the old one moves it back): close to LRU without
/// per-hit bookkeeping. Failed lookups are not kept (a client can't fill the cache with
/// made-up paths).
final class RecentLookups<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var young: [Key: Value] = [:]
        var old: [Key: Value] = [:]
    }

    private let state = Mutex(Generations())
    private let generationLimit: Int

    /// A cache of about `capacity` answers (0 keeps nothing).
    init(capacity: Int) {
        generationLimit = max(0, capacity / 2)
    }

    func value(for key: Key) -> Value? {
        guard generationLimit > 0 else { return nil }
        let found: Value? = state.withLock { state in
            if let value = state.young[key] { return value }
            return state.old.removeValue(forKey: key)
        }
        // A hit in the old generation moves back to the young one.
        if let found { store(found, for: key) }
        return found
    }

    // The generations are only touched directly inside withLock closures: scripts/tsan-triage.sh
    // recognises Swift 6.3's contended-Mutex false positive by both accesses being in such a
    // closure, which a helper function called from the closure would hide.
    func store(_ value: Value, for key: Key) {
        guard generationLimit > 0 else { return }
        let limit = generationLimit
        state.withLock { state in
            if state.young.count >= limit {
                state.old = state.young
                state.young = [:]
                state.young.reserveCapacity(limit)
            }
            state.young[key] = value
        }
    }
}

/// The key of an item lookup: the entry, and whether redirects are followed.
struct ItemLookup: Hashable, Sendable {
    let entryIndex: UInt32
    let followRedirects: Bool
}
