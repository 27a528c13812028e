/// Today's live numbers, for the admin area: cheap to read (kept in memory by the writer,
/// the database is not queried). `UsageLog.today()` returns them; `json` is ready to serve.
public struct TodayCounters: Sendable, Codable, Equatable {
    /// The local day counted ("2026-11-21"), or nil while the date is unknown.
    public var day: String?
    /// Distinct devices seen today.
    public var people = 0
    public var articleViews = 0
    public var landingViews = 0
    public var searches = 0
    public var zeroResultSearches = 0
    public var signScans = 0
    /// Devices that joined the Wi-Fi (first captive-portal probe).
    public var portalJoins = 0
    public var suggestions = 0
    /// Events lost since the server started: the queue was full, or they could not be written
    /// for longer than the retry allowance (see `problem`).
    public var dropped = 0
    /// Events waiting to be written (queued, or kept for a retry after a failed write).
    public var pending = 0
    /// Why the last write failed, while it still fails (nil when statistics are being written):
    /// `disk-full`, `read-only`, `io-error`, `damaged` or `error`.
    public var problem: String?
    /// How sure the kiosk is of today's date.
    public var dating = "undated"

    public init(day: String? = nil) { self.day = day }

    /// The counters as a JSON object.
    public var json: String {
        var fields: [String] = ["\"day\": " + (day.map { "\"\($0)\"" } ?? "null")]
        let numbers: [(String, Int)] = [
            ("people", people), ("articleViews", articleViews), ("landingViews", landingViews),
            ("searches", searches), ("zeroResultSearches", zeroResultSearches), ("signScans", signScans),
            ("portalJoins", portalJoins), ("suggestions", suggestions), ("dropped", dropped), ("pending", pending),
        ]
        fields += numbers.map { "\"\($0.0)\": \($0.1)" }
        fields.append("\"dating\": \"\(dating)\"")
        fields.append("\"problem\": " + (problem.map { "\"\($0)\"" } ?? "null"))
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
