import Dispatch
import Foundation
import Synchronization

/// The statistics store: handlers' events go into a bounded in-memory queue (a request never
/// waits on the disk), and one writer thread stores them in SQLite (WAL) in one transaction
/// every `flushInterval`. When the queue is full, events are dropped and counted.
///
/// A batch that can't be written (disk full, read-only, I/O error) is kept and retried at each
/// flush, so statistics resume by themselves when the cause goes away; today's numbers count
/// only what is stored, `pending` what waits, `problem` the cause. Beyond `queueCapacity`
/// waiting events, the oldest are counted as dropped (and that count is stored once writing works).
///
/// Nothing identifying is written: client addresses become a daily keyed hash whose key is
/// only in memory, user agents become a coarse class ("phone/android"). See `UsageWriter`.
public final class UsageLog: UsageRecording {
    private struct Control {
        var waiters: [DispatchSemaphore] = []
        var stopping = false
        var maintenance: [@Sendable (SQLiteConnection) -> Void] = []
    }

    /// The database file.
    public let path: String
    /// Where a damaged database found at start was kept (a new one was started), for the
    /// staff dashboard; nil when none was.
    public var setAside: String? {
        get { setAsideFile.withLock { $0 } }
        set { setAsideFile.withLock { $0 = newValue } }
    }
    private let setAsideFile = Mutex<String?>(nil)
    private let settings: UsageSettings
    let clock: any UsageClock
    /// The workshop session running now (`UsageLog+Sessions`).
    let openSession = Mutex<WorkshopSession?>(nil)
    private let log: Log
    private let queue: UsageQueue
    private let control = Mutex(Control())
    private let counters: Mutex<TodayCounters>
    private let droppedTotal = Atomic<Int>(0)
    /// Events kept for a retry after a failed write (writer thread sets, readers read).
    private let retrying = Atomic<Int>(0)
    private let problem = Mutex<String?>(nil)
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
        openSession.withLock { $0 = try? Self.recoverSession(writer.connection, bootID: clock.bootID) }
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
        let waiting = queue.count + retrying.load(ordering: .sequentiallyConsistent)
        var snapshot = counters.withLock { $0 }
        snapshot.pending = waiting
        snapshot.dropped = droppedTotal.load(ordering: .relaxed)
        snapshot.problem = problem.withLock { $0 }
        return snapshot
    }

    /// Events dropped since start: the queue was full, or too many waited for a failing disk.
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

    /// Runs `job` on the writer thread with its connection, then writes what is queued, and
    /// returns when both are done (maintenance; tests simulate a full disk with it).
    func onWriterThread(_ job: @escaping @Sendable (SQLiteConnection) -> Void) {
        control.withLock { $0.maintenance.append(job) }
        flush()
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
        var retry: [PendingUsage] = []
        var retryDropped = 0
        while true {
            _ = wake.wait(timeout: .now() + settings.flushInterval)
            let (waiters, stopping, maintenance) = control.withLock { control in
                let taken = (control.waiters, control.stopping, control.maintenance)
                (control.waiters, control.maintenance) = ([], [])
                return taken
            }
            for job in maintenance { job(writer.connection) }
            wokenEarly.store(false, ordering: .relaxed)
            let (items, dropped) = queue.drain()
            let batch = retry + items
            let droppedSoFar = retryDropped + dropped
            if !batch.isEmpty || droppedSoFar > 0 {
                do {
                    try writer.write(batch, dropped: droppedSoFar, pending: 0)
                    if problem.withLock({ $0 }) != nil { log.info("usage statistics: writing again (\(batch.count) event(s) caught up)") }
                    (retry, retryDropped) = ([], 0)
                    problem.withLock { $0 = nil }
                } catch {
                    (retry, retryDropped) = keepForRetry(batch, dropped: droppedSoFar, after: error, writer: writer)
                }
                // Each event is added where it goes before it leaves where it was (today's
                // counters, then the retry list, then the queue), and `today()` reads them in the
                // reverse order: a dashboard read during a write never misses an event.
                counters.withLock { $0 = writer.today }
                retrying.store(retry.count, ordering: .sequentiallyConsistent)
            }
            queue.settle(items.count)
            // A failed heartbeat is the same disk problem a batch would meet: it waits for the next turn.
            try? writer.heartbeat(force: stopping)
            for waiter in waiters { waiter.signal() }
            if stopping { break }
        }
        if !retry.isEmpty {
            log.error("usage statistics: \(retry.count) event(s) could not be written before stopping "
                      + "(\(problem.withLock { $0 } ?? "error")): they are lost")
        }
        do {
            try writer.checkpoint()
        } catch {
            log.warning("usage statistics: final checkpoint failed: \(error)")
        }
    }

    /// After a failed write: the events to retry (the newest `queueCapacity`), the count of
    /// those lost (stored as dropped once writing works), the cause for the dashboard, one log
    /// line per minute. A full disk gets its write-ahead log emptied into the database, which
    /// may be all the room the next write needs.
    private func keepForRetry(_ batch: [PendingUsage], dropped: Int, after error: UsageStoreError,
                              writer: UsageWriter) -> ([PendingUsage], Int) {
        problem.withLock { $0 = error.cause }
        let kept = Array(batch.suffix(settings.queueCapacity))
        let lost = batch.count - kept.count
        if lost > 0 { droppedTotal.add(lost, ordering: .relaxed) }
        log.warning("usage statistics: \(batch.count) event(s) waiting, not written (\(error.cause)): \(error)",
                    cause: "usage write")
        if error.cause == "disk-full" { try? writer.checkpoint() }
        return (kept, dropped + lost)
    }
}
