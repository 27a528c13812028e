import Foundation

/// What a headless board can say about its health: its temperature and the Raspberry Pi
/// firmware's throttling flags (`vcgencmd get_throttled`): under-voltage, frequency capped,
/// throttled, soft temperature limit — now, and since the last boot.
public struct BoardHealth: Sendable, Equatable {
    /// Degrees Celsius, nil when unknown.
    public var temperature: Double?
    /// The firmware's flags, nil when unknown (not a Raspberry Pi, or no helper).
    public var throttled: UInt32?

    public init(temperature: Double? = nil, throttled: UInt32? = nil) {
        self.temperature = temperature
        self.throttled = throttled
    }

    /// From the helper's `temperature=<millidegrees> throttled=<hex>`.
    public init(helperStatus text: String) {
        for field in text.split(separator: " ") {
            let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "temperature", let milli = Int(parts[1]) { temperature = Double(milli) / 1000 }
            if parts[0] == "throttled", parts[1].hasPrefix("0x") { throttled = UInt32(parts[1].dropFirst(2), radix: 16) }
        }
    }

    /// The temperature from the kernel, read by the service itself (no helper needed).
    public static func temperature(root: String = "") -> Double? {
        (try? String(contentsOfFile: root + "/sys/class/thermal/thermal_zone0/temp", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.map { Double($0) / 1000 }
    }

    public var underVoltageNow: Bool { flag(0) }
    public var underVoltageSinceBoot: Bool { flag(16) }
    public var throttledNow: Bool { flag(2) || flag(1) || flag(3) }
    public var throttledSinceBoot: Bool { flag(18) || flag(17) || flag(19) }
    /// 80 °C: where a Pi starts slowing itself down.
    public var isHot: Bool { (temperature ?? 0) >= 80 }

    private func flag(_ bit: UInt32) -> Bool { (throttled ?? 0) & (1 << bit) != 0 }
}
