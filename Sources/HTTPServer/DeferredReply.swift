import CMicroHTTPD
import Synchronization

/// The answer to one request whose handler may complete later, and the suspension of its
/// connection meanwhile (MHD_suspend_connection / MHD_resume_connection).
///
/// Phases: `.handling` (the handler was called; the access callback has not decided yet) →
/// either the answer arrived first (the access callback queues it at once, no suspension) or
/// `.suspended` (the access callback suspended the connection) → `.resumed` (the answer arrived:
/// the connection is resumed exactly once, MHD calls the access callback again and it queues the
/// answer). Suspending and resuming both happen under this object's lock, so a completion racing
/// with the access callback can never resume a connection that is not suspended yet (undefined
/// behaviour in libmicrohttpd); after `.resumed` the connection pointer is never used again
/// (MHD may free it once the answer is sent), so a second completion is harmless.
final class DeferredReply: Sendable {
    private enum Phase { case handling, suspended, resumed }

    private struct State {
        var phase: Phase = .handling
        var response: Response?
        /// Taken by the access callback after resumption (or when the answer came first).
        var delivered = false
    }

    /// `@unchecked Sendable`: an opaque `struct MHD_Connection *`, only passed to
    /// MHD_suspend_connection (from the access callback, as MHD requires) and
    /// MHD_resume_connection (documented safe from any thread), both under `state`'s lock and
    /// only while MHD keeps the connection alive (a suspended connection is never freed).
    private struct Connection: @unchecked Sendable { let pointer: OpaquePointer }

    private let connection: Connection
    private let state = Mutex(State())

    init(connection: OpaquePointer) {
        self.connection = Connection(pointer: connection)
    }

    /// Stores the answer (the first one wins) and resumes the connection if it was suspended.
    /// Returns false when an answer was already stored.
    @discardableResult
    func complete(_ response: Response, registry: DeferredRegistry) -> Bool {
        state.withLock { state in
            guard state.response == nil else { return false }
            state.response = response
            if state.phase == .suspended {
                state.phase = .resumed
                registry.remove(self)
                MHD_resume_connection(connection.pointer)
            }
            return true
        }
    }

    /// Called by the access callback once the handler returned: the answer if it is already
    /// there (or the daemon is shutting down: then a 503), else suspends the connection and
    /// returns nil.
    func answerOrSuspend(registry: DeferredRegistry) -> Response? {
        state.withLock { state in
            if state.response == nil, !registry.add(self) {
                state.response = DeferredRegistry.shuttingDown
            }
            if let response = state.response {
                state.delivered = true
                return response
            }
            state.phase = .suspended
            MHD_suspend_connection(connection.pointer)
            return nil
        }
    }

    /// Called by the access callback after resumption: the answer, once.
    func takeResumedAnswer() -> Response? {
        state.withLock { state in
            guard state.phase == .resumed, !state.delivered, let response = state.response else { return nil }
            state.delivered = true
            return response
        }
    }
}

/// The suspended requests of one daemon, so `stop()` can resume them (libmicrohttpd panics in
/// MHD_stop_daemon while a connection is suspended).
final class DeferredRegistry: Sendable {
    private struct State {
        var waiting: [ObjectIdentifier: DeferredReply] = [:]
        /// Set by `closeAll()`: no more suspensions.
        var closed = false
    }

    private let state = Mutex(State())

    /// The answer to requests still waiting when the daemon stops.
    static var shuttingDown: Response {
        var response = Response.plainError(503, "Service Unavailable")
        response.headers.set("Retry-After", "5")
        return response
    }

    /// Registers a reply about to be suspended; false once the daemon is shutting down.
    func add(_ reply: DeferredReply) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.waiting[ObjectIdentifier(reply)] = reply
            return true
        }
    }

    func remove(_ reply: DeferredReply) {
        _ = state.withLock { $0.waiting.removeValue(forKey: ObjectIdentifier(reply)) }
    }

    /// Suspended requests now.
    var count: Int { state.withLock { $0.waiting.count } }

    /// Refuses further suspensions and answers every suspended request with a 503 (resuming
    /// its connection). Returns how many were answered so.
    func closeAll() -> Int {
        let waiting = state.withLock { state in
            state.closed = true
            return Array(state.waiting.values)
        }
        var answered = 0
        for reply in waiting {
            if reply.complete(Self.shuttingDown, registry: self) { answered += 1 }
        }
        return answered
    }
}
