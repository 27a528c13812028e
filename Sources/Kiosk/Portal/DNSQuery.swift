import Foundation

/// A single DNS "A" query over UDP: enough for `wikikiosk doctor` to check that the hotspot's
/// DNS sends every name to the kiosk, without depending on the machine's own resolver.
public enum DNSQuery {
    /// The IPv4 addresses `server` gives for `name`, or nil when it does not answer in time.
    public static func addresses(of name: String, server: String, port: UInt16 = 53, timeout: TimeInterval = 2) -> [String]? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, server, &address.sin_addr) == 1 else { return nil }
        let id = UInt16.random(in: 0...UInt16.max)
        let query = message(id: id, name: name)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, query, query.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard sent == query.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1500)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 12 else { return nil }
        return parse(Array(buffer[..<count]), id: id)
    }

    static func message(id: UInt16, name: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes += [0, 0, 1, 0, 1]  // root, type A, class IN
        return bytes
    }

    /// The A records of an answer (compressed names skipped).
    static func parse(_ bytes: [UInt8], id: UInt16) -> [String]? {
        guard bytes.count >= 12, UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id else { return nil }
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        let answers = Int(bytes[6]) << 8 | Int(bytes[7])
        var index = 12
        func skipName() -> Bool {
            while index < bytes.count {
                let length = Int(bytes[index])
                if length == 0 { index += 1; return true }
                if length & 0xC0 == 0xC0 { index += 2; return true }
                index += length + 1
            }
            return false
        }
        for _ in 0..<questions {
            guard skipName() else { return nil }
            index += 4
        }
        var result: [String] = []
        for _ in 0..<answers {
            guard skipName(), index + 10 <= bytes.count else { break }
            let type = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            let length = Int(bytes[index + 8]) << 8 | Int(bytes[index + 9])
            index += 10
            guard index + length <= bytes.count else { break }
            if type == 1, length == 4 {
                result.append(bytes[index..<index + 4].map(String.init).joined(separator: "."))
            }
            index += length
        }
        return result
    }
}
