/// What the staff area needs besides the kiosk's context: where the files it edits are, and
/// its in-memory state (sessions, login throttle), shared by every request.
public struct AdminOptions: Sendable {
    /// `wikikiosk.conf`, which the settings page rewrites; nil when the kiosk runs without one
    /// (the settings page then says so).
    public var configFile: String?
    /// The password hash file; by default `admin-password` next to `configFile`.
    public var passwordFile: String?
    /// The state folder (statistics database, free space shown on the library page).
    public var stateDirectory: String?
    /// The watched library folder, if any (its free space is shown).
    public var libraryDirectory: String?
    /// The sign catalogue; by default `signs.csv` next to `configFile`.
    public var signsFile: String?
    /// Which build runs (the Books page shows it).
    public var build: BuildInfo
    public var sessions: AdminSessions
    public var throttle: LoginThrottle
    /// Adds (from USB sticks), replaces and removes books; nil without a books folder.
    public var shelf: BookShelf?
    /// The root helper for shutdown, restart, the Wi-Fi and the clock (the Kiosk page).
    public var systemHelper = SystemHelperClient()
    /// The clocks the Kiosk page reads (whether the date is known).
    public var clock: any UsageClock = SystemUsageClock()
    /// Seconds between answering a shutdown, restart or Wi-Fi change and doing it, so the
    /// answer reaches the phone first.
    public var systemActionDelay = 1.5

    public init(configFile: String? = nil, passwordFile: String? = nil, stateDirectory: String? = nil,
                libraryDirectory: String? = nil, signsFile: String? = nil, build: BuildInfo = .unknown,
                sessions: AdminSessions = AdminSessions(), throttle: LoginThrottle = LoginThrottle(),
                shelf: BookShelf? = nil) {
        self.shelf = shelf
        self.configFile = configFile
        self.stateDirectory = stateDirectory
        self.libraryDirectory = libraryDirectory
        self.build = build
        self.sessions = sessions
        self.throttle = throttle
        let folder = configFile.map { ($0 as NSString).deletingLastPathComponent }
        self.passwordFile = passwordFile ?? folder.map { ($0 as NSString).appendingPathComponent(AdminPassword.fileName) }
        self.signsFile = signsFile ?? folder.map { ($0 as NSString).appendingPathComponent("signs.csv") }
    }

    /// The password store, or nil when there is no configuration folder to keep it in.
    var password: AdminPassword? { passwordFile.map(AdminPassword.init(file:)) }
}

import Foundation
