import Foundation
@testable import HTTPTestSupport
import Testing
@testable import Kiosk

/// Repeated log lines: one per cause per minute, with the count of those left out.
struct LogThrottleTests {
    @Test func oneLinePerCausePerIntervalThenTheCount() {
        let throttle = LogThrottle(interval: 60, capacity: 4)
        #expect(throttle.admit("damaged a", now: 0) == 0)
        for second in 1...489 { #expect(throttle.admit("damaged a", now: Double(second) / 50) == nil) }
        #expect(throttle.admit("damaged b", now: 10) == 0, "another cause is not held back")
        #expect(throttle.admit("damaged a", now: 61) == 489)
        #expect(throttle.admit("damaged a", now: 62) == nil)
    }

    @Test func theTableIsBounded() {
        let throttle = LogThrottle(interval: 60, capacity: 3)
        for index in 0..<10 { #expect(throttle.admit("cause \(index)", now: Double(index)) == 0) }
        // "cause 0" was forgotten: heard again, it is written at once.
        #expect(throttle.admit("cause 0", now: 11) == 0)
    }

    @Test func aDamagedEntryAskedForInALoopLogsOneLine() throws {
        let lines = Locked<[String]>([])
        let log = Log(minimumLevel: .debug) { line in lines.withLock { $0.append(line) } }
        for _ in 0..<200 { log.warning("ville/Accueil can't be read: checksum", cause: "damaged ville") }
        #expect(lines.withLock { $0.count } == 1)
    }
}
