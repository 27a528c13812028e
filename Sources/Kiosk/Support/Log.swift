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
}
