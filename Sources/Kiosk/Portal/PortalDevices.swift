import Foundation
import Synchronization

/// Which devices have been seen probing and which chose to continue past the captive portal.
///
/// In memory only, never written anywhere. A device is known by a keyed hash of its address
/// (the key is random for each run), so not even the memory holds addresses. An entry expires
/// after `timeout` seconds without any request from the device.
public final class PortalDevices: Sendable {
    /// What the kiosk knows of one device.
    public enum State: Sendable, Equatable {
        /// Never seen, or expired.
        case unknown
        /// Sent a connectivity probe; the captive sheet is (or was) showing.
        case probing
        /// Chose to continue: probes get the "online" answer.
        case continued
    }

    private struct Entry {
        var lastSeen: Double
        var continued: Bool
    }

    private struct Table {
        var entries: [Int: Entry] = [:]
        var lastPurge: Double = 0
    }

    private let table = Mutex(Table())
    /// Seconds on a monotonic clock (a Pi has no real-time clock; wall time may jump).
    private let clock: @Sendable () -> Double
    /// Most devices kept; the least recently seen are dropped beyond it.
    private let capacity: Int
    private let keys = AddressKeys()

    /// - Parameter clock: monotonic seconds; tests pass their own.
    public init(capacity: Int = 20_000, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.capacity = capacity
        self.clock = clock
    }

    private func key(_ device: String) -> Int { keys.key(device) }

    /// The device's state, refreshing its activity time when known.
    public func touch(_ device: String, timeout: Double) -> State {
        let now = clock()
        let key = key(device)
        return table.withLock { table in
            guard var entry = live(table, key, now, timeout) else { return .unknown }
            entry.lastSeen = now
            table.entries[key] = entry
            return entry.continued ? .continued : .probing
        }
    }

    /// Records a probe; returns the state before it (`.unknown` means this is the device's first probe).
    public func probe(_ device: String, timeout: Double) -> State {
        let now = clock()
        let key = key(device)
        return table.withLock { table in
            let before = live(table, key, now, timeout)
            table.entries[key] = Entry(lastSeen: now, continued: before?.continued ?? false)
            housekeep(&table, now, timeout)
            guard let before else { return .unknown }
            return before.continued ? .continued : .probing
        }
    }

    /// Marks the device as continued; returns whether it already was.
    @discardableResult
    public func `continue`(_ device: String, timeout: Double) -> Bool {
        let now = clock()
        let key = key(device)
        return table.withLock { table in
            let already = live(table, key, now, timeout)?.continued ?? false
            table.entries[key] = Entry(lastSeen: now, continued: true)
            housekeep(&table, now, timeout)
            return already
        }
    }

    /// Number of devices remembered (expired ones may be counted until the next clean-up).
    public var count: Int { table.withLock { $0.entries.count } }

    private func live(_ table: Table, _ key: Int, _ now: Double, _ timeout: Double) -> Entry? {
        guard let entry = table.entries[key], now - entry.lastSeen <= timeout else { return nil }
        return entry
    }

    private func housekeep(_ table: inout Table, _ now: Double, _ timeout: Double) {
        if now - table.lastPurge > 60 || table.entries.count > capacity {
            table.entries = table.entries.filter { now - $0.value.lastSeen <= timeout }
            table.lastPurge = now
        }
        if table.entries.count > capacity {
            let oldest = table.entries.sorted { $0.value.lastSeen < $1.value.lastSeen }.prefix(table.entries.count - capacity)
            for (key, _) in oldest { table.entries.removeValue(forKey: key) }
        }
    }
}
