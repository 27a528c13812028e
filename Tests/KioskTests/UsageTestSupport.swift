import Foundation
import Synchronization
@testable import Kiosk

/// A clock the tests move by hand.
typealias FakeUsageClock = ManualUsageClock

/// Records events in memory, for route tests.
final class UsageSpy: UsageRecording {
    private let events = Mutex<[UsageEvent]>([])

    func record(_ event: UsageEvent) { events.withLock { $0.append(event) } }

    var recorded: [UsageEvent] { events.withLock { $0 } }
    func clear() { events.withLock { $0.removeAll() } }
}

enum UsageFixtures {
    /// 2026-11-21 10:00:00 local time.
    static var morning: Double {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour) = (2026, 11, 21, 10)
        return Calendar.current.date(from: parts)!.timeIntervalSince1970
    }

    static let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
    static let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1"

    static func view(_ path: String, from address: String, agent: String = android,
                     arrival: UsageEvent.Arrival = .direct, book: String = "ville") -> UsageEvent {
        UsageEvent(.articleView(book: book, path: path, title: path.capitalized, arrival: arrival),
                   clientAddress: address, userAgent: agent)
    }

    static func search(_ query: String, results: Int, from address: String) -> UsageEvent {
        UsageEvent(.search(query: query, results: results, books: ["ville"]), clientAddress: address, userAgent: iphone)
    }

    static func rows(_ path: String, _ sql: String) throws -> [[SQLiteValue]] {
        try SQLiteConnection(path: path).rows(sql)
    }

    static func settings(flush: Double = 60) -> UsageSettings {
        var settings = UsageSettings()
        settings.flushInterval = flush
        return settings
    }
}
