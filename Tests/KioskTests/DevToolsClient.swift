import Foundation

/// A minimal Chrome DevTools Protocol client for browser tests: starts Debian's headless
/// Chromium with `--remote-debugging-port=0`, speaks WebSocket (RFC 6455, text frames) over a
/// loopback socket, and sends commands to one page (flattened target session).
final class DevToolsClient {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private let process = Process()
    private var socket: Int32 = -1
    private var nextID = 0
    private var sessionID: String?
    private var buffer: [UInt8] = []

    init(executable: String, profile: String) throws {
        // Debian's /usr/bin/chromium-headless-shell is a shell wrapper that does not exec: run the
        // real binary, so killing it ends the browser.
        let binary = "/usr/lib/chromium/chromium-headless-shell"
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: binary) ? binary : executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-port=0",
                             "--user-data-dir=\(profile)", "--lang=fr-FR", "--no-first-run", "about:blank"]
        let logFile = profile + ".log"
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(20)
        var endpoint: String?
        while endpoint == nil, Date() < deadline {
            usleep(50_000)
            log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            if let range = log.range(of: "ws://127.0.0.1:"), let end = log[range.upperBound...].firstIndex(of: "\n") {
                endpoint = String(log[range.upperBound..<end]).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let endpoint, let slash = endpoint.firstIndex(of: "/"), let port = UInt16(endpoint[..<slash]) else {
            kill(process.processIdentifier, SIGKILL)
            throw Failure(description: "no DevTools endpoint: \(log.suffix(1000))")
        }
        try connect(port: port, path: String(endpoint[slash...]))
        let target = try send("Target.createTarget", ["url": "about:blank"], session: false)
        let targetID = (target["targetId"] as? String) ?? ""
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true], session: false)
        sessionID = attached["sessionId"] as? String
    }

    deinit { close() }

    func close() {
        if socket >= 0 { Foundation.close(socket); socket = -1 }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(process.processIdentifier, &status, 0)
        }
    }

    // MARK: - Commands

    /// Sends one command and returns its `result` (throws on a protocol error).
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: Bool = true, timeout: Double = 20) throws -> [String: Any] {
        if let trace = ProcessInfo.processInfo.environment["DEVTOOLS_TRACE"] {
            let line = "\(Date()) \(method)\n"
            if let handle = FileHandle(forWritingAtPath: trace) { handle.seekToEndOfFile(); handle.write(Data(line.utf8)); handle.closeFile() }
        }
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if session, let sessionID { message["sessionId"] = sessionID }
        try writeFrame(try JSONSerialization.data(withJSONObject: message))
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let text = try readMessage(deadline: deadline) else { continue }
            guard let object = try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any],
                  object["id"] as? Int == id else { continue }
            if let error = object["error"] { throw Failure(description: "\(method): \(error)") }
            return object["result"] as? [String: Any] ?? [:]
        }
        throw Failure(description: "\(method): no answer in \(timeout) s")
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns its value.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "JavaScript: \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until `condition` (JavaScript) is true.
    func wait(for condition: String, timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? evaluate("document.readyState === 'complete' && (\(condition))")) as? Bool == true { return }
            usleep(100_000)
        }
        let location = (try? evaluate("location.href + ' ' + document.title + ' ' + document.body.innerText.slice(0, 300)")) ?? "?"
        throw Failure(description: "timed out waiting for \(condition) (at \(String(describing: location)))")
    }

    /// Opens `url` and waits for the page to load.
    func navigate(_ url: String) throws {
        _ = try? evaluate("window.__devtoolsOldPage = true")
        try send("Page.navigate", ["url": url])
        try wait(for: "!window.__devtoolsOldPage")
    }

    /// A PNG screenshot of the page at `width`×`height` CSS pixels, the whole page when `full`.
    func screenshot(width: Int, height: Int, full: Bool) throws -> Data {
        try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1,
                                                        "mobile": width < 600])
        usleep(300_000)
        let result = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": full])
        return Data(base64Encoded: result["data"] as? String ?? "") ?? Data()
    }

    static func quote(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text])
        let array = String(decoding: data ?? Data(), as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    // MARK: - WebSocket

    private func connect(port: UInt16, path: String) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "can't connect to DevTools on port \(port)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try writeAll(Array(request.utf8))
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                guard head.hasPrefix("HTTP/1.1 101") else { throw Failure(description: "WebSocket refused: \(head)") }
                return
            }
            try fill()
        }
        throw Failure(description: "no WebSocket handshake")
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for index in 0...(buffer.count - pattern.count) where Array(buffer[index..<index + pattern.count]) == pattern {
            return index
        }
        return nil
    }

    /// Reads what the socket has (at most 200 ms).
    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = recv(socket, &chunk, chunk.count, 0)
        if count > 0 { buffer += chunk[..<count] }
        if count == 0 { throw Failure(description: "DevTools closed the connection") }
    }

    private func need(_ count: Int, deadline: Date) throws -> Bool {
        while buffer.count < count {
            if Date() > deadline { return false }
            try fill()
        }
        return true
    }

    /// One whole message (continuation frames joined), or nil when none came in time.
    private func readMessage(deadline: Date) throws -> [UInt8]? {
        var message: [UInt8] = []
        while true {
            guard try need(2, deadline: deadline) else { return nil }
            let fin = buffer[0] & 0x80 != 0
            let opcode = buffer[0] & 0x0F
            var length = Int(buffer[1] & 0x7F)
            var header = 2
            if length == 126 {
                guard try need(4, deadline: deadline) else { return nil }
                length = Int(buffer[2]) << 8 | Int(buffer[3])
                header = 4
            } else if length == 127 {
                guard try need(10, deadline: deadline) else { return nil }
                length = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }
                header = 10
            }
            guard try need(header + length, deadline: deadline.addingTimeInterval(30)) else { return nil }
            let payload = Array(buffer[header..<header + length])
            buffer.removeFirst(header + length)
            if opcode == 8 { throw Failure(description: "DevTools closed the WebSocket") }
            if opcode == 9 || opcode == 10 { continue }
            message += payload
            if fin { return message }
        }
    }

    private func writeFrame(_ payload: Data) throws {
        var frame: [UInt8] = [0x81]
        let count = payload.count
        if count < 126 {
            frame.append(0x80 | UInt8(count))
        } else if count < 65_536 {
            frame += [0x80 | 126, UInt8(count >> 8), UInt8(count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8((count >> shift) & 0xFF)) }
        }
        let mask: [UInt8] = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        for (index, byte) in payload.enumerated() { frame.append(byte ^ mask[index % 4]) }
        try writeAll(frame)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "DevTools socket write failed") }
            sent += n
        }
    }
}
