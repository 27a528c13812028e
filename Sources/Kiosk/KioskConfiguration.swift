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
    /// Disk for gzip pages written once in a run and read back instead of decompressed again
    /// (`SpilledBodyStore`, in the state folder); nil: `SpilledBodyStore.automaticBudget` of the
    /// state folder's free space at start; 0: off.
    public var spilledPageBytes: Int?
    /// Seconds an idle connection is kept open.
    public var connectionTimeout: UInt32 = 30
    /// Connections open at once, in total. Idle and half-open connections cost no thread
    /// (libmicrohttpd polls them), only a few KiB each.
    public var connectionLimit: UInt32 = 512
    /// Connections open at once from one address; 0 = no limit. On the hotspot every phone has
    /// its own address (no NAT) and a browser opens at most 6 per site, so 64 leaves ample room
    /// while one misbehaving device can't take more than an eighth of `connectionLimit`.
    /// Benchmarks driving hundreds of connections from one machine need 0.
    public var perIPConnectionLimit: UInt32 = 64
    /// The kiosk's own settings (kiosk-config/wikikiosk.conf): name, place, portal, featured articles.
    public var settings = KioskSettings()
    /// Interface strings: built-in tables plus kiosk-config/locales.
    public var strings = StringCatalog()
    /// Usage statistics (database `usage.sqlite` in the state folder).
    public var usage = UsageSettings()
    /// Full-text search and suggestion tuning.
    public var search = SearchSettings()
    /// The settings file read (`…/wikikiosk.conf`), which the staff area writes back; nil when none.
    public var configFile: String?
    /// The QR sign catalogue (`signs.csv`) behind `/s/<id>`, and the signs' look template
    /// (`sign-template.ini`); nil for none.
    public var signCatalogFile: String?
    public var signTemplateFile: String?

    /// Which build runs (shown on the staff area's Books page); the executable sets it.
    public var build = BuildInfo.unknown
    /// The root helper's socket (`wikikiosk-helper.socket`), for the staff area's Kiosk page.
    public var systemHelperSocket = SystemHelperClient.defaultSocket

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
