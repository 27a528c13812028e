import Foundation
import Synchronization

/// Slows down password guessing, per device: a few wrong passwords are free, then each one
/// locks the device out for a time that doubles (30 s, 1 min, 2 min… up to 15 min). During a
/// lock-out the login answers 429 with `Retry-After` without even looking at the password.
///
/// In memory only; a device is known by a keyed hash of its address (the key is random for each
/// run), never by the address itself. A device is forgotten an hour after its last failure.
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
    private let forgetAfter: Double = 3600
    private let clock: @Sendable () -> Double
    private let seed: UInt64
    private let records = Mutex<[Int: Record]>([:])

    /// - Parameter clock: monotonic seconds; tests pass their own.
    public init(freeAttempts: Int = 5, firstDelay: Double = 30, maximumDelay: Double = 900,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.freeAttempts = freeAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.clock = clock
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// Seconds `device` must still wait before trying again, or nil when it may try now.
    public func retryAfter(_ device: String) -> Int? {
        let now = clock()
        let key = key(device)
        return records.withLock { table in
            guard let record = table[key], record.lockedUntil > now else { return nil }
            return Int((record.lockedUntil - now).rounded(.up))
        }
    }

    /// Notes a wrong password from `device`; returns the lock-out it now has, in seconds (nil when none).
    @discardableResult
    public func failed(_ device: String) -> Int? {
        let now = clock()
        let key = key(device)
        return records.withLock { table in
            if table.count > 10_000 { table = table.filter { now - $0.value.lastFailure < forgetAfter } }
            var record = table[key] ?? Record(failures: 0, lastFailure: now, lockedUntil: 0)
            if now - record.lastFailure > forgetAfter { record.failures = 0 }
            record.failures += 1
            record.lastFailure = now
            var delay: Double?
            if record.failures >= freeAttempts {
                let doublings = Double(min(record.failures - freeAttempts, 20))
                delay = min(maximumDelay, firstDelay * pow(2, doublings))
                record.lockedUntil = now + delay!
            }
            table[key] = record
            return delay.map { Int($0.rounded(.up)) }
        }
    }

    /// Forgets `device`'s failures (after a correct password).
    public func succeeded(_ device: String) {
        let key = key(device)
        _ = records.withLock { $0.removeValue(forKey: key) }
    }

    private func key(_ device: String) -> Int {
        var hasher = Hasher()
        hasher.combine(seed)
        hasher.combine(device)
        return hasher.finalize()
    }
}
