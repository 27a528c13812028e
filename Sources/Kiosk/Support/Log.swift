import Foundation

/// A minimal line logger to standard error (journald picks it up under systemd).
///
/// Log lines never contain client addresses or user agents: the kiosk promises not to keep them.
public struct Log: Sendable {
    /// How loud a line is.
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
        var label: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    /// Lines below this level are dropped.
    public var minimumLevel: Level
    private let sink: @Sendable (String) -> Void
    /// Shared by the copies of this log: repeated lines of one cause (`warning(_:cause:)`).
    private let throttle = LogThrottle()

    /// A logger writing to standard error.
    public init(minimumLevel: Level = .info) {
        self.minimumLevel = minimumLevel
        self.sink = { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// A logger handing each formatted line to `sink` (tests collect lines this way).
    public init(minimumLevel: Level = .debug, sink: @escaping @Sendable (String) -> Void) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// Writes one line at `level`.
    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= minimumLevel else { return }
        sink("wikikiosk \(level.label): \(message())\n")
    }

    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }

    /// A warning that may repeat (a damaged entry asked for again and again, a failing
    /// statistics batch): at most one line per `cause` per minute, the next one saying how many
    /// were left out meanwhile.
    public func warning(_ message: @autoclosure () -> String, cause: String) {
        guard Level.warning >= minimumLevel, let suppressed = throttle.admit(cause) else { return }
        let note = suppressed > 0 ? " (\(suppressed) more like this in the last minute not logged)" : ""
        sink("wikikiosk warning: \(message())\(note)\n")
    }
}
