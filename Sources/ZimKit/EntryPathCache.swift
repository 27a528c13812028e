import Synchronization

/// Entries recently found by path in one archive, so a room reading the same articles doesn't
/// pay for libzim's lookup on every request.
///
/// libzim finds a path by binary search over its dirents: on a 20,000-entry archive that was ~5
/// reads of 256 bytes (`pread`) per request once its 512-dirent cache was outgrown, ~15-25 % of
/// the server's time on popular pages. An archive never changes, so a found entry stays right.
/// Two generations of at most `capacity / 2` entries each (a hit in the old one moves it back):
/// close to LRU without per-hit bookkeeping. Paths not found are not kept (a client can't fill
/// the cache with made-up paths).
final class EntryPathCache: Sendable {
    private struct Generations {
        var young: [String: Entry] = [:]
        var old: [String: Entry] = [:]
    }

    private let state = Mutex(Generations())
    private let generationLimit: Int

    /// A cache of about `capacity` entries (0 keeps nothing).
    init(capacity: Int) {
        generationLimit = max(0, capacity / 2)
    }

    func entry(for path: String) -> Entry? {
        guard generationLimit > 0 else { return nil }
        return state.withLock { state in
            if let entry = state.young[path] { return entry }
            guard let entry = state.old.removeValue(forKey: path) else { return nil }
            Self.insert(entry, for: path, into: &state, limit: generationLimit)
            return entry
        }
    }

    func store(_ entry: Entry, for path: String) {
        guard generationLimit > 0 else { return }
        state.withLock { Self.insert(entry, for: path, into: &$0, limit: generationLimit) }
    }

    private static func insert(_ entry: Entry, for path: String, into state: inout Generations, limit: Int) {
        if state.young.count >= limit {
            state.old = state.young
            state.young = [:]
            state.young.reserveCapacity(limit)
        }
        state.young[path] = entry
    }
}
