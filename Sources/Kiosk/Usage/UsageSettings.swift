import Foundation

/// How usage statistics are kept (`wikikiosk serve --no-stats`, `--stats-flush-seconds`, `--no-query-log`).
public struct UsageSettings: Sendable {
    /// Statistics on or off.
    public var enabled = true
    /// Seconds between two batched writes to the database.
    public var flushInterval: TimeInterval = 5
    /// Whether search queries are kept (for the content-gap report). Searches are counted either way.
    public var logQueries = true
    /// Events older than this are deleted (13 months by default).
    public var retentionDays = 396
    /// Events waiting for the writer; beyond this they are dropped (and counted), never waited for.
    public var queueCapacity = 50_000
    /// Events waiting that wake the writer before `flushInterval`: under heavy load the queue
    /// stays small (at 15,000 requests/s, 5 s of events held ~22 MB) and batches stay short.
    public var earlyWriteCount = 2_000
    /// The database file name inside the state folder.
    public static let databaseName = "usage.sqlite"

    public init() {}
}
