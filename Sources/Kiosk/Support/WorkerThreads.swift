import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small set of background threads running jobs in FIFO order, off libmicrohttpd's pool:
/// full-text searches, so content pages and suggestions never wait behind them.
///
/// - At most `count` threads; they start on demand and end after `idleSeconds` without work
///   (a kiosk, or a test process holding many routers, keeps no idle threads).
/// - The queue holds at most `queueLimit` waiting jobs: `submit` returns false beyond it, so the
///   caller can answer at once instead of letting requests pile up.
/// - On Linux each thread lowers its own priority by `niceness` (setpriority on the calling
///   thread: nice is per thread there), so under CPU contention content requests come first.
final class WorkerThreads: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var threads = 0
        /// Jobs running now.
        var busy = 0
        /// Set by `stop()`: threads finish the queued jobs and end.
        var stopped = false
        var waiting: Int { jobs.count - head }
    }

    let name: String
    let count: Int
    let queueLimit: Int
    private let niceness: Int32
    private let idleSeconds: Double
    private let state = Mutex(State())
    /// One signal per queued job.
    private let available = DispatchSemaphore(value: 0)

    init(name: String, count: Int, queueLimit: Int = .max, niceness: Int32 = 0, idleSeconds: Double = 10) {
        self.name = name
        self.count = max(1, count)
        self.queueLimit = max(0, queueLimit)
        self.niceness = niceness
        self.idleSeconds = idleSeconds
    }

    /// Queues `job`; false (and `job` dropped) when every thread is busy and `queueLimit` jobs
    /// are already waiting.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let (accepted, spawn) = state.withLock { state -> (Bool, Bool) in
            // Jobs that find an idle thread at once don't count as waiting.
            guard !state.stopped, state.waiting + state.busy - count < queueLimit else { return (false, false) }
            state.jobs.append(job)
            let spawn = state.threads < count
            if spawn { state.threads += 1 }
            return (true, spawn)
        }
        guard accepted else { return false }
        if spawn { startThread() }
        available.signal()
        return true
    }

    /// Lets the queued jobs run, then ends every thread; later `submit`s are refused. Returns
    /// at once (threads end on their own within a job's time).
    func stop() {
        let threads = state.withLock { state -> Int in
            state.stopped = true
            return state.threads
        }
        for _ in 0..<threads { available.signal() }
    }

    /// Jobs queued and not yet started (tests, diagnostics).
    var waitingJobs: Int { state.withLock { $0.waiting } }

    /// Threads alive now (tests, diagnostics).
    var threadCount: Int { state.withLock { $0.threads } }

    private func startThread() {
        let thread = Thread { [self] in
            #if os(Linux)
            if niceness > 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
            #endif
            run()
        }
        thread.name = name
        thread.start()
    }

    private func run() {
        while true {
            let signalled = available.wait(timeout: .now() + idleSeconds) == .success
            let job = state.withLock { state -> (@Sendable () -> Void)? in
                guard state.head < state.jobs.count else { return nil }
                let job = state.jobs[state.head]
                state.head += 1
                state.busy += 1
                if state.head > 64, state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            guard let job else {
                // Idle, or stopped with nothing left: end this thread unless a job slipped in.
                let end = state.withLock { state in
                    guard state.waiting == 0, state.stopped || !signalled else { return false }
                    state.threads -= 1
                    return true
                }
                if end { return }
                continue
            }
            job()
            state.withLock { $0.busy -= 1 }
        }
    }
}
