#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPServer

/// A blocking HTTP/1.1 client over a raw TCP socket, shared by the HTTPServer and Kiosk tests:
/// exact bytes on the wire, keep-alive reuse, malformed requests, a chosen source address (every
/// 127.x.y.z is this machine, so a test can play many "phones", each with its own IP), a small
/// receive buffer (a slow reader).
final class RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        /// The status line and header lines as received.
        var head: String
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var closedByPeer = false
    /// Seconds to wait for data before failing.
    var timeout: Double

    /// Connects to 127.0.0.1:`port`, from `source` (default: the kernel's choice, 127.0.0.1).
    /// `receiveBuffer` shrinks SO_RCVBUF before connecting (a slow reader's window).
    init(port: UInt16, source: String? = nil, timeout: Double = 10, receiveBuffer: Int32? = nil) throws {
        self.timeout = timeout
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed: errno \(errno)") }
        if var size = receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                // Not closed here: every property is set, so `deinit` runs for this failed
                // init and closes it. Closing twice closed the server's next connection, in
                // this same process, whose number the kernel had just reused (libmicrohttpd
                // then aborted: "Close socket failed").
                throw Failure(description: "bind to \(source) failed: errno \(errno)")
            }
        }
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
            // Closed by `deinit`, as above.
            throw Failure(description: "connect failed: errno \(errno)")
        }
    }

    /// Runs for a failed `init` too (it throws after every property is set): the one close.
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

    /// Sends without throwing; false when the peer is gone.
    @discardableResult
    func trySend(_ bytes: [UInt8]) -> Bool {
        (try? send(bytes)) != nil
    }

    /// Reads more bytes into the buffer (at most `chunk`); false on orderly close or reset.
    /// Throws on timeout.
    @discardableResult
    private func fill(chunk: Int = 64 * 1024) throws -> Bool {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pollDescriptor, 1, Int32(timeout * 1000))
        guard ready > 0 else { throw Failure(description: "timed out after \(timeout) s waiting for data") }
        var bytes = [UInt8](repeating: 0, count: chunk)
        let n = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == ECONNRESET { closedByPeer = true; return false }
            throw Failure(description: "recv failed: errno \(errno)")
        }
        if n == 0 { closedByPeer = true; return false }
        buffer.append(contentsOf: bytes[0..<n])
        return true
    }

    /// Waits until at least `count` bytes are buffered (they stay there for `readResponse`).
    func awaitBuffered(count: Int) throws {
        while buffer.count < count { guard try fill() else { break } }
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

    /// Reads one response. `bodyless` for answers to HEAD. `slowly` reads the body in 16 KiB
    /// pieces with that pause between them (a phone on a bad link).
    func readResponse(bodyless: Bool = false, slowly pause: Double? = nil) throws -> Reply {
        var headEnd: Int? = nil
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headEnd == nil { guard try fill() else { throw Failure(description: "closed before response head") } }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head.debugDescription)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                throw Failure(description: "header line without colon: \(line.debugDescription)")
            }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.add(String(line[..<colon]), String(value))
        }
        var body: [UInt8] = []
        if bodyless || status == 204 || status == 304 || (100..<200).contains(status) {
            body = []
        } else if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            while buffer.count < length {
                if let pause { Thread.sleep(forTimeInterval: pause) }
                guard try fill(chunk: pause == nil ? 64 * 1024 : 16 * 1024) else { break }
            }
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
            let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
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

    /// Every response until the peer closes or goes quiet for `quiet` seconds.
    func readAllResponses(quiet: Double = 2, bodyless: Bool = false) -> [Reply] {
        let saved = timeout
        defer { timeout = saved }
        timeout = quiet
        var replies: [Reply] = []
        while let reply = try? readResponse(bodyless: bodyless) { replies.append(reply) }
        return replies
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

extension RawHTTPClient {
    /// One request on a fresh connection; nil when the server closed without answering.
    static func exchange(_ port: UInt16, _ raw: [UInt8], timeout: Double = 10, bodyless: Bool = false) -> Reply? {
        guard let client = try? RawHTTPClient(port: port, timeout: timeout) else { return nil }
        guard client.trySend(raw) else { return nil }
        return try? client.readResponse(bodyless: bodyless)
    }

    static func exchange(_ port: UInt16, _ raw: String, timeout: Double = 10) -> Reply? {
        exchange(port, Array(raw.utf8), timeout: timeout)
    }

    /// A plain `GET target` with `Connection: close`.
    static func get(_ port: UInt16, _ target: String, source: String? = nil, timeout: Double = 10) throws -> Reply {
        let client = try RawHTTPClient(port: port, source: source, timeout: timeout)
        try client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return try client.readResponse()
    }
}

extension RawHTTPClient.Reply {
    /// Problems with the head a strict client would see: status out of range, a bad field name,
    /// control characters in a value, a Content-Length that doesn't match the body.
    func headProblems(bodyless: Bool = false) -> [String] {
        var problems: [String] = []
        if !(100...599).contains(status) { problems.append("status \(status)") }
        for (name, value) in headers.pairs {
            if name.isEmpty || !name.utf8.allSatisfy(Self.isTokenByte) { problems.append("field name \(name.debugDescription)") }
            if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                problems.append("control byte in \(name): \(value.debugDescription)")
            }
        }
        if !bodyless, status != 304, status != 204, let length = headers["Content-Length"].flatMap({ Int($0) }),
           length != body.count {
            problems.append("Content-Length \(length) but \(body.count) body bytes")
        }
        return problems
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
