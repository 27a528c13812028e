import Foundation
import Synchronization

/// How many phones are on the kiosk now and how many are reading, for the presenter screen.
///
/// In memory only, never written: a device is a keyed hash of its address (the key is random
/// for each run), kept with the times it last opened a page and last read an article, and
/// forgotten after `window`.
public final class LiveDevices: Sendable {
    private struct Seen {
        var page: Double
        var article: Double
    }

    private let table = Mutex<[Int: Seen]>([:])
    private let keys = AddressKeys()
    private let clock: @Sendable () -> Double
    /// A phone that opened a page in the last 10 minutes is "on the kiosk".
    public let window: Double
    /// One that opened an article in the last 2 minutes is "reading".
    public let readingWindow: Double
    /// At most this many devices are remembered (a room, not a city).
    static let capacity = 5_000

    public init(window: Double = 600, readingWindow: Double = 120,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.window = window
        self.readingWindow = readingWindow
        self.clock = clock
    }

    /// A page was opened by `address`; `article` when it was an article.
    public func saw(_ address: String, article: Bool) {
        let key = keys.key(address)
        let now = clock()
        table.withLock { table in
            var seen = table[key] ?? Seen(page: now, article: -.infinity)
            seen.page = now
            if article { seen.article = now }
            table[key] = seen
            if table.count > Self.capacity { table = table.filter { now - $0.value.page < window } }
        }
    }

    /// Phones on the kiosk now, and reading now.
    public var counts: (onKiosk: Int, reading: Int) {
        let now = clock()
        return table.withLock { table in
            (table.values.filter { now - $0.page < window }.count, table.values.filter { now - $0.article < readingWindow }.count)
        }
    }
}
