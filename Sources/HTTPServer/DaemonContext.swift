import Synchronization

/// What the C trampolines reach through `void *cls`: the handler and daemon-wide state.
/// Retained (Unmanaged) from start until after MHD_stop_daemon has returned.
final class DaemonContext: Sendable {
    let handler: any RequestHandler
    let maxBodySize: Int
    let errorLog: (@Sendable (String) -> Void)?
    /// Requests seen by the URI-log callback and not yet reported complete.
    let inFlight = Atomic<Int>(0)
    /// Set by `stop()`: responses then carry "Connection: close" so keep-alive clients let go.
    let stopping = Atomic<Bool>(false)
    /// Requests whose connection is suspended, waiting for a deferred answer.
    let deferred = DeferredRegistry()
    /// Header deadlines and fair admission when the connections run out.
    let connections: ConnectionGuard

    init(handler: any RequestHandler, maxBodySize: Int, errorLog: (@Sendable (String) -> Void)?,
         connections: ConnectionGuard) {
        self.handler = handler
        self.connections = connections
        self.maxBodySize = max(0, maxBodySize)
        self.errorLog = errorLog
    }
}

/// Per-request state, from the URI-log callback to the completion callback. Stored in MHD's
/// `*con_cls` (Unmanaged, retained). libmicrohttpd handles one connection on one thread at a
/// time, so this is never touched concurrently.
final class RequestState {
    /// The request target as received; nil if it was not valid UTF-8.
    let target: String?
    var headersSeen = false
    var responded = false
    var body: [UInt8] = []
    /// Set while the connection is suspended waiting for the handler's deferred answer.
    var reply: DeferredReply?

    init(target: String?) {
        self.target = target
    }
}
