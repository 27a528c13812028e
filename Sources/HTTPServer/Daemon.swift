import CMicroHTTPD
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running libmicrohttpd daemon: internal thread pool, epoll on Linux.
///
/// Requests are parsed into `Request`s and handed to the `RequestHandler` on the pool threads;
/// a handler that answers later (`handle(_:completion:)`) has its connection suspended meanwhile,
/// so one slow request never holds a pool thread.
/// The daemon itself answers: 400 for a target that is not valid percent-encoded UTF-8 (or has
/// NUL) — the handler is not called; 413 for a body over `maxBodySize` (a declared Content-Length
/// gets a 413 answer; a chunked body that grows past the limit gets its connection closed);
/// libmicrohttpd answers malformed requests (400) and oversized headers (431/414) by itself.
/// Every response carries "X-Content-Type-Options: nosniff"; HTTP/1.1 connections are kept alive.
///
/// `Sendable` without `@unchecked`: every stored property is immutable and Sendable, and the
/// mutable part (the MHD handle) lives in a `Mutex`.
public final class Daemon: Sendable {
    /// Listening and resource limits.
    public struct Configuration: Sendable {
        /// IPv4 literal, "::" / IPv6 literal (dual stack for "::"); "localhost" means 127.0.0.1.
        public var address: String = "0.0.0.0"
        /// 0 picks a free port; read `Daemon.port` after start.
        public var port: UInt16 = 8080
        /// Worker threads in MHD's pool (each runs its own epoll loop).
        public var threads: Int = 4
        /// Seconds a connection may stay idle before it is closed (slow clients can't hold a thread).
        public var connectionTimeout: UInt32 = 30
        /// How long a connection may take to send a request's line and header fields, counted
        /// from its opening or its previous answer (`ConnectionGuard`).
        public var headerTimeout: Duration = .seconds(10)
        /// Concurrent connections in total (at least `threads`; MHD splits it among its threads).
        public var connectionLimit: UInt32 = 512
        /// Concurrent connections from one IP address; 0 = no limit.
        public var perIPConnectionLimit: UInt32 = 64
        /// Memory per connection; bounds request line + headers (MHD answers 414/431 beyond it).
        public var connectionMemoryLimit: Int = 16 * 1024
        /// Request bodies above this get 413.
        public var maxBodySize: Int = 1 << 20
        /// How long `stop()` waits for requests in flight before closing connections anyway.
        public var shutdownGracePeriod: Duration = .seconds(10)
        /// Receives libmicrohttpd's own error messages; nil keeps MHD silent (MHD_USE_ERROR_LOG off).
        public var errorLog: (@Sendable (String) -> Void)? = nil

        /// The defaults above.
        public init() {}
    }

    /// The actual bound port (useful with `port = 0`).
    public let port: UInt16

    /// What the trampolines see through `cls`.
    private let context: DaemonContext
    private let gracePeriod: Duration
    private let running: Mutex<RunningDaemon?>

    /// Binds, starts the thread pool and starts answering. Errors are in plain words
    /// ("port 8080 is already in use").
    public init(configuration: Configuration, handler: any RequestHandler) throws(HTTPServerError) {
        let listener = try ListenSocket.open(address: configuration.address, port: configuration.port)
        let guardian = ConnectionGuard(limit: Int(configuration.connectionLimit), headerTimeout: configuration.headerTimeout)
        let context = DaemonContext(handler: handler, maxBodySize: configuration.maxBodySize,
                                    errorLog: configuration.errorLog, connections: guardian)
        // Retained for the daemon's lifetime; released in `stop()` after MHD_stop_daemon returned.
        let retained = Unmanaged.passRetained(context)
        let cls = retained.toOpaque()

        // Suspend/resume: deferred answers (`RequestHandler.handle(_:completion:)`); it implies
        // MHD_USE_ITC, which wakes the pool thread owning a resumed connection.
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_ITC.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue
        // poll(), not epoll: with libmicrohttpd 0.9.75's epoll mode, one worker thread serving more
        // than ~100 busy keep-alive connections nearly stopped (256 wrk connections on small pages:
        // ~40 requests/s instead of ~45,000; 2 workers or poll() did not stall). poll() measured the
        // same at 64 connections and has no FD_SETSIZE limit.
        flags |= MHD_USE_POLL.rawValue
        if listener.isIPv6 { flags |= MHD_USE_IPv6.rawValue }

        var options: [MHD_OptionItem] = []
        if configuration.errorLog != nil {
            flags |= MHD_USE_ERROR_LOG.rawValue
            options.append(cmhd_option_external_logger(mhdLog, cls))  // first, per MHD docs
        }
        let threads = max(1, configuration.threads)
        options.append(cmhd_option_listen_socket(listener.descriptor))
        if threads > 1 { options.append(cmhd_option_uint(.THREAD_POOL_SIZE, UInt32(threads))) }
        options += [
            // The guard admits `connectionLimit`; MHD's own limit leaves room for connections it
            // is cutting to let others in.
            cmhd_option_uint(.CONNECTION_LIMIT, max(configuration.connectionLimit + Self.cutSlack, UInt32(threads))),
            cmhd_option_uint(.CONNECTION_TIMEOUT, configuration.connectionTimeout),
            cmhd_option_uint(.PER_IP_CONNECTION_LIMIT, configuration.perIPConnectionLimit),
            cmhd_option_size(.CONNECTION_MEMORY_LIMIT, max(configuration.connectionMemoryLimit, 4096)),
            cmhd_option_uri_log(mhdURILog, cls),
            cmhd_option_notify_completed(mhdRequestCompleted, cls),
            cmhd_option_notify_connection(mhdNotifyConnection, cls),
            cmhd_option_unescape(mhdUnescapeNothing, nil),
            // Lenient: MHD 0.9.75's strict answer to a request without Host is malformed (its
            // head twice); RequestAdmission refuses that and white space in the target itself.
            cmhd_option_uint(.STRICT_FOR_CLIENT, 0),
            cmhd_option_end(),
        ]
        let daemon = options.withUnsafeMutableBufferPointer {
            cmhd_start_daemon(flags, 0, mhdAcceptPolicy, cls, mhdAccessHandler, cls, $0.baseAddress)
        }
        guard let daemon else {
            guardian.stop()
            close(listener.descriptor)
            retained.release()
            throw HTTPServerError(code: .startFailed,
                                  message: "libmicrohttpd could not start on \(configuration.address) port \(listener.port) (thread pool or epoll setup failed)")
        }
        self.port = listener.port
        self.context = context
        self.gracePeriod = configuration.shutdownGracePeriod
        self.running = Mutex(RunningDaemon(handle: daemon, context: retained))
    }

