import Dispatch
import Foundation
import Synchronization

/// A value built once, on first use, on a background thread of its own (a book's title index,
/// its spelling dictionary): callers wait for it a bounded time and get nil meanwhile.
final class BackgroundBuild<Value: Sendable>: Sendable {
    private enum State {
        case notStarted, building, ready(Value), unavailable
    }

    private let state = Mutex<State>(.notStarted)
    private let ready = DispatchSemaphore(value: 0)
    private let name: String
    private let make: @Sendable () -> Value?

    /// `make` runs at most once, on a thread named `name`; nil from it means no value for good.
    /// A disabled build is settled at once, without a value.
    init(name: String, enabled: Bool = true, make: @escaping @Sendable () -> Value?) {
        self.name = name
        self.make = make
        if !enabled { state.withLock { $0 = .unavailable } }
    }

    /// Built, or known to be unavailable (no longer being built).
    var isSettled: Bool {
        state.withLock {
            switch $0 {
            case .ready, .unavailable: true
            case .notStarted, .building: false
            }
        }
    }

    /// The value, starting its build on first call; waits for it at most `wait` seconds.
    func value(wait: TimeInterval) -> Value? {
        let start: Bool = state.withLock { state in
            guard case .notStarted = state else { return false }
            state = .building
            return true
        }
        if start {
            let thread = Thread { [self] in
                let value = make()
                state.withLock { $0 = value.map { .ready($0) } ?? .unavailable }
                ready.signal()
            }
            thread.name = name
            thread.start()
        }
        if let value = current() { return value }
        guard wait > 0, isBuilding() else { return nil }
        // One waiter wakes; it passes the signal on to the next.
        if ready.wait(timeout: .now() + wait) == .success { ready.signal() }
        return current()
    }

    private func current() -> Value? {
        state.withLock { if case .ready(let value) = $0 { return value } else { return nil } }
    }

    private func isBuilding() -> Bool {
        state.withLock { if case .building = $0 { return true } else { return false } }
    }
}
