import Synchronization

/// The settings in force, read by every request and replaceable while serving (a reload, or
/// the staff area saving new settings) without a restart.
public final class LiveSettings: Sendable {
    private let state: Mutex<KioskSettings>
    private let changes = Atomic<Int>(0)

    public init(_ settings: KioskSettings = KioskSettings()) {
        state = Mutex(settings)
    }

    /// The current settings (a copy).
    public var current: KioskSettings {
        state.withLock { $0 }
    }

    /// Replaces the settings for the requests that follow.
    public func replace(with settings: KioskSettings) {
        state.withLock { $0 = settings }
        changes.add(1, ordering: .releasing)
    }

    /// A number that changes each time the settings are replaced: what derives from them
    /// (an article's toolbar) is remade when it differs, without copying the settings on
    /// every request.
    public var generation: Int { changes.load(ordering: .acquiring) }
}
