import Dispatch
import Synchronization

/// Turns a completion-style answer into a synchronous one: for callers without a daemon (tests,
/// the synchronous `RequestHandler.handle(_:)` of a deferred handler).
public enum ResponseWaiter {
    /// Calls `start` with a completion and blocks until it has been called (the first call wins).
    public static func wait(_ start: (@escaping @Sendable (Response) -> Void) -> Void) -> Response {
        let box = Box()
        start { response in box.fulfil(response) }
        box.done.wait()
        return box.response.withLock { $0 } ?? .plainError(500, "Internal Server Error")
    }

    private final class Box: Sendable {
        let response = Mutex<Response?>(nil)
        let done = DispatchSemaphore(value: 0)

        func fulfil(_ value: Response) {
            let first = response.withLock { stored in
                if stored != nil { return false }
                stored = value
                return true
            }
            if first { done.signal() }
        }
    }
}
