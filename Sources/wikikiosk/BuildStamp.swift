import CBuildInfo
import Kiosk

/// The version and commit compiled into this executable (Sources/CBuildInfo, from the
/// WIKIKIOSK_VERSION and WIKIKIOSK_COMMIT environment of the build): what `--version` and
/// `doctor` print and what `serve` hands to the staff area.
enum BuildStamp {
    static let current = BuildInfo(version: String(cString: cbuildinfo_version()),
                                   commit: String(cString: cbuildinfo_commit()))
}
