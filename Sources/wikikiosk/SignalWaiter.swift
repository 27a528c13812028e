import Foundation

/// Waits for stop signals synchronously on the calling thread (no handler runs on a random
/// thread, no async-signal-safety pitfalls).
struct SignalWaiter {
    private var set = sigset_t()

    /// Blocks `signals` for this thread and every thread it starts from now on.
    init(signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Returns the first of the signals delivered.
    func wait() -> Int32 {
        var received: Int32 = 0
        var mask = set
        while sigwait(&mask, &received) != 0 {}
        return received
    }
}
