import Foundation
import Synchronization

/// A clock moved by hand: for tests (clock jumps, day changes) and for simulated traffic.
public final class ManualUsageClock: UsageClock {
    private struct State {
        var wall: Double
        var monotonic: Double
        var synchronised: Bool?
    }

    public let bootID: String
    private let state: Mutex<State>

    public init(bootID: String = "boot-" + UUID().uuidString, wall: Double, monotonic: Double = 100,
                synchronised: Bool? = true) {
        self.bootID = bootID
        state = Mutex(State(wall: wall, monotonic: monotonic, synchronised: synchronised))
    }

    public func monotonic() -> Double { state.withLock { $0.monotonic } }

    public func reading() -> ClockReading {
        state.withLock { ClockReading(wall: $0.wall, monotonic: $0.monotonic, synchronised: $0.synchronised) }
    }

    /// Time passes: both clocks move on.
    public func advance(_ seconds: Double) {
        state.withLock { $0.wall += seconds; $0.monotonic += seconds }
    }

    /// The wall clock is set (NTP or a person): monotonic time doesn't move.
    public func setWall(_ wall: Double, synchronised: Bool?) {
        state.withLock { $0.wall = wall; $0.synchronised = synchronised }
    }
}
