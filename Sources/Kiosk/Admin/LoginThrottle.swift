import Foundation
import Synchronization

/// Slows down password guessing, per device: a few wrong passwords are free, then each one
/// locks the device out for a time that doubles (30 s, 1 min, 2 min… up to 15 min). During a
/// lock-out the login answers 429 with `Retry-After` without even looking at the password.
///
/// Across all devices, at most `checksPerMinute` passwords are checked in any minute (each
/// Argon2id check costs a quarter of a second and 64 MiB): a hundred addresses guessing at once
/// get the same 429 page, with the wait until the oldest check of the minute expires.
///
/// In memory only; a device is known by a keyed hash of its address (the key is random for each
/// run), never by the address itself. A device is forgotten an hour after its last failure; the
/// table is swept of forgotten devices every minute, and never holds more than 10,000.
public final class LoginThrottle: Sendable {
    private struct Record {
        var failures: Int
        var lastFailure: Double
        var lockedUntil: Double
    }

    /// Wrong passwords allowed before the first lock-out.
    public let freeAttempts: Int
    /// The first lock-out, in seconds; doubled at each further failure.
    public let firstDelay: Double
    /// The longest lock-out, in seconds.
    public let maximumDelay: Double
    /// Password checks allowed in any 60 s, all devices together.
    public let checksPerMinute: Int
    private let forgetAfter: Double = 3600
    private let maximumRecords = 10_000
    private let clock: @Sendable () -> Double
    private let keys = AddressKeys()
    private struct State {
        var records: [Int: Record] = [:]
        var lastSweep: Double = 0
        /// When the checks of the last minute started, oldest first.
        var recentChecks: [Double] = []
    }
    private let state = Mutex(State())

    /// - Parameter clock: monotonic seconds; tests pass their own.
    public init(freeAttempts: Int = 5, firstDelay: Double = 30, maximumDelay: Double = 900, checksPerMinute: Int = 20,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.freeAttempts = freeAttempts
        self.checksPerMinute = max(1, checksPerMinute)
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.clock = clock
    }

    /// Seconds `device` must still wait before trying again, or nil when it may try now.
    public func retryAfter(_ device: String) -> Int? {
        let now = clock()
        let key = key(device)
        return state.withLock { state in
            guard let record = state.records[key], record.lockedUntil > now else { return nil }
            return Int((record.lockedUntil - now).rounded(.up))
        }
    }

    /// Asks to check a password from `device`: nil when it may be checked now (and the check
    /// is counted against the minute's budget), else the seconds to wait — the device's own
    /// lock-out, or the time until the busiest minute has room again.
    public func beginCheck(_ device: String) -> Int? {
        let now = clock()
        let key = key(device)
        return state.withLock { state in
            if let record = state.records[key], record.lockedUntil > now {
                return Int((record.lockedUntil - now).rounded(.up))
            }
            state.recentChecks.removeAll { now - $0 >= 60 }
            if state.recentChecks.count >= checksPerMinute, let oldest = state.recentChecks.first {
                return max(1, Int((oldest + 60 - now).rounded(.up)))
            }
            state.recentChecks.append(now)
            return nil
        }
    }

    /// Notes a wrong password from `device`; returns the lock-out it now has, in seconds (nil when none).
    @discardableResult
    public func failed(_ device: String) -> Int? {
        let now = clock()
        let key = key(device)
        return state.withLock { state in
            if now - state.lastSweep >= 60 || state.records.count >= maximumRecords {
                state.records = state.records.filter { now - $0.value.lastFailure < forgetAfter }
                state.lastSweep = now
                if state.records.count >= maximumRecords {
                    // Still full of recent failures: keep the newest half.
                    let newest = state.records.sorted { $0.value.lastFailure > $1.value.lastFailure }.prefix(maximumRecords / 2)
                    state.records = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
                }
            }
            var record = state.records[key] ?? Record(failures: 0, lastFailure: now, lockedUntil: 0)
            if now - record.lastFailure > forgetAfter { record.failures = 0 }
            record.failures += 1
            record.lastFailure = now
            var delay: Double?
            if record.failures >= freeAttempts {
                let doublings = Double(min(record.failures - freeAttempts, 20))
                delay = min(maximumDelay, firstDelay * pow(2, doublings))
                record.lockedUntil = now + delay!
            }
            state.records[key] = record
            return delay.map { Int($0.rounded(.up)) }
        }
    }

    /// Devices remembered now (tests, diagnostics).
    var rememberedDevices: Int { state.withLock { $0.records.count } }

    /// Forgets `device`'s failures (after a correct password).
    public func succeeded(_ device: String) {
        let key = key(device)
        _ = state.withLock { $0.records.removeValue(forKey: key) }
    }

    private func key(_ device: String) -> Int { keys.key(device) }
}
