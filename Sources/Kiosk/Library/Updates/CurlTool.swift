import Foundation

/// The `curl` program, through which the kiosk reaches the Internet when it has it (the package
/// recommends it): a well-kept client with redirects, TLS, time-outs and resume (`-C -`), run as
/// a child process, only ever for `http:` and `https:` addresses.
public struct CurlTool: Sendable {
    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// curl where Debian puts it, nil when it is not installed.
    public static func find() -> CurlTool? {
        ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"]
            .first(where: FileManager.default.isExecutableFile(atPath:)).map(CurlTool.init)
    }

    private static let common = ["--fail", "--silent", "--show-error", "--location", "--proto", "=http,https",
                                 "--proto-redir", "=http,https", "--connect-timeout", "20"]

    /// A small document (a catalogue page, a metalink; at most 10 MB).
    func document(_ url: String, timeout: Int = 60) throws(ShelfError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Self.common + ["--max-time", String(timeout), "--max-filesize", "10000000", "--", url]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .catalogUnreachable(reason: "curl: \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .catalogUnreachable(reason: Self.reason(message)) }
        return data
    }

    /// Starts appending `url` to `file` from where it ends (`-C -`); stalls under 1 KB/s for a
    /// minute count as failures. The caller watches the file grow and waits for the process.
    func startDownload(_ url: String, to file: String, errors: Pipe) throws(ShelfError) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Self.common + ["--continue-at", "-", "--speed-limit", "1000", "--speed-time", "60",
                                           "--output", file, "--", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .downloadFailed(reason: "curl: \(error.localizedDescription)") }
        return process
    }

    /// curl's last error line ("curl: (7) Failed to connect to … port 443"), without the prefix.
    static func reason(_ data: Data) -> String {
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let trimmed = line.hasPrefix("curl: ") ? String(line.dropFirst(6)) : line
        return trimmed.isEmpty ? "no answer" : trimmed
    }
}
