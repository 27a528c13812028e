import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`192.168.1.0/24`, `fd00::/8`, or one address),
/// for restricting the staff area to, say, the Ethernet side of the kiosk.
public struct NetworkRange: Sendable, Equatable, CustomStringConvertible {
    /// The network's address bytes (4 or 16).
    public let address: [UInt8]
    public let prefixLength: Int

    /// Parses `10.0.0.0/8`, `127.0.0.1` (a single address), `::1`, `fd00::/8`; nil when malformed.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = Self.bytes(String(parts[0])) else { return nil }
        let maximum = bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...maximum).contains(length), parts[1].allSatisfy(\.isNumber) else { return nil }
            prefixLength = length
        } else {
            prefixLength = maximum
        }
        address = bytes
    }

    /// Whether `remote` (an address as the server sees it: `10.42.0.23`, `::1`,
    /// `::ffff:10.42.0.23`) is in this network.
    public func contains(_ remote: String) -> Bool {
        guard var bytes = Self.bytes(remote) else { return false }
        if bytes.count == 16, address.count == 4, bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
            bytes = Array(bytes.suffix(4))
        }
        guard bytes.count == address.count else { return false }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if bytes[index] & mask != address[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String {
        let text: String
        if address.count == 4 {
            text = address.map(String.init).joined(separator: ".")
        } else {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            var raw = in6_addr()
            withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: address) }
            inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
            text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return "\(text)/\(prefixLength)"
    }

    /// The bytes of an IPv4 or IPv6 address (an IPv6 zone `%eth0` and brackets are ignored).
    static func bytes(_ text: String) -> [UInt8]? {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
