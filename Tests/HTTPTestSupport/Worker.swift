import Foundation

/// Runs `body` on a real thread (not the cooperative pool, which blocking socket tests would starve).
final class Worker: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func join() { done.wait() }
}
