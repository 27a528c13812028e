import Synchronization

/// A bounded least-recently-used cache from strings to values, safe from any thread.
///
/// Eviction is amortised: when full, the oldest eighth goes in one pass, so a miss costs
/// O(1) on average and a hit one dictionary update.
final class LRUCache<Value: Sendable>: Sendable {
    private struct State {
        var entries: [String: (value: Value, tick: UInt64)] = [:]
        var tick: UInt64 = 0
    }
    private let state = Mutex(State())
    /// The most entries kept; 0 keeps nothing.
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    func get(_ key: String) -> Value? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard let found = state.entries[key] else { return nil }
            state.tick += 1
            state.entries[key] = (found.value, state.tick)
            return found.value
        }
    }

    func put(_ key: String, _ value: Value) {
        guard capacity > 0 else { return }
        state.withLock { state in
            state.tick += 1
            state.entries[key] = (value, state.tick)
            guard state.entries.count > capacity else { return }
            let drop = max(1, capacity / 8)
            let oldest = state.entries.map { ($0.value.tick, $0.key) }.sorted { $0.0 < $1.0 }.prefix(drop)
            for (_, key) in oldest { state.entries.removeValue(forKey: key) }
        }
    }

    /// Entries held now.
    var count: Int { state.withLock { $0.entries.count } }
}
