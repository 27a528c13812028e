import Synchronization

/// The settings in force, read by every request and replaceable while serving (a reload, or
/// the staff area saving new settings) without a restart.
public final class LiveSettings: Sendable {
    private let state: Mutex<KioskSettings>

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
    }
}
