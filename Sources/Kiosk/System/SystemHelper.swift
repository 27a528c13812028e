import CSystemClock
import Foundation

/// The root side of `HelperCommand`: runs the fixed program for each command (never a shell,
/// never an argument from the request except the checked epoch), and says what it did.
///
/// With a `root` other than `/` (tests), nothing is run: the programs it would run are appended
/// to `<root>/var/log/wikikiosk-helper.actions`, and status is read from `<root>/sys/…` and a
/// `<root>/usr/bin/vcgencmd` stand-in.
public struct SystemHelper: Sendable {
    public let root: String
    /// The `wikikiosk` binary (for `hotspot enable`): the helper's own.
    public let executable: String

    public init(root: String = "/", executable: String = ChildProcessValidator.currentExecutable) {
        self.root = root == "/" ? "" : root
        self.executable = executable
    }

    var isFake: Bool { !root.isEmpty }

    /// Handles one request line: `OK <text>` or `ERR <reason>`, one line.
    public func answer(_ line: String) -> String {
        switch HelperCommand.parse(line) {
        case .failure(let refusal): return "ERR \(refusal.rawValue)"
        case .success(let command):
            switch run(command) {
            case .success(let text): return "OK \(text)"
            case .failure(let failure): return "ERR \(failure.message)"
            }
        }
    }

    /// What failed when running a command.
    public struct Failure: Error, Sendable { public let message: String }

    func run(_ command: HelperCommand) -> Result<String, Failure> {
        switch command {
        case .poweroff: return program(["/usr/bin/systemctl", "poweroff"])
        case .reboot: return program(["/usr/bin/systemctl", "reboot"])
        case .applyHotspot: return program([executable, "hotspot", "enable"])
        case .setTime(let epoch): return setTime(epoch)
        case .status: return .success(status())
        }
    }

    /// Runs `arguments` (an absolute path, fixed arguments) and waits; or records it (fake root).
    private func program(_ arguments: [String]) -> Result<String, Failure> {
        if isFake { return record(arguments.joined(separator: " ")) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(Failure(message: "\(arguments[0]): \(error.localizedDescription)")) }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? .success("done")
            : .failure(Failure(message: "\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)"))
    }

    private func setTime(_ epoch: Int) -> Result<String, Failure> {
        if isFake { return record("set-time \(epoch)") }
        var spec = timespec(tv_sec: epoch, tv_nsec: 0)
        guard clock_settime(CLOCK_REALTIME, &spec) == 0 else {
            return .failure(Failure(message: "clock_settime: \(String(cString: strerror(errno)))"))
        }
        _ = csystemclock_mark_synchronised()
        // Raspberry Pi OS keeps the last time in a file to start from at the next boot.
        if FileManager.default.isExecutableFile(atPath: "/sbin/fake-hwclock") { _ = program(["/sbin/fake-hwclock", "save"]) }
        return .success("clock set")
    }

    /// `temperature=<millidegrees> throttled=<hex>` (each `unknown` when the board won't say).
    private func status() -> String {
        let temperature = (try? String(contentsOfFile: root + "/sys/class/thermal/thermal_zone0/temp", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        var throttled: String?
        let vcgencmd = root + "/usr/bin/vcgencmd"
        if FileManager.default.isExecutableFile(atPath: vcgencmd) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: vcgencmd)
            process.arguments = ["get_throttled"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil {
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if let value = text.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines),
                   value.hasPrefix("0x"), UInt32(value.dropFirst(2), radix: 16) != nil {
                    throttled = value
                }
            }
        }
        return "temperature=\(temperature.map(String.init) ?? "unknown") throttled=\(throttled ?? "unknown")"
    }

    /// Fake root: what would have run.
    private func record(_ action: String) -> Result<String, Failure> {
        let log = root + "/var/log/wikikiosk-helper.actions"
        try? FileManager.default.createDirectory(atPath: root + "/var/log", withIntermediateDirectories: true)
        guard let handle = FileHandle(forWritingAtPath: log) ?? {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            return FileHandle(forWritingAtPath: log)
        }() else { return .failure(Failure(message: "cannot write \(log)")) }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        handle.write(Data((action + "\n").utf8))
        return .success("done")
    }
}
