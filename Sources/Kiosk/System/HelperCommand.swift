/// The only things the kiosk's unprivileged service may ask of the root helper
/// (`wikikiosk system-helper`, socket-activated): each a fixed action with at most one argument,
/// checked here. A request is one line; anything else — an unknown word, an extra or malformed
/// argument, a line over 64 bytes — is refused before anything runs.
public enum HelperCommand: Sendable, Equatable {
    /// Shut the board down cleanly (`systemctl poweroff`): the SD card is safe once the green LED stops.
    case poweroff
    /// Restart it (`systemctl reboot`).
    case reboot
    /// Re-render the hotspot's files from `wikikiosk.conf` and restart it (`wikikiosk hotspot enable`),
    /// after the staff area changed the Wi-Fi name or channel.
    case applyHotspot
    /// Set the system clock to this many seconds since 1970 (a board without a clock battery and
    /// without Internet), and flag it synchronised so the usage log re-dates this boot's events.
    case setTime(epoch: Int)
    /// Temperature and under-voltage flags (`vcgencmd get_throttled`, which needs the VideoCore
    /// device the service can't open).
    case status

    /// The earliest and latest dates the clock may be set to: 2024-01-01 (older is a board that
    /// booted without a date) to 2100-01-01.
    public static let earliest = 1_704_067_200
    public static let latest = 4_102_444_800

    /// The longest request line accepted.
    public static let maximumLength = 64

    /// The command a request line asks for, or why it is refused.
    public static func parse(_ line: String) -> Result<HelperCommand, HelperRefusal> {
        guard line.utf8.count <= maximumLength else { return .failure(.tooLong) }
        guard line.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == " " || (0x21...0x7E).contains($0.value)) }) else {
            return .failure(.malformed)
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        switch (words.first ?? "", words.count) {
        case ("poweroff", 1): return .success(.poweroff)
        case ("reboot", 1): return .success(.reboot)
        case ("apply-hotspot", 1): return .success(.applyHotspot)
        case ("status", 1): return .success(.status)
        case ("set-time", 2):
            guard words[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }), let epoch = Int(words[1]),
                  (earliest...latest).contains(epoch) else { return .failure(.badArgument) }
            return .success(.setTime(epoch: epoch))
        case ("poweroff", _), ("reboot", _), ("apply-hotspot", _), ("status", _), ("set-time", _):
            return .failure(.badArgument)
        default:
            return .failure(.unknown)
        }
    }

    /// The request line for this command.
    public var line: String {
        switch self {
        case .poweroff: "poweroff"
        case .reboot: "reboot"
        case .applyHotspot: "apply-hotspot"
        case .status: "status"
        case .setTime(let epoch): "set-time \(epoch)"
        }
    }
}

/// Why the helper refused a request.
public enum HelperRefusal: String, Error, Sendable {
    case unknown = "unknown command"
    case badArgument = "bad argument"
    case malformed = "malformed request"
    case tooLong = "request too long"
}
