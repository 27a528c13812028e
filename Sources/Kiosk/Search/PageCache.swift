import Synchronization
import ZimKit

/// A small LRU of full-text result lists, by book, folded query and depth.
final class PageCache: Sendable {
    private struct State {
        var entries: [String: (results: SearchResults, tick: UInt64)] = [:]
        var tick: UInt64 = 0
    }
    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func get(_ key: String) -> SearchResults? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard let found = state.entries[key] else { return nil }
            state.tick += 1
            state.entries[key] = (found.results, state.tick)
            return found.results
        }
    }

    func put(_ key: String, _ results: SearchResults) {
        guard capacity > 0 else { return }
        state.withLock { state in
            state.tick += 1
            state.entries[key] = (results, state.tick)
            if state.entries.count > capacity,
               let oldest = state.entries.min(by: { $0.value.tick < $1.value.tick })?.key {
                state.entries.removeValue(forKey: oldest)
            }
        }
    }
}
