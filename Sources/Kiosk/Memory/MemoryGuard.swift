import Foundation
import Synchronization
import ZimKit

/// Watches memory while serving and halves the two caches when it runs short, so the kernel's
/// OOM killer never has to end the kiosk for memory the caches would give back: a Pi Zero 2 W
/// running another service, a book's search index mapped in, a cgroup's `MemoryMax=`.
///
/// Short means any of: less than a twentieth of the total, or less than 24 MiB, available
/// (`MemoryLimits`: `MemAvailable`, or the cgroup's room); tasks waiting for memory at least
/// `stallPercent` of the last 10 s (PSI, `MemoryPressure`), which comes before `MemAvailable`
/// falls when the page cache holding the books is squeezed; the cgroup v2 group reaching its
/// `memory.high`/`memory.max` since the last check. Each check that finds it short halves both
/// budgets (down to 1 MiB each; pressure and limit events at most once per `pressureSpacing`)
/// and says why in the log. After `calmPeriod` without any of these, the caches double again,
/// one step per calm period, up to what they were before the first halving; a SIGHUP
/// (`KioskServer.resizeCaches`) sizes them afresh and `reset()` forgets that ceiling.
public final class MemoryGuard: Sendable {
    private struct State {
        var lastLimitEvents: Int?
        var lastPressureShrink = -Double.infinity
        /// The budgets before the first halving (gzip pages, clusters); nil when not shrunk.
        var ceiling: (pages: Int, clusters: Int)?
        var calmSince: Double?
    }

    private let caches: CompressedBodyCache
    private let log: Log
    private let interval: Double
    private let read: @Sendable () -> MemoryLimits?
    private let pressure: @Sendable () -> MemoryPressure
    private let now: @Sendable () -> Double
    /// The decoded-cluster cache's budget (process-wide in ZimKit), read and set.
    private let clusterBudget: @Sendable () -> Int
    private let setClusterBudget: @Sendable (Int) -> Void
    private let state = Mutex(State())
    /// Bumped by `stop()`: the polling thread exits when the generation it started with is gone.
    private let generation = Atomic<Int>(0)

    /// The smallest budget a halving leaves each cache.
    static let floor = 1 << 20
    /// PSI "some avg10" from which the caches shrink (percent of time tasks waited for memory).
    static let stallPercent = 10.0
    /// At most one halving for pressure or limit events per this many seconds (PSI's 10 s
    /// average lags the halving that answers it).
    static let pressureSpacing = 30.0
    /// Seconds without any shortage before the caches double again.
    static let calmPeriod = 300.0

    /// `read`, `pressure`, `now`, `clusterBudget` and `setClusterBudget` are the system's and
    /// ZimKit's; tests give their own.
    public init(caches: CompressedBodyCache, log: Log, interval: Double = 5,
                read: @escaping @Sendable () -> MemoryLimits? = { MemoryLimits.read() },
                pressure: @escaping @Sendable () -> MemoryPressure = { MemoryPressure.read() },
                now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
                clusterBudget: @escaping @Sendable () -> Int = { Archive.decodedClusterCacheStats.budget },
                setClusterBudget: @escaping @Sendable (Int) -> Void = { Archive.setDecodedClusterCacheBytes($0) }) {
        self.caches = caches
        self.log = log
        self.interval = interval
        self.read = read
        self.pressure = pressure
        self.now = now
        self.clusterBudget = clusterBudget
        self.setClusterBudget = setClusterBudget
    }

    /// Whether `limits` leave too little to keep the caches as they are.
    static func isLow(_ limits: MemoryLimits) -> Bool {
        limits.available < max(limits.total / 20, 24 << 20)
    }

    /// One check; true when it changed the caches (halved, or doubled after a calm period). Public for tests.
    @discardableResult
    public func check() -> Bool {
        let limits = read(), signs = pressure(), time = now()
        let (reason, regrow): (String?, (pages: Int, clusters: Int)?) = state.withLock { state in
            var newEvents = 0
            if let events = signs.limitEvents, let last = state.lastLimitEvents { newEvents = max(0, events - last) }
            if let events = signs.limitEvents { state.lastLimitEvents = events }
            let spaced = time - state.lastPressureShrink >= Self.pressureSpacing
            var reason: String?
            if let limits, Self.isLow(limits) {
                reason = "memory low (\(CacheBudget.mebibytes(limits.available)) MiB available of \(CacheBudget.mebibytes(limits.total)) MiB)"
            } else if newEvents > 0 {
                state.calmSince = nil
                if spaced { reason = "the control group reached its memory limit \(newEvents) time(s) since the last check" }
            } else if let stalled = signs.stalledPercent, stalled >= Self.stallPercent {
                state.calmSince = nil
                if spaced { reason = "tasks waited for memory \(Int(stalled.rounded())) % of the last 10 s" }
            } else {
                // Calm: after a whole calm period, one step back up towards the ceiling.
                let calmSince = state.calmSince ?? time
                state.calmSince = calmSince
                guard let ceiling = state.ceiling, time - calmSince >= Self.calmPeriod else { return (nil, nil) }
                state.calmSince = time
                return (nil, ceiling)
            }
            guard let reason else { return (nil, nil) }
            state.calmSince = nil
            if !(limits.map(Self.isLow) ?? false) { state.lastPressureShrink = time }
            if state.ceiling == nil { state.ceiling = (caches.budget, clusterBudget()) }
            return (reason, nil)
        }
        if let reason { return shrink(because: reason) }
        if let regrow { return grow(towards: regrow) }
        return false
    }

    private func shrink(because reason: String) -> Bool {
        let pages = caches.budget, clusters = clusterBudget()
        guard pages > Self.floor || clusters > Self.floor else { return false }
        let newPages = max(Self.floor, pages / 2), newClusters = max(Self.floor, clusters / 2)
        caches.resize(to: newPages)
        setClusterBudget(newClusters)
        log.warning("\(reason): caches halved to \(CacheBudget.mebibytes(newPages)) MiB "
            + "of gzip pages and \(CacheBudget.mebibytes(newClusters)) MiB of clusters")
        return true
    }

    private func grow(towards ceiling: (pages: Int, clusters: Int)) -> Bool {
        let newPages = min(ceiling.pages, caches.budget * 2), newClusters = min(ceiling.clusters, clusterBudget() * 2)
        if newPages >= ceiling.pages && newClusters >= ceiling.clusters { state.withLock { $0.ceiling = nil } }
        guard newPages != caches.budget || newClusters != clusterBudget() else { return false }
        caches.resize(to: newPages)
        setClusterBudget(newClusters)
        log.info("memory calm for \(Int(Self.calmPeriod / 60)) minutes: caches grown to \(CacheBudget.mebibytes(newPages)) MiB "
            + "of gzip pages and \(CacheBudget.mebibytes(newClusters)) MiB of clusters")
        return true
    }

    /// The caches were sized afresh (SIGHUP): their new budgets are the ones to come back to.
    public func reset() {
        state.withLock { state in
            state.ceiling = nil
            state.calmSince = nil
        }
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
