import Foundation
import Synchronization
import ZimKit

/// Watches the memory left while serving and halves the two caches when it runs low, so the
/// kernel's OOM killer never has to end the kiosk for memory the caches would give back: a Pi
/// Zero 2 W running another service, a book's search index mapped in, a cgroup's `MemoryMax=`.
///
/// Low means less than a twentieth of the total, or less than 24 MiB, available
/// (`MemoryLimits`: `MemAvailable`, or the cgroup's room). Each check that finds it low halves
/// both budgets (down to 1 MiB each) and says so in the log; the caches grow again on the next
/// SIGHUP (`KioskServer.resizeCaches`), not by themselves.
public final class MemoryGuard: Sendable {
    private let caches: CompressedBodyCache
    private let log: Log
    private let interval: Double
    private let read: @Sendable () -> MemoryLimits?
    /// The decoded-cluster cache's budget (process-wide in ZimKit), read and set.
    private let clusterBudget: @Sendable () -> Int
    private let setClusterBudget: @Sendable (Int) -> Void
    /// Bumped by `stop()`: the polling thread exits when the generation it started with is gone.
    private let generation = Atomic<Int>(0)

    /// The smallest budget a halving leaves each cache.
    static let floor = 1 << 20

    /// `read`, `clusterBudget` and `setClusterBudget` are the system's and ZimKit's; tests give
    /// their own.
    public init(caches: CompressedBodyCache, log: Log, interval: Double = 5,
                read: @escaping @Sendable () -> MemoryLimits? = { MemoryLimits.read() },
                clusterBudget: @escaping @Sendable () -> Int = { Archive.decodedClusterCacheStats.budget },
                setClusterBudget: @escaping @Sendable (Int) -> Void = { Archive.setDecodedClusterCacheBytes($0) }) {
        self.caches = caches
        self.log = log
        self.interval = interval
        self.read = read
        self.clusterBudget = clusterBudget
        self.setClusterBudget = setClusterBudget
    }

    /// Whether `limits` leave too little to keep the caches as they are.
    static func isLow(_ limits: MemoryLimits) -> Bool {
        limits.available < max(limits.total / 20, 24 << 20)
    }

    /// One check; true when it shrank the caches. Public for tests.
    @discardableResult
    public func check() -> Bool {
        guard let limits = read(), Self.isLow(limits) else { return false }
        let pages = caches.budget, clusters = clusterBudget()
        guard pages > Self.floor || clusters > Self.floor else { return false }
        let newPages = max(Self.floor, pages / 2), newClusters = max(Self.floor, clusters / 2)
        caches.resize(to: newPages)
        setClusterBudget(newClusters)
        log.warning("memory low (\(CacheBudget.mebibytes(limits.available)) MiB available of "
            + "\(CacheBudget.mebibytes(limits.total)) MiB): caches halved to \(CacheBudget.mebibytes(newPages)) MiB "
            + "of gzip pages and \(CacheBudget.mebibytes(newClusters)) MiB of clusters (they grow again on reload)")
        return true
    }

    /// Checks every `interval` seconds on a background thread (which ends within a quarter of
    /// a second of `stop()`).
    public func start() {
        let mine = generation.add(1, ordering: .sequentiallyConsistent).newValue
        let thread = Thread { [weak self] in
            var waited = 0.0
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                waited += 0.25
                guard let self, self.generation.load(ordering: .sequentiallyConsistent) == mine else { return }
                if waited >= self.interval {
                    waited = 0
                    self.check()
                }
            }
        }
        thread.name = "wikikiosk.memory-guard"
        thread.start()
    }

    /// Stops checking (the thread ends at its next wake-up).
    public func stop() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }
}
