import Foundation
import Synchronization

/// The real `wikikiosk serve` binary in a child process: a crash there (a libzim abort, say)
/// fails the test with the server's log instead of taking the whole test runner down, and
/// signals and memory can be observed from outside as on a kiosk.
final class ServeProcess {
    private let process: Process
    private let log = TextBuffer()
    private let reader: Worker
    /// The port the server listens on, read from its "serving … on http://127.0.0.1:PORT/" line.
    let port: UInt16

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    /// Everything the server wrote to standard error so far.
    var output: String { log.text.withLock { $0 } }

    /// Starts `wikikiosk serve --address 127.0.0.1 --port 0 <arguments>` and waits (up to
    /// `startTimeout` seconds) for it to listen. A `launcher` (e.g. `["/usr/bin/taskset", "-c", "0"]`)
    /// runs the server through that command.
    init(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = [],
         startTimeout: Double = 60) throws {
        guard let executable = Self.wikikioskExecutable else { throw Failure("no wikikiosk executable") }
        let command = launcher + [executable, "serve", "--address", "127.0.0.1", "--port", "0"] + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Drain the log all along: a full pipe would block the server's logging thread.
        let handle = pipe.fileHandleForReading
        reader = Worker { [log] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                log.text.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
            }
        }
        let deadline = Date().addingTimeInterval(startTimeout)
        var found: UInt16 = 0
        while found == 0, Date() < deadline, process.isRunning {
            let text = log.text.withLock { $0 }
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                found = UInt16(text[range].dropFirst("127.0.0.1:".count).dropLast()) ?? 0
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard found > 0 else {
            process.terminate()
            throw Failure("wikikiosk serve did not start: \(log.text.withLock { $0 })")
        }
        port = found
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The `wikikiosk` executable next to the test bundle (SwiftPM builds every product with the tests).
    static var wikikioskExecutable: String? {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("wikikiosk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Sends `signal` to the server.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` seconds for the process to end; returns its exit status, or nil
    /// when it is still running or was killed by a signal.
    func waitForExit(timeout: Double) -> (status: Int32, bySignal: Bool)? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else { return nil }
        reader.join()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    /// The server's resident memory in KiB (VmRSS in /proc/<pid>/status).
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// Waits until `condition` holds, up to `timeout` seconds.
    static func eventually(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    /// Text appended by one thread and read by another.
    final class TextBuffer: Sendable {
        let text = Mutex("")
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
