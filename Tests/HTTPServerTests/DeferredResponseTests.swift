#if canImport(Glibc)
@testable import HTTPTestSupport
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import HTTPServer

/// Deferred answers (`RequestHandler.handle(_:completion:)`): the connection is suspended while
/// the answer is computed elsewhere, so the pool thread keeps serving other connections.
@Suite struct DeferredResponseTests {
    /// A daemon on 127.0.0.1, port 0, answering through `handler`'s completion.
    private func startDeferred(
        threads: Int = 2, grace: Duration = .seconds(10),
        _ handler: @escaping @Sendable (Request, @escaping @Sendable (Response) -> Void) -> Void
    ) throws -> Daemon {
        var configuration = Daemon.Configuration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = threads
        configuration.shutdownGracePeriod = grace
        return try Daemon(configuration: configuration, handler: DeferredHandler(handler))
    }

    /// /slow answers after `delay` seconds from another thread; anything else answers at once.
    private func slowOrFast(delay: Double) -> @Sendable (Request, @escaping @Sendable (Response) -> Void) -> Void {
        { request, done in
            if request.path == "/slow" {
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { done(.text("slow")) }
            } else {
                done(.text("fast"))
            }
        }
    }

    @Test func slowDeferredRequestDoesNotBlockAFastOneOnTheSamePoolThread() throws {
        let daemon = try startDeferred(threads: 1, slowOrFast(delay: 1))
        defer { daemon.stop() }
        let port = daemon.port
        let slow = Locked<(status: Int, text: String, seconds: Double)?>(nil)
        let started = Date()
        let thread = BackgroundThread {
            let reply = try? fetch(port, "/slow")
            slow.withLock { $0 = reply.map { ($0.status, $0.text, Date().timeIntervalSince(started)) } }
        }
        #expect(eventually { daemon.suspendedRequests == 1 })
        var timings: [Double] = []
        for _ in 0..<5 {
            let begin = Date()
            let reply = try fetch(port, "/fast")
            timings.append(Date().timeIntervalSince(begin))
            #expect(reply.status == 200)
            #expect(reply.text == "fast")
        }
        // The slow request is still waiting: every fast answer came while it was suspended.
        #expect(daemon.suspendedRequests == 1)
        #expect(timings.sorted()[2] < 0.1, "median fast answer \(timings.sorted()[2]) s")
        thread.join()
        let answer = try #require(slow.withLock { $0 })
        #expect(answer.status == 200)
        #expect(answer.text == "slow")
        #expect(answer.seconds >= 0.95)
        #expect(daemon.suspendedRequests == 0)
    }

    @Test func keepAliveConnectionIsReusedAfterADeferredAnswer() throws {
        let daemon = try startDeferred(slowOrFast(delay: 0.05))
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        for target in ["/slow", "/fast", "/slow", "/slow"] {
            try client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.status == 200)
            #expect(reply.text == String(target.dropFirst()))
            #expect(reply.headers["X-Content-Type-Options"] == "nosniff")
        }
        // HEAD of a deferred answer: headers only, and the connection still parses.
        try client.send("HEAD /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse(bodyless: true).headers["Content-Length"] == "4")
        try client.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "fast")
    }

    @Test func clientGoneWhileSuspendedIsCleanedUp() throws {
        let daemon = try startDeferred(threads: 1, slowOrFast(delay: 0.3))
        defer { daemon.stop() }
        var client: RawHTTPClient? = try RawHTTPClient(port: daemon.port)
        try client?.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { daemon.suspendedRequests == 1 })
        client = nil  // the visitor leaves before the answer
        // The answer comes, is written to a closed socket, and the connection is released.
        #expect(eventually { daemon.suspendedRequests == 0 && daemon.inFlightRequests == 0 })
        let reply = try fetch(daemon.port, "/fast")
        #expect(reply.status == 200)
        #expect(reply.text == "fast")
    }

    @Test func stopAnswersRequestsStillWaitingWith503() throws {
        let pending = Locked<[@Sendable (Response) -> Void]>([])
        let daemon = try startDeferred(grace: .milliseconds(300)) { request, done in
            if request.path == "/never" { pending.withLock { $0.append(done) } } else { done(.text("fast")) }
        }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET /never HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { daemon.suspendedRequests == 1 })
        let begin = Date()
        let stopper = BackgroundThread { daemon.stop() }
        let reply = try client.readResponse()
        stopper.join()
        #expect(reply.status == 503)
        #expect(reply.headers["Retry-After"] == "5")
        #expect(reply.headers["Connection"]?.lowercased() == "close")
        #expect(Date().timeIntervalSince(begin) < 3)
        // A completion after the daemon stopped is ignored (no crash, no use of a freed connection).
        for done in pending.withLock({ $0 }) { done(.text("too late")) }
    }

    @Test func stopLetsADeferredAnswerInsideTheGracePeriodFinish() throws {
        let daemon = try startDeferred(grace: .seconds(5), slowOrFast(delay: 0.3))
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { daemon.suspendedRequests == 1 })
        let stopper = BackgroundThread { daemon.stop() }
        let reply = try client.readResponse()
        stopper.join()
        #expect(reply.status == 200)
        #expect(reply.text == "slow")
    }

    @Test func completionCalledTwiceSendsTheFirstAnswer() throws {
        let daemon = try startDeferred { request, done in
            if request.path == "/now" {
                done(.text("first"))
                done(.text("second"))
            } else {
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
                    done(.text("first"))
                    done(.text("second"))
                }
            }
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        for target in ["/now", "/later", "/now"] {
            try client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "first")
        }
    }

    @Test func thousandDeferredRequestsOverSixtyFourConnectionsAreAllAnswered() throws {
        let daemon = try startDeferred { request, done in
            let path = request.path ?? ""
            let delay = Double(path.utf8.count % 4) / 1000
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { done(.text("answer " + path)) }
        }
        defer { daemon.stop() }
        let port = daemon.port
        let answered = Counter()
        let wrong = Counter()
        let threads = (0..<64).map { connection in
            BackgroundThread {
                guard let client = try? RawHTTPClient(port: port) else { return }
                for n in 0..<16 {
                    let target = "/c\(connection)/r\(n)"
                    guard (try? client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")) != nil,
                          let reply = try? client.readResponse() else { return }
                    if reply.status == 200 && reply.text == "answer " + target { answered.increment() } else { wrong.increment() }
                }
            }
        }
        for thread in threads { thread.join() }
        #expect(answered.value == 64 * 16)
        #expect(wrong.value == 0)
        #expect(eventually { daemon.suspendedRequests == 0 })
    }

    @Test func synchronousWaitOfADeferredHandler() {
        let handler = DeferredHandler { _, done in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) { done(.text("later")) }
        }
        let response = handler.handle(Request(method: .get, target: "/x", headers: HTTPHeaders()))
        #expect(response.status == 200)
        if case .bytes(let bytes) = response.body { #expect(String(decoding: bytes, as: UTF8.self) == "later") }
    }
}
