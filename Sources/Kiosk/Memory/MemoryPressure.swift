import Foundation

/// Signs that memory is short before `MemAvailable` says so, as Linux reports them:
/// pressure stall information (PSI: the share of recent time in which tasks waited for memory —
/// reclaim, refaulting pages of a book pushed out of the page cache) and, on cgroup v2, the
/// times the group hit its `memory.high` or `memory.max` or had a task killed.
///
/// PSI comes from the group's own `memory.pressure` on cgroup v2, else the machine's
/// `/proc/pressure/memory` (any kernel from 4.20 built with PSI, cgroup v1 or v2: Raspberry Pi
/// OS kernels have it, some boot with `psi=0`). `memory.events` exists on v2 only.
public struct MemoryPressure: Sendable, Equatable {
    /// PSI "some avg10": percent of the last 10 s in which at least one task waited for memory.
    /// Nil when the kernel gives no PSI.
    public var stalledPercent: Double?
    /// `memory.events` of the group and its parents: `high` + `max` + `oom_kill`, a counter
    /// that only grows. Nil without cgroup v2.
    public var limitEvents: Int?

    public init(stalledPercent: Double? = nil, limitEvents: Int? = nil) {
        self.stalledPercent = stalledPercent
        self.limitEvents = limitEvents
    }

    /// Reads both under `root` ("/" on a real system; a folder laid out like it in tests).
    public static func read(root: String = "/") -> MemoryPressure {
        let base = root.hasSuffix("/") ? root : root + "/"
        var pressure = MemoryPressure()
        let groups = (try? String(contentsOfFile: base + "proc/self/cgroup", encoding: .utf8)) ?? ""
        let unified = groups.split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
        if let unified {
            let folders = CgroupMemory.ancestors(unified).map { base + "sys/fs/cgroup" + $0 }
            if let own = folders.first, let text = try? String(contentsOfFile: own + "/memory.pressure", encoding: .utf8) {
                pressure.stalledPercent = someAverage10(text)
            }
            var events: Int?
            for folder in folders {
                guard let text = try? String(contentsOfFile: folder + "/memory.events", encoding: .utf8) else { continue }
                events = (events ?? 0) + limitEventCount(text)
            }
            pressure.limitEvents = events
        }
        if pressure.stalledPercent == nil, let text = try? String(contentsOfFile: base + "proc/pressure/memory", encoding: .utf8) {
            pressure.stalledPercent = someAverage10(text)
        }
        return pressure
    }

    /// `some avg10=12.34 avg60=… total=…` → 12.34.
    static func someAverage10(_ text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix("some ") {
            for field in line.split(separator: " ") where field.hasPrefix("avg10=") {
                return Double(field.dropFirst(6))
            }
        }
        return nil
    }

    /// `high`, `max` and `oom_kill` of a `memory.events` file, added up.
    static func limitEventCount(_ text: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, ["high", "max", "oom_kill"].contains(String(parts[0])), let value = Int(parts[1]) else { continue }
            count += value
        }
        return count
    }
}
