import Foundation
import Synchronization

/// A small HTTP server for the update tests, on 127.0.0.1 (real sockets, real bytes): answers
/// GET for the documents it was given (by path, query ignored), honours `Range: bytes=N-`, and
/// can cut one answer after some bytes of its body, as a dropped office connection would.
/// One connection at a time, each closed after its answer.
final class TinyWebServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let documents = Mutex<[String: (type: String, bytes: [UInt8])]>([:])
    private let cuts = Mutex<[String: Int]>([:])
    /// Every request: its target and its `Range` header.
    let requests = Mutex<[(target: String, range: String?)]>([])

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { throw AdminTestError("TinyWebServer: bind/listen failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        guard port != 0 else { throw AdminTestError("TinyWebServer: no port") }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The base address (`http://127.0.0.1:<port>`).
    var base: String { "http://127.0.0.1:\(port)" }

    func serve(_ path: String, type: String, _ bytes: [UInt8]) {
        documents.withLock { $0[path] = (type, bytes) }
    }

    /// The next answer for `path` stops after `bytes` bytes of its body (its length says more).
    func cutOnce(_ path: String, after bytes: Int) {
        cuts.withLock { $0[path] = bytes }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)), request.count < 65_536 {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            request += buffer[0..<count]
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let range = lines.dropFirst().first { $0.lowercased().hasPrefix("range:") }
            .map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        requests.withLock { $0.append((target, range)) }
        let path = target.split(separator: "?").first.map(String.init) ?? target
        guard let document = documents.withLock({ $0[path] }) else {
            send(client, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", [])
            return
        }
        let size = document.bytes.count
        var start = 0
        var head = "HTTP/1.1 200 OK\r\n"
        if let range, range.hasPrefix("bytes="), range.hasSuffix("-"), let from = Int(range.dropFirst(6).dropLast()) {
            guard from < size else {
                send(client, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */\(size)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", [])
                return
            }
            start = from
            head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes \(from)-\(size - 1)/\(size)\r\n"
        }
        head += "Content-Type: \(document.type)\r\nContent-Length: \(size - start)\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n"
        var body = Array(document.bytes[start...])
        if let cut = cuts.withLock({ $0.removeValue(forKey: path) }) { body = Array(body.prefix(cut)) }
        send(client, head, body)
    }

    private func send(_ client: Int32, _ head: String, _ body: [UInt8]) {
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
