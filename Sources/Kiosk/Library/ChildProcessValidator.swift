import Foundation

/// Runs `ArchiveCheck` in a child process (`<executable> validate-one <path>`), so a libzim
/// abort on a corrupt file kills the child, not the kiosk.
///
/// The child prints the reason on standard output and exits 1 when the file is bad; a crash
/// or a time-out is reported as such.
public struct ChildProcessValidator: ArchiveValidating {
    public let executable: String
    /// Also run the checks that read the whole file (slow on big files).
    public let thorough: Bool
    public let timeout: TimeInterval

    /// - Parameter executable: the `wikikiosk` binary (usually the running one).
    public init(executable: String, thorough: Bool = false, timeout: TimeInterval = 300) {
        self.executable = executable
        self.thorough = thorough
        self.timeout = timeout
    }

    /// The path of the running executable.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
    }

    public func problem(with path: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["validate-one"] + (thorough ? ["--thorough"] : []) + ["--", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return "could not start the checker (\(executable)): \(error.localizedDescription)"
        }
        // The child prints one short line: it fits the pipe's buffer, so waiting first can't deadlock.
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            return "checking the file took more than \(Int(timeout)) s"
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0):
            return nil
        case (.exit, _):
            let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return reason.isEmpty ? "the file is not a valid ZIM archive" : reason
        case (.uncaughtSignal, let signal):
            return "libzim crashed while reading the file (signal \(signal)): the file is corrupt"
        @unknown default:
            return "the checker stopped unexpectedly"
        }
    }
}
