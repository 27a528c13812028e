import Foundation

/// Everything `wikikiosk serve` needs to start, with the defaults a fresh install uses.
public struct KioskConfiguration: Sendable {
    public var address = "0.0.0.0"
    public var port: UInt16 = 8080
    /// libmicrohttpd worker threads; 0 = one per core.
    public var threads = 0
    /// A folder of ZIM files, watched for additions and removals.
    public var libraryDirectory: String?
    /// ZIM files given one by one.
    public var zimFiles: [String] = []
    /// Where the kiosk writes: the demo book, the validation cache (and later the usage database).
    public var stateDirectory = KioskConfiguration.defaultStateDirectory
    /// How often the library folder is scanned, in seconds.
    public var watchInterval: TimeInterval = 2
    /// Memory for gzip bodies of recently served pages, in bytes.
    public var compressedCacheBytes = 16 << 20
    /// Seconds an idle connection is kept open.
    public var connectionTimeout: UInt32 = 30
    /// The kiosk's own settings (kiosk-config/wikikiosk.conf): name, place, portal, featured articles.
    public var settings = KioskSettings()
    /// Interface strings: built-in tables plus kiosk-config/locales.
    public var localizer = Localizer()
    /// Usage statistics (database `usage.sqlite` in the state folder).
    public var usage = UsageSettings()

    public init() {}

    /// `$WIKIKIOSK_STATE_DIR`, else `$XDG_STATE_HOME/wikikiosk`, else `~/.local/state/wikikiosk`
    /// (the installed service sets `/var/lib/wikikiosk`).
    public static var defaultStateDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["WIKIKIOSK_STATE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/wikikiosk" }
        return NSHomeDirectory() + "/.local/state/wikikiosk"
    }
}
