import Foundation
import Synchronization

/// Signed-in staff sessions, in memory only (a restart signs everybody out).
///
/// A session is a random 128-bit id (libsodium) sent as an `HttpOnly; SameSite=Strict`
/// cookie, and a CSRF token of its own that every form carries back. Expiry is decided here,
/// on a monotonic clock (a Pi's wall clock may jump): after `idleTimeout` without a request, or
/// `lifetime` after signing in, whichever comes first.
public final class AdminSessions: Sendable {
    /// One signed-in session.
    public struct Session: Sendable, Equatable {
        public let id: String
        /// The token every form of this session must send back (`csrf` field).
        public let csrf: String
        let created: Double
        var lastSeen: Double
        /// The interface language chosen in the staff area (`?lang=`), if any.
        public var language: String?
    }

    public let idleTimeout: Double
    public let lifetime: Double
    /// Most sessions kept at once; the oldest is dropped beyond it.
    public let capacity: Int
    private let clock: @Sendable () -> Double
    private let sessions = Mutex<[String: Session]>([:])

    /// - Parameter clock: monotonic seconds; tests pass their own.
    public init(idleTimeout: Double = 30 * 60, lifetime: Double = 12 * 3600, capacity: Int = 64,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.capacity = capacity
        self.clock = clock
    }

    /// Starts a session (after a correct password).
    public func create(language: String? = nil) -> Session {
        let now = clock()
        let session = Session(id: Sodium.randomToken(), csrf: Sodium.randomToken(), created: now, lastSeen: now,
                              language: language)
        sessions.withLock { table in
            table = table.filter { !expired($0.value, now: now) }
            if table.count >= capacity, let oldest = table.values.min(by: { $0.lastSeen < $1.lastSeen }) {
                table.removeValue(forKey: oldest.id)
            }
            table[session.id] = session
        }
        return session
    }

    /// The live session with this id, its idle timer restarted; nil when unknown or expired
    /// (an expired one is forgotten).
    public func session(id: String, language: String? = nil) -> Session? {
        guard id.utf8.count == 32 else { return nil }
        let now = clock()
        return sessions.withLock { table in
            guard var session = table[id], Sodium.constantTimeEqual(session.id, id) else { return nil }
            if expired(session, now: now) {
                table.removeValue(forKey: id)
                return nil
            }
            session.lastSeen = now
            if let language { session.language = language }
            table[id] = session
            return session
        }
    }

    /// Ends a session (sign out).
    public func remove(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Sessions currently live.
    public var count: Int {
        let now = clock()
        return sessions.withLock { $0.values.filter { !expired($0, now: now) }.count }
    }

    private func expired(_ session: Session, now: Double) -> Bool {
        now - session.lastSeen > idleTimeout || now - session.created > lifetime
    }
}
