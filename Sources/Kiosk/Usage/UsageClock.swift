import CSystemClock
import Foundation

/// How sure the kiosk is of a date, from worst to best. Stored with every event.
public enum DatingLevel: Int, Sendable, Comparable {
    /// The wall clock was not believable (before 2024: a Pi without a real-time clock) and
    /// nothing better was known: the event is kept, but shown as undated until re-dated.
    case undated = 0
    /// The wall clock looked sane (2024 or later) but was not known to be synchronised.
    case wallClock = 1
    /// Learnt from the clocks of several visitors' phones (robust median).
    case browsers = 2
    /// The system clock was synchronised (NTP, or set by a person and flagged by the kernel).
    case synchronised = 3

    public static func < (lhs: DatingLevel, rhs: DatingLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A look at the clocks at one instant.
public struct ClockReading: Sendable {
    /// Seconds since 1970 by the wall clock, possibly wrong.
    public var wall: Double
    /// Seconds since boot (CLOCK_BOOTTIME: never jumps, counts suspend).
    public var monotonic: Double
    /// Whether the kernel says the wall clock is synchronised; nil when it won't say.
    public var synchronised: Bool?

    public init(wall: Double, monotonic: Double, synchronised: Bool?) {
        self.wall = wall
        self.monotonic = monotonic
        self.synchronised = synchronised
    }

    /// The first second of 2024: a wall clock before it is a board that booted without a date.
    public static let saneEpoch: Double = 1_704_067_200

    /// How far the wall clock can be trusted right now.
    public var level: DatingLevel {
        if synchronised == true && wall >= Self.saneEpoch { return .synchronised }
        return wall >= Self.saneEpoch ? .wallClock : .undated
    }
}

/// Where the usage log reads time from (a fake one in tests, to jump the clock).
public protocol UsageClock: Sendable {
    /// Identifies this boot of the machine: monotonic times compare only within one boot.
    var bootID: String { get }
    /// Seconds since boot, cheap: called on request threads.
    func monotonic() -> Double
    /// Both clocks and the synchronisation state.
    func reading() -> ClockReading
}

/// The machine's clocks: CLOCK_BOOTTIME, CLOCK_REALTIME, the kernel's boot id, adjtimex.
public struct SystemUsageClock: UsageClock {
    public let bootID: String

    public init() {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        bootID = trimmed.isEmpty ? "process-" + UUID().uuidString : trimmed
    }

    public func monotonic() -> Double { Self.seconds(CLOCK_BOOTTIME) }

    public func reading() -> ClockReading {
        let state = csystemclock_synchronised()
        return ClockReading(wall: Self.seconds(CLOCK_REALTIME), monotonic: monotonic(),
                            synchronised: state < 0 ? nil : state == 1)
    }

    private static func seconds(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
