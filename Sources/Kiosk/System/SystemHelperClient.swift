import Foundation

/// The service's side of the root helper: one request line over the helper's Unix socket
/// (`/run/wikikiosk-helper.sock`, group `wikikiosk`, socket-activated), one answer line.
public struct SystemHelperClient: Sendable {
    public let socketPath: String
    /// Seconds to wait for the answer (re-rendering the hotspot restarts services).
    public let timeout: Int

    public static let defaultSocket = "/run/wikikiosk-helper.sock"

    public init(socketPath: String = SystemHelperClient.defaultSocket, timeout: Int = 30) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Whether the helper is installed (its socket exists).
    public var isAvailable: Bool { FileManager.default.fileExists(atPath: socketPath) }

    /// The helper's answer to `command`: the text after `OK`, or the reason (`ERR …`, or why
    /// the socket could not be used).
    public func send(_ command: HelperCommand) -> Result<String, SystemHelper.Failure> {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(.init(message: "socket: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var seconds = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return .failure(.init(message: "socket path too long")) }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.enumerated() { bytes[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            return .failure(.init(message: "the system helper is not reachable (\(socketPath): \(String(cString: strerror(errno))))"))
        }
        let request = Array((command.line + "\n").utf8)
        guard write(fd, request, request.count) == request.count else { return .failure(.init(message: "write: \(String(cString: strerror(errno)))")) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !answer.contains(0x0A), answer.count < 4096 {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        let line = String(decoding: answer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        if line.hasPrefix("OK") { return .success(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)) }
        if line.hasPrefix("ERR ") { return .failure(.init(message: String(line.dropFirst(4)))) }
        return .failure(.init(message: "no answer from the system helper"))
    }
}
