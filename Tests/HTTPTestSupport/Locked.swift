import Foundation

/// A value shared with other threads in tests (closures can't capture a `Mutex` itself).
///
/// An NSLock rather than a `Mutex`: ThreadSanitizer sees NSLock's happens-before (pthread mutex),
/// whereas Swift 6.3's contended `Mutex` is reported as a race, and the extra closure of such a
/// wrapper hides that false positive from `scripts/tsan-triage.sh`.
/// `@unchecked Sendable`: `value` is only touched with `lock` held.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
