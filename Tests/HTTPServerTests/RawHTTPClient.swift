#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPServer

/// A tiny blocking HTTP/1.1 client over a raw TCP socket, so tests see exact bytes, can reuse a
/// connection (keep-alive) and can send malformed requests.
final class RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var head: String
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Seconds to wait for data before failing.
    var timeout: Double

    init(port: UInt16, timeout: Double = 10) throws {
        self.timeout = timeout
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(description: "connect failed: errno \(code)")
        }
    }

    deinit {
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            sent += n
        }
    }

    /// Reads more bytes into the buffer; returns false on orderly close. Throws on timeout.
    @discardableResult
    private func fill() throws -> Bool {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pollDescriptor, 1, Int32(timeout * 1000))
        guard ready > 0 else { throw Failure(description: "timed out after \(timeout) s waiting for data") }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == ECONNRESET { return false }
            throw Failure(description: "recv failed: errno \(errno)")
        }
        if n == 0 { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// Waits until the peer closes (true) or `seconds` pass with the connection open (false).
    func waitForClose(seconds: Double) throws -> Bool {
        let saved = timeout
        defer { timeout = saved }
        timeout = seconds
        do {
            while try fill() {}
            return true
        } catch let failure as Failure where failure.description.hasPrefix("timed out") {
            return false
        }
    }

    /// Waits until at least `count` bytes are buffered (they stay there for `readResponse`).
    func awaitBuffered(count: Int) throws {
        while buffer.count < count { guard try fill() else { break } }
    }

    /// Reads one response. `bodyless` for answers to HEAD (no body whatever the headers say).
    func readResponse(bodyless: Bool = false) throws -> Reply {
        var headEnd: Int? = nil
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headEnd == nil { guard try fill() else { throw Failure(description: "closed before response head") } }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.add(String(line[..<colon]), String(value))
        }
        var body: [UInt8] = []
        if bodyless || status == 204 || status == 304 || (100..<200).contains(status) {
            body = []
        } else if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length { guard try fill() else { break } }
            body = Array(buffer.prefix(length))
            buffer.removeFirst(body.count)
        } else if headers["Transfer-Encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunked()
        } else {
            while try fill() {}
            body = buffer
            buffer = []
        }
        return Reply(status: status, headers: headers, body: body, head: head)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffer)
            while lineEnd == nil { guard try fill() else { return body }; lineEnd = Self.find([13, 10], in: buffer) }
            let sizeText = String(decoding: buffer[0..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            buffer.removeFirst(lineEnd! + 2)
            let size = Int(sizeText.trimmingCharacters(), radix: 16) ?? 0
            while buffer.count < size + 2 { guard try fill() else { break } }
            if size == 0 {
                // Trailers end with an empty line.
                while Self.find([13, 10], in: buffer) == nil { guard try fill() else { break } }
                if let end = Self.find([13, 10], in: buffer) { buffer.removeFirst(end + 2) }
                return body
            }
            body += buffer.prefix(size)
            buffer.removeFirst(min(size + 2, buffer.count))
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
