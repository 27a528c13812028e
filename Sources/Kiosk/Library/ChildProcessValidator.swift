import Foundation

/// Runs `ArchiveCheck` in a child process (`<executable> validate-batch <path>…`), so a libzim
/// abort on a corrupt file kills the child, not the kiosk. A crash or a time-out is reported as
/// the reason for the file it happened on.
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
        problems(with: [path])[0]
    }

    /// Checks every file with one child process (`validate-batch`), which answers one line per
    /// file as it goes. When the child dies or hangs on a file, that file is the culprit: it is
    /// reported as such and a new child checks the files after it.
    public func problems(with paths: [String]) -> [String?] {
        problems(with: paths, flags: thorough ? ["--thorough"] : [])
    }

    /// The same with `validate-batch --quick` (`ArchiveCheck.Depth.quick`).
    public func quickProblems(with paths: [String]) -> [String?] {
        problems(with: paths, flags: ["--quick"])
    }

    /// The checksum and every other check, in a child (`validate-batch --thorough`), given at
    /// least a second per 5 MB of file: an SD card reads a 40 GB Wikipedia in over an hour.
    public func thoroughProblem(with path: String) -> String? {
        let size = FileFingerprint.of(path)?.size ?? 0
        let patient = ChildProcessValidator(executable: executable, thorough: true,
                                            timeout: max(timeout, Double(size) / 5_000_000))
        return patient.problems(with: [path], flags: ["--thorough"])[0]
    }

    private func problems(with paths: [String], flags: [String]) -> [String?] {
        var results = [String??](repeating: nil, count: paths.count)
        var start = 0
        while start < paths.count {
            let run = runChild(["validate-batch"] + flags + ["--"] + paths[start...])
            for line in run.output.split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count >= 2, let offset = Int(fields[1]), start + offset < paths.count else { continue }
                let problem = fields[0] == "OK" ? nil : (fields.count > 2 ? String(fields[2]) : "the file is not a valid ZIM archive")
                results[start + offset] = .some(problem)
            }
            guard let culprit = results[start...].firstIndex(where: { $0 == nil }) else { break }
            results[culprit] = .some(run.failure ?? "the checker stopped before reaching this file")
            start = culprit + 1
        }
        return results.map { $0 ?? nil }
    }

    /// Runs the checker with `arguments`; `failure` says how it ended when it did not exit normally.
    private func runChild(_ arguments: [String]) -> (output: String, failure: String?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ("", "could not start the checker (\(executable)): \(error.localizedDescription)")
        }
        // Read while the child runs (many files can fill the pipe), with a watchdog for hangs.
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let text = String(decoding: data, as: UTF8.self)
        switch process.terminationReason {
        case .exit:
            return (text, nil)
        case .uncaughtSignal where process.terminationStatus == SIGTERM:
            return (text, "checking the file took more than \(Int(timeout)) s")
        case .uncaughtSignal:
            return (text, "libzim crashed while reading the file (signal \(process.terminationStatus)): the file is corrupt")
        @unknown default:
            return (text, "the checker stopped unexpectedly")
        }
    }
}
