import CBuildInfo

/// Which build of WikiKiosk is running: what `wikikiosk --version`, `wikikiosk doctor` and the
/// staff area's Books page show.
///
/// The values are compiled in (Sources/CBuildInfo) from the environment of the build:
/// scripts/package-deb.sh sets the Debian package's version and the commit, so a kiosk's binary
/// says what it is even when copied off the package; a plain `swift build` says "source build".
public enum BuildInfo {
    /// The package version, e.g. `0.1.0+git136.gf1e95e7a1b2c`, or "source build".
    public static let version = String(cString: cbuildinfo_version())

    /// The commit built from (12 hex digits, "-dirty" when the checkout had changes), or "unknown".
    public static let commit = String(cString: cbuildinfo_commit())

    /// One line: `wikikiosk 0.1.0+git136.gf1e95e7a1b2c (commit f1e95e7a1b2c)`.
    public static var summary: String { "wikikiosk \(version) (commit \(commit))" }
}
