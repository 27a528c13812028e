import Foundation
import Synchronization

/// Which repeated log lines to write: one per cause per interval, the next written line of a
/// cause saying how many were left out. Bounded: the causes heard least recently are forgotten
/// beyond `capacity`. (On an SD card log lines are writes; a damaged entry asked for in a loop
/// must not become hundreds of them.)
final class LogThrottle: Sendable {
    private struct Cause {
        var lastWritten: Double
        var suppressed: Int
    }

    let interval: Double
    let capacity: Int
    private let causes = Mutex([String: Cause]())

    init(interval: Double = 60, capacity: Int = 512) {
        self.interval = interval
        self.capacity = capacity
    }

    /// nil to leave this line out; else how many lines of this cause were left out before it.
    func admit(_ cause: String, now: Double = ProcessInfo.processInfo.systemUptime) -> Int? {
        causes.withLock { causes -> Int? in
            if var known = causes[cause] {
                guard now - known.lastWritten >= interval else {
                    known.suppressed += 1
                    causes[cause] = known
                    return nil
                }
                causes[cause] = Cause(lastWritten: now, suppressed: 0)
                return known.suppressed
            }
            if causes.count >= capacity, let oldest = causes.min(by: { $0.value.lastWritten < $1.value.lastWritten })?.key {
                causes[oldest] = nil
            }
            causes[cause] = Cause(lastWritten: now, suppressed: 0)
            return 0
        }
    }
}
