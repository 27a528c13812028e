import Foundation

/// Local calendar day ("2026-11-21") and hour of a time, as the reports group them.
enum LocalDay {
    /// Remembers the last hour computed: consecutive events mostly fall in the same hour, and
    /// formatting a date costs more than storing the event. Not thread-safe: one per writer.
    final class Cache {
        private var start = 0.0
        private var end = -1.0
        private var value = ("", 0)

        func dayAndHour(_ seconds: Double) -> (day: String, hour: Int) {
            if seconds >= start && seconds < end { return value }
            value = LocalDay.dayAndHour(seconds)
            // The local hour holding `seconds` (time zones are whole quarter hours: 900 s steps stay inside it).
            start = (seconds / 900).rounded(.down) * 900
            end = start + 900
            return value
        }
    }

    static func dayAndHour(_ seconds: Double) -> (day: String, hour: Int) {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        let day = String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        return (day, Int(parts.tm_hour))
    }

    static func day(_ seconds: Double) -> String { dayAndHour(seconds).day }

    /// The local midnight that ends the day holding `seconds` (23 or 25 hours later on the days
    /// the clocks change).
    static func nextMidnight(after seconds: Double) -> Double {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        parts.tm_mday += 1
        (parts.tm_hour, parts.tm_min, parts.tm_sec, parts.tm_isdst) = (0, 0, 0, -1)
        return Double(mktime(&parts))
    }
}
