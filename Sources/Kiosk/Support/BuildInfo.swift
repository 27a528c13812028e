/// Which build of WikiKiosk is running, as the staff area's Books page shows it.
///
/// The `wikikiosk` executable fills it in from the version and commit compiled into it
/// (Sources/CBuildInfo, set by scripts/package-deb.sh) and hands it over in
/// `KioskConfiguration.build`; the library itself compiles no build constant, so a new version
/// recompiles one C file and the small executable module, never this one.
public struct BuildInfo: Sendable, Equatable {
    /// The package version, e.g. `0.1.0+git136.gf1e95e7`, or "source build".
    public var version: String
    /// The commit built from (12 hex digits, "-dirty" when the checkout had changes), or "unknown".
    public var commit: String

    public init(version: String, commit: String) {
        self.version = version
        self.commit = commit
    }

    /// What a build that was not told its version says.
    public static let unknown = BuildInfo(version: "source build", commit: "unknown")

    /// One line: `wikikiosk 0.1.0+git136.gf1e95e7 (commit f1e95e7a1b2c)`.
    public var summary: String { "wikikiosk \(version) (commit \(commit))" }
}
