/// Learns the date from the clocks of visitors' phones while the kiosk's own clock is not
/// synchronised: each device reports once, and the estimate is the median of the offsets
/// (phone time − seconds since boot) of at least `minimumDevices` devices, after dropping
/// the ones more than `tolerance` away from it (a phone set to the wrong year is ignored).
///
/// Not thread-safe: owned by the `UsageLog` writer thread.
final class BrowserClockEstimate {
    private var offsets: [Int64: Double] = [:]
    private var order: [Int64] = []
    let minimumDevices: Int
    let tolerance: Double
    private let capacity = 64

    init(minimumDevices: Int = 3, tolerance: Double = 600) {
        self.minimumDevices = minimumDevices
        self.tolerance = tolerance
    }

    /// Adds `device`'s report that it was `phoneTime` (seconds since 1970) at `monotonic`.
    func add(device: Int64, phoneTime: Double, monotonic: Double) {
        guard phoneTime >= ClockReading.saneEpoch, phoneTime < 4_102_444_800 else { return }
        if offsets[device] == nil {
            order.append(device)
            if order.count > capacity { offsets[order.removeFirst()] = nil }
        }
        offsets[device] = phoneTime - monotonic
    }

    /// The estimated offset (wall − monotonic), or nil until enough phones agree.
    var offset: Double? {
        let all = offsets.values.sorted()
        guard all.count >= minimumDevices else { return nil }
        let median = all[all.count / 2]
        let agreeing = all.filter { abs($0 - median) <= tolerance }
        guard agreeing.count >= minimumDevices, agreeing.count * 2 > all.count else { return nil }
        return agreeing[agreeing.count / 2]
    }
}
