import Dispatch
import Foundation
import Synchronization

/// The statistics store: handlers' events go into a bounded in-memory queue (a request never
/// waits on the disk), and one writer thread stores them in SQLite (WAL) in one transaction
/// every `flushInterval`. When the queue is full, events are dropped and counted.
///
/// Nothing identifying is written: client addresses become a daily keyed hash whose key is
/// only in memory, user agents become a coarse class ("phone/android"). See `UsageWriter`.
public final class UsageLog: UsageRecording {
    private struct Control {
        var waiters: [DispatchSemaphore] = []
        var stopping = false
    }

    /// The database file.
    public let path: String
    private let settings: UsageSettings
    private let clock: any UsageClock
    private let log: Log
    private let queue: UsageQueue
    private let control = Mutex(Control())
    private let counters: Mutex<TodayCounters>
    private let droppedTotal = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    /// Set when a request thread woke the writer early (`earlyWriteCount`), until it drains.
    private let wokenEarly = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)
    private let writerBox: Mutex<UsageWriter?>

    /// Opens (or creates) the database at `path` and starts the writer thread, which keeps the
    /// log alive until `close()`.
    public init(path: String, settings: UsageSettings = UsageSettings(), clock: any UsageClock = SystemUsageClock(),
                log: Log = Log()) throws(UsageStoreError) {
        self.path = path
        self.settings = settings
        self.clock = clock
        self.log = log
        queue = UsageQueue(capacity: settings.queueCapacity)
        let writer = try UsageWriter(path: path, clock: clock, settings: settings)
        counters = Mutex(writer.today)
        writerBox = Mutex(writer)
        started.store(true, ordering: .relaxed)
        let thread = Thread { [self] in self.run() }
        thread.name = "wikikiosk-usage"
        thread.start()
    }

    // MARK: - Recording (request threads)

    public func record(_ event: UsageEvent) {
        enqueue(.event(event, monotonic: clock.monotonic()))
    }

    public func recordClientClock(phoneTime: Double, clientAddress: String?, userAgent: String?) {
        enqueue(.clock(phoneTime: phoneTime, clientAddress: clientAddress, userAgent: userAgent,
                       monotonic: clock.monotonic()))
    }

    private func enqueue(_ item: PendingUsage) {
        guard queue.push(item) else {
            droppedTotal.add(1, ordering: .relaxed)
            return
        }
        if queue.count >= settings.earlyWriteCount, !wokenEarly.exchange(true, ordering: .relaxed) {
            wake.signal()
        }
    }

    // MARK: - Control

    /// Today's live counters (memory only; includes events still waiting in the queue as `pending`).
    public func today() -> TodayCounters {
        var snapshot = counters.withLock { $0 }
        snapshot.pending = queue.count
        snapshot.dropped = droppedTotal.load(ordering: .relaxed)
        return snapshot
    }

    /// Events dropped because the queue was full, since start.
    public var droppedEvents: Int { droppedTotal.load(ordering: .relaxed) }

    /// Writes everything queued so far and returns when it is on disk.
    public func flush() {
        let done = DispatchSemaphore(value: 0)
        let running = control.withLock { control in
            guard !control.stopping else { return false }
            control.waiters.append(done)
            return true
        }
        guard running else { return }
        wake.signal()
        done.wait()
    }

    /// Writes what is queued, stops the writer thread and closes the database. Idempotent.
    public func close() {
        guard started.exchange(false, ordering: .acquiringAndReleasing) else { return }
        control.withLock { $0.stopping = true }
        queue.close()
        wake.signal()
        finished.wait()
    }

    // MARK: - Writer thread

    private func run() {
        writeUntilStopped()
        finished.signal()
    }

    /// The writer loop. The writer (and its connection) is released when this returns, so the
    /// database is closed before `close()` returns.
    private func writeUntilStopped() {
        guard let writer = writerBox.withLock({ $0 }) else { return }
        writerBox.withLock { $0 = nil }
        while true {
            _ = wake.wait(timeout: .now() + settings.flushInterval)
            let (waiters, stopping) = control.withLock { control in
                defer { control.waiters = [] }
                return (control.waiters, control.stopping)
            }
            wokenEarly.store(false, ordering: .relaxed)
            let (items, dropped) = queue.drain()
            if !items.isEmpty || dropped > 0 {
                do {
                    try writer.write(items, dropped: dropped, pending: 0)
                } catch {
                    log.warning("usage statistics: \(items.count) event(s) not written: \(error)")
                }
                counters.withLock { $0 = writer.today }
            }
            for waiter in waiters { waiter.signal() }
            if stopping { break }
        }
        do {
            try writer.checkpoint()
        } catch {
            log.warning("usage statistics: final checkpoint failed: \(error)")
        }
    }
}
