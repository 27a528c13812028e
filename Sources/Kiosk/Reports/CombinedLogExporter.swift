import Foundation

/// Writes page views (articles and the welcome page) as an anonymised Combined Log Format
/// file, which GoAccess and Matomo's log importer read. Nothing in it identifies a person:
/// the "address" is 10.x.y.z made from the day's device number (which changes every day),
/// the User-Agent is a generic one standing for the stored device class, and the size is "-".
public struct CombinedLogExporter {
    public var databases: [String]
    public var from: String?
    public var to: String?

    public init(databases: [String], from: String? = nil, to: String? = nil) {
        self.databases = databases
        self.from = from
        self.to = to
    }

    /// Calls `write` with each line (newline included), oldest first. Returns the number of lines.
    @discardableResult
    public func export(_ write: (String) -> Void) throws(UsageStoreError) -> Int {
        for day in [from, to].compactMap({ $0 }) where !UsageReportBuilder.isDay(day) {
            throw UsageStoreError(code: -1, message: "not a date (YYYY-MM-DD): \(day)")
        }
        let db = try UsageDatabases.open(databases)
        var range = "day IS NOT NULL AND kind IN \(EventKind.sqlList([.view, .landing]))"
        if let from { range += " AND day >= '\(from)'" }
        if let to { range += " AND day <= '\(to)'" }
        let statement = try db.prepare("""
            SELECT ts, kind, kiosk, device, class, arrival, book, path FROM ev WHERE \(range) ORDER BY ts
            """)
        try statement.bind([])
        var count = 0
        while try statement.step() {
            let row = statement.row()
            write(line(row))
            count += 1
        }
        return count
    }

    private func line(_ row: [SQLiteValue]) -> String {
        let ts = row[0].double ?? 0
        let device = UInt64(bitPattern: Int64(row[3].int ?? 0)) ^ UInt64(row[2].int ?? 0) &* 0x9E37_79B9_7F4A_7C15
        let address = "10.\(device >> 16 & 255).\(device >> 8 & 255).\(device & 255)"
        let target: String
        if row[1].string == "landing" {
            target = "/"
        } else {
            target = "/content/" + Self.encode(row[6].string ?? "") + "/" + Self.encode(row[7].string ?? "")
        }
        let referer: String
        switch row[5].string {
        case "search": referer = "http://wikikiosk/search"
        case "sign": referer = "http://wikikiosk/s/"
        case "landing": referer = "http://wikikiosk/"
        case "link": referer = "http://wikikiosk/content/" + Self.encode(row[6].string ?? "") + "/"
        default: referer = "-"
        }
        let agent = Self.userAgent(row[4].string ?? "")
        return "\(address) - - [\(Self.timestamp(ts))] \"GET \(target) HTTP/1.1\" 200 - \"\(referer)\" \"\(agent)\"\n"
    }

    /// "[21/Nov/2026:14:03:07 +0100]" in local time.
    static func timestamp(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = Int(parts.tm_gmtoff) / 60
        return String(format: "%02d/%@/%04d:%02d:%02d:%02d %@%02d%02d", Int(parts.tm_mday), months[Int(parts.tm_mon)],
                      Int(parts.tm_year) + 1900, Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec),
                      offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%\" ")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A generic User-Agent standing for a stored device class, so log analysers group by OS and form factor.
    static func userAgent(_ deviceClass: String) -> String {
        switch deviceClass {
        case "phone/android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
        case "tablet/android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
        case "phone/ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
        case "tablet/ios": "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
        case "computer/windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
        case "computer/macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"
        case "computer/linux": "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
        case "computer/chromeos": "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
        case "phone/kaios": "Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i;Android; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5"
        default: "Mozilla/5.0 (compatible; WikiKiosk-export; device class \(deviceClass))"
        }
    }
}
