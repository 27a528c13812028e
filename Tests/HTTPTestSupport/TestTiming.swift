import Foundation

/// How much slower than a plain debug build this test run is, for the few tests that bound a
/// latency or count work done in a fixed time.
///
/// `scripts/tsan.sh` sets `WIKIKIOSK_TEST_SLOWDOWN` (ThreadSanitizer makes every memory access and
/// lock several times slower, and CI runs it on two busy cores): a bound that holds with a wide
/// margin in a normal run would otherwise fail there on timing alone. Bounds are multiplied, never
/// dropped, so a stalled server still fails.
enum TestTiming {
    /// 1 in a normal run; the factor given in `WIKIKIOSK_TEST_SLOWDOWN` otherwise (at least 1).
    static let slowdown: Double = {
        let text = ProcessInfo.processInfo.environment["WIKIKIOSK_TEST_SLOWDOWN"] ?? ""
        return max(1, Double(text) ?? 1)
    }()

    /// `duration`, stretched by the run's slowdown.
    static func scaled(_ duration: Duration) -> Duration { duration * slowdown }

    /// `seconds`, stretched by the run's slowdown.
    static func scaled(_ seconds: TimeInterval) -> TimeInterval { seconds * slowdown }
}
