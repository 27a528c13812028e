import Foundation
@testable import HTTPTestSupport
import HTTPServer
import Testing

/// One worker thread, hundreds of busy keep-alive connections: libmicrohttpd 0.9.75's epoll mode
/// nearly stopped there (~40 answers/s at 256 connections on small pages), which poll() mode
/// does not. Every connection must keep getting answers.
@Suite("Daemon: many busy connections on one worker")
struct DaemonManyConnectionsTests {
    @Test func twoHundredFiftySixBusyConnectionsKeepGettingAnswers() throws {
        let page = String(repeating: "x", count: 2_000)
        var configuration = Daemon.Configuration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = 1
        configuration.perIPConnectionLimit = 0  // every client here is 127.0.0.1
        let daemon = try Daemon(configuration: configuration, handler: ClosureHandler { _ in .text(page) })
        defer { daemon.stop() }
        let groups = 8
        let perGroup = 32
        let rounds = Locked([Int](repeating: 0, count: groups))
        let failures = Locked([String]())
        let deadline = Date().addingTimeInterval(TestTiming.scaled(3))
        let port = daemon.port
        let runGroup: @Sendable (Int) -> Void = { group in
            do {
                let clients = try (0..<perGroup).map { _ in try RawHTTPClient(port: port, timeout: 5) }
                while Date() < deadline {
                    // Every connection of the group has a request waiting at once, then all are read.
                    for client in clients { try client.send("GET /page HTTP/1.1\r\nHost: t\r\n\r\n") }
                    for client in clients {
                        let reply = try client.readResponse()
                        guard reply.status == 200, reply.body.count == page.utf8.count else {
                            throw RawHTTPClient.Failure(description: "status \(reply.status), \(reply.body.count) bytes")
                        }
                    }
                    rounds.withLock { $0[group] += 1 }
                }
            } catch {
                failures.withLock { $0.append("group \(group): \(error)") }
            }
        }
        // One thread per group, all at once (concurrentPerform runs only as many as there are cores).
        let finished = DispatchGroup()
        for group in 0..<groups {
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                runGroup(group)
            }
        }
        finished.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        // Healthy: hundreds of rounds per group in 3 s (tens under ThreadSanitizer, which runs
        // longer). Stalled: none.
        let done = rounds.withLock { $0 }
        #expect(done.allSatisfy { $0 >= 5 }, "rounds per group of \(perGroup) connections: \(done)")
    }
}
