import Foundation
import Synchronization

/// The bounded in-memory queue between request threads and the usage writer. Split into
/// shards chosen by thread, so request threads almost never wait on each other's lock (one
/// shared lock cost ~10% of throughput at 64 connections: contended locks go to the kernel).
final class UsageQueue: Sendable {
    private struct State {
        var items: [PendingUsage] = []
    }

    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    private let shards: [Shard]
    private let capacity: Int
    /// Items in all shards (reserved before appending, so the bound holds without a global lock).
    private let size = Atomic<Int>(0)
    /// Items drained but not yet settled by the writer: still counted as waiting, so a reader
    /// never sees an event neither waiting nor in today's counters.
    private let taken = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)

    /// A queue holding at most `capacity` items.
    init(capacity: Int, shards: Int = 16) {
        self.shards = (0..<shards).map { _ in Shard() }
        self.capacity = max(1, capacity)
    }

    /// Adds `item`, or drops it (and counts the drop) when the queue is full or closed.
    /// Never waits for the writer. Returns whether the item was kept.
    func push(_ item: PendingUsage) -> Bool {
        guard !closed.load(ordering: .relaxed),
              size.add(1, ordering: .relaxed).newValue <= capacity else {
            if !closed.load(ordering: .relaxed) { size.subtract(1, ordering: .relaxed) }
            dropped.add(1, ordering: .relaxed)
            return false
        }
        var thread = UInt64(pthread_self())
        thread = (thread ^ (thread >> 29)) &* 0xBF58_476D_1CE4_E5B9
        shards[Int((thread >> 40) % UInt64(shards.count))].state.withLock { $0.items.append(item) }
        return true
    }

    /// Takes everything queued, oldest first, and the number of drops since the last call.
    /// The items stay counted in `count` until `settle(_:)`.
    func drain() -> (items: [PendingUsage], dropped: Int) {
        var items: [PendingUsage] = []
        for shard in shards {
            shard.state.withLock { state in
                items.append(contentsOf: state.items)
                state.items.removeAll(keepingCapacity: state.items.count <= 1024)
            }
        }
        // Counted as taken before no longer counted as queued (and `count` reads them in the
        // other order): a reader sees a drained item at least once, never zero times.
        taken.add(items.count, ordering: .sequentiallyConsistent)
        size.subtract(items.count, ordering: .sequentiallyConsistent)
        items.sort { $0.monotonic < $1.monotonic }
        return (items, dropped.exchange(0, ordering: .relaxed))
    }

    /// The writer has accounted for `count` drained items (written, or kept for retry).
    /// Called after the items are in today's counters or in the retry list.
    func settle(_ count: Int) { taken.subtract(count, ordering: .sequentiallyConsistent) }

    /// Items waiting, including those drained and not yet settled.
    var count: Int {
        let queued = size.load(ordering: .sequentiallyConsistent)
        return max(0, queued) + max(0, taken.load(ordering: .sequentiallyConsistent))
    }

    /// From now on, every push is dropped.
    func close() { closed.store(true, ordering: .relaxed) }
}

extension PendingUsage {
    var monotonic: Double {
        switch self {
        case .event(_, let monotonic): monotonic
        case .clock(_, _, _, let monotonic): monotonic
        }
    }
}