    deinit {
        stop()
    }

    /// Stops accepting, lets in-flight responses finish (MHD_quiesce_daemon, then waiting up to
    /// `shutdownGracePeriod`), closes remaining connections (MHD_stop_daemon) and releases the
    /// handler.
    ///
    /// - New connections are refused from the first moment.
    /// - A request is in flight from its request line until MHD has written its last byte; those
    ///   finish normally. Requests arriving meanwhile on open keep-alive connections are still
    ///   answered, with "Connection: close".
    /// - After the grace period, responses still being sent are cut (the client sees a short body);
    ///   a handler or stream `read` still running is waited for (MHD joins its threads).
    /// - Requests still waiting for a deferred answer (`handle(_:completion:)`) after the grace
    ///   period get "503 Service Unavailable" with "Retry-After: 5"; their later completion is
    ///   ignored.
    ///
    /// Blocks until done. Calling it again (or concurrently) returns at once. Never call it from a
    /// request handler: it would wait for its own thread.
    public func stop() {
        guard let daemon = running.withLock({ $0.take() }) else { return }
        context.stopping.store(true, ordering: .releasing)
        // Stop accepting: the listen socket is handed back and must only be closed after
        // MHD_stop_daemon (an MHD thread may still be polling it until then).
        let listenSocket = MHD_quiesce_daemon(daemon.handle.pointer)
        // No MHD thread polls it any more; shutting it down (not closing: the descriptor must
        // stay valid until MHD_stop_daemon) makes new clients get "connection refused" at once
        // instead of waiting in the backlog for the whole grace period.
        if listenSocket >= 0 { shutdown(listenSocket, Int32(SHUT_RDWR)) }
        let deadline = ContinuousClock.now.advanced(by: gracePeriod)
        while context.inFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
            usleep(2_000)
        }
        // Deferred answers still missing: answer them 503 and resume their connections
        // (MHD_stop_daemon must not see a suspended connection), then give MHD a moment to
        // send those answers.
        if context.deferred.closeAll() > 0 {
            let sendBy = ContinuousClock.now.advanced(by: .seconds(1))
            while context.inFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < sendBy {
                usleep(2_000)
            }
        }
        // Closes every connection (idle keep-alive ones, or any still busy after the grace
        // period), calls the completion callback for each and joins the pool threads.
        MHD_stop_daemon(daemon.handle.pointer)
        context.connections.stop()
        if listenSocket >= 0 { close(listenSocket) }
        daemon.context.release()
    }

    /// Connections MHD may hold beyond `connectionLimit`: those the guard is cutting.
    static let cutSlack: UInt32 = 64

    /// Requests between request line and completion (tests and diagnostics).
    var inFlightRequests: Int { context.inFlight.load(ordering: .relaxed) }

    /// Requests whose connection is suspended waiting for a deferred answer (tests, diagnostics).
    public var suspendedRequests: Int { context.deferred.count }
}

/// The MHD handle and the retained context, owned by the `Daemon`'s mutex until `stop()`.
struct RunningDaemon: Sendable {
    /// `@unchecked Sendable`: an opaque `struct MHD_Daemon *`. libmicrohttpd allows
    /// MHD_quiesce_daemon / MHD_stop_daemon from any thread; the mutex makes sure only one
    /// caller ever takes it.
    struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    let handle: Handle
    let context: Unmanaged<DaemonContext>

    init(handle: OpaquePointer, context: Unmanaged<DaemonContext>) {
        self.handle = Handle(pointer: handle)
        self.context = context
    }
}
