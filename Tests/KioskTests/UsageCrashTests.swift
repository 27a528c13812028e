import Foundation
import Synchronization
import Testing
@testable import Kiosk

@Suite("Usage database survives SIGKILL")
struct UsageCrashTests {
    /// Starts the real `wikikiosk serve`, loads it with article views from 4 clients, kills it
    /// with SIGKILL, then checks the database: intact, and at most one batch interval lost.
    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil), .timeLimit(.minutes(2)))
    func killedUnderLoadTheDatabaseIsIntactAndLosesAtMostOneBatch() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let zim = try Fixtures.writeBook(at: dir + "/ville.zim", fullText: false)
        let flush = 0.5
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
        server.arguments = ["serve", "--address", "127.0.0.1", "--port", "0", "--state-dir", dir + "/state",
                            "--stats-flush-seconds", "\(flush)", zim]
        let errors = Pipe()
        server.standardError = errors
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let port = try #require(ServerOutput.port(from: errors))

        // Load: 4 clients, each one curl process per batch of 50 views on one connection.
        let url = "http://127.0.0.1:\(port)/content/ville/Cath%C3%A9drale"
        let completions = CompletionLog()
        let stopLoad = Date().addingTimeInterval(4)
        let clients = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: clients) {
                while Date() < stopLoad {
                    let ok = (try? Curl.batch(Array(repeating: url, count: 50)))?.filter { $0.status == 200 }.count ?? 0
                    completions.add(ok)
                }
            }
        }
        Thread.sleep(forTimeInterval: 3)   // killed while the clients are still sending
        let killedAt = Date()
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        clients.wait()
        #expect(server.terminationReason == .uncaughtSignal)

        let db = try SQLiteConnection(path: dir + "/state/usage.sqlite")
        #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
        let stored = try db.scalar("SELECT COUNT(*) FROM events WHERE kind = 'view'")?.int ?? 0
        let served = completions.total
        // Completions are logged per batch of 50 when the batch ends: count as "recent" every
        // batch finished within one flush interval (plus scheduling slack) of the kill.
        let recent = completions.since(killedAt.addingTimeInterval(-(flush + 1.0)))
        #expect(served > 200)
        #expect(stored <= served)
        #expect(served - stored <= recent, "lost \(served - stored) of \(served); \(recent) served in the last interval")
    }

    /// SIGTERM (systemd stopping the service): everything served is written before exit.
    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil), .timeLimit(.minutes(1)))
    func aCleanStopWritesEveryEvent() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let zim = try Fixtures.writeBook(at: dir + "/ville.zim", fullText: false)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
        server.arguments = ["serve", "--address", "127.0.0.1", "--port", "0", "--state-dir", dir + "/state",
                            "--stats-flush-seconds", "600", zim]
        let errors = Pipe()
        server.standardError = errors
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let port = try #require(ServerOutput.port(from: errors))
        let served = try Curl.batch(Array(repeating: "http://127.0.0.1:\(port)/content/ville/Accueil", count: 30))
        #expect(served.allSatisfy { $0.status == 200 })
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let db = try SQLiteConnection(path: dir + "/state/usage.sqlite")
        #expect(try db.scalar("SELECT COUNT(*) FROM events WHERE kind = 'view'")?.int == 30)
    }
}

/// Thread-safe list of (time, count) completions.
private final class CompletionLog: Sendable {
    private let entries = Mutex<[(Date, Int)]>([])
    func add(_ count: Int) { entries.withLock { $0.append((Date(), count)) } }
    var total: Int { entries.withLock { $0.reduce(0) { $0 + $1.1 } } }
    func since(_ date: Date) -> Int { entries.withLock { $0.filter { $0.0 >= date }.reduce(0) { $0 + $1.1 } } }
}
