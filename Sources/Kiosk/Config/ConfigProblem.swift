/// Something wrong in a configuration or translation file, with where it is.
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as given (`kiosk-config/wikikiosk.conf`).
    public let file: String
    /// 1-based line number, or nil for the whole file (unreadable, missing).
    public let line: Int?
    /// What is wrong, in plain words.
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// "kiosk-config/wikikiosk.conf, line 12: unknown setting “prot” (did you mean “port”?)".
    public var description: String {
        if let line { return "\(file), line \(line): \(message)" }
        return "\(file): \(message)"
    }
}
