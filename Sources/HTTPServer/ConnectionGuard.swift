import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps slow clients from holding the daemon's connections, which libmicrohttpd alone does not:
/// its idle timeout restarts on every byte, so a client that sends one header line a second is
/// never idle and never closed.
///
/// - **Header deadline** (as nginx's `client_header_timeout`): a connection must deliver a
///   request's line and header fields within `headerTimeout` of opening, or of its previous
///   answer (an idle keep-alive connection is in that state too: a browser simply reconnects).
/// - **Fair share when full**: at `limit` connections, a new client is let in by cutting a
///   connection that is still waiting for its headers — from the address holding the most
///   connections, the oldest first. Connections busy with a request are never cut. So however
///   many addresses send slowly, a phone whose request arrives in one go gets in.
///
/// A cut is `shutdown(2)` on the connection's socket under the guard's lock: libmicrohttpd then
/// reads end-of-file and closes it itself. The lock also covers the "closed" notification, which
/// libmicrohttpd sends before it closes the descriptor, so a descriptor is never cut after reuse.
final class ConnectionGuard: Sendable {
    private struct Tracked {
        let socket: Int32
        let address: [UInt8]
        var since: ContinuousClock.Instant
        var waitingForHeaders = true
        var cut = false
    }

    private struct State {
        var connections: [Int: Tracked] = [:]
        var perAddress: [[UInt8]: Int] = [:]
        var cutCount = 0
        var stopped = false
    }

    /// Connections this guard lets in (libmicrohttpd's own limit is set above it, so that a
    /// connection being cut still has a slot while it closes).
    let limit: Int
    let headerTimeout: Duration
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(limit: Int, headerTimeout: Duration) {
        self.limit = max(1, limit)
        self.headerTimeout = headerTimeout
        let thread = Thread { [self] in watch() }
        thread.name = "http-connection-guard"
        thread.start()
    }

    /// Ends the watchdog thread (`Daemon.stop()`, after libmicrohttpd stopped).
    func stop() {
        // No `defer` in the closure: ThreadSanitizer's triage recognises the Mutex false
        // positive only in the withLock body itself.
        let first = state.withLock { state -> Bool in
            let first = !state.stopped
            state.stopped = true
            return first
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    /// Connections open now, and those being cut (tests, diagnostics).
    var counts: (open: Int, cut: Int) { state.withLock { ($0.connections.count, $0.cutCount) } }

    // MARK: - What libmicrohttpd tells (from its threads)

    /// Whether a client at `address` may connect now; may cut another connection to make room.
    func admit(address: [UInt8]) -> Bool {
        state.withLock { state in
            if state.connections.count - state.cutCount < limit { return true }
            let mine = state.perAddress[address] ?? 0
            var victim: (key: Int, count: Int, since: ContinuousClock.Instant)?
            for (key, tracked) in state.connections where tracked.waitingForHeaders && !tracked.cut {
                let count = state.perAddress[tracked.address] ?? 0
                // Never cut a smaller holder for a bigger one; among the rest the biggest, then the oldest.
                guard count >= mine else { continue }
                if let best = victim, count < best.count || (count == best.count && tracked.since >= best.since) { continue }
                victim = (key, count, tracked.since)
            }
            guard let victim, let tracked = state.connections[victim.key] else { return false }
            // Cut in this closure (not a helper): ThreadSanitizer's triage recognises the
            // Mutex false positive only in the withLock body itself.
            state.connections[victim.key]!.cut = true
            state.cutCount += 1
            _ = shutdown(tracked.socket, Int32(SHUT_RDWR))
            return true
        }
    }

    func started(_ connection: Int, socket: Int32, address: [UInt8]) {
        state.withLock { state in
            state.connections[connection] = Tracked(socket: socket, address: address, since: .now)
            state.perAddress[address, default: 0] += 1
        }
    }

    func headersReceived(_ connection: Int) {
        state.withLock { $0.connections[connection]?.waitingForHeaders = false }
    }

    func requestCompleted(_ connection: Int) {
        state.withLock { state in
            guard state.connections[connection] != nil else { return }
            state.connections[connection]!.waitingForHeaders = true
            state.connections[connection]!.since = .now
        }
    }

    func closed(_ connection: Int) {
        state.withLock { state in
            guard let tracked = state.connections.removeValue(forKey: connection) else { return }
            if tracked.cut { state.cutCount -= 1 }
            let left = (state.perAddress[tracked.address] ?? 1) - 1
            state.perAddress[tracked.address] = left > 0 ? left : nil
        }
    }

    // MARK: - The watchdog

    private func watch() {
        while true {
            _ = wake.wait(timeout: .now() + 0.25)
            let stopped = state.withLock { state -> Bool in
                guard !state.stopped else { return true }
                let now = ContinuousClock.now
                for (key, tracked) in state.connections
                where tracked.waitingForHeaders && !tracked.cut && now - tracked.since > headerTimeout {
                    state.connections[key]!.cut = true
                    state.cutCount += 1
                    _ = shutdown(tracked.socket, Int32(SHUT_RDWR))
                }
                return false
            }
            if stopped { break }
        }
        finished.signal()
    }
}

/// The bytes that identify a client's address for the guard's per-address counts (IPv4 as 4
/// bytes, an IPv4-mapped IPv6 address too, other IPv6 as 16).
enum AddressKey {
    static func bytes(_ address: UnsafePointer<sockaddr>?) -> [UInt8] {
        guard let address else { return [] }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                withUnsafeBytes(of: inet.pointee.sin_addr) { Array($0) }
            }
        case AF_INET6:
            let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                withUnsafeBytes(of: inet6.pointee.sin6_addr) { Array($0) }
            }
            let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
            return Array(bytes.prefix(12)) == mapped ? Array(bytes.suffix(4)) : bytes
        default:
            return []
        }
    }
}
