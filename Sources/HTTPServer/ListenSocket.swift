#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The listening socket, created and bound here rather than by libmicrohttpd, so a bind failure
/// comes with its errno and is reported in plain words (libmicrohttpd only returns NULL), and
/// there is no window between a trial bind and the real one. Handed to MHD with
/// MHD_OPTION_LISTEN_SOCKET.
struct ListenSocket {
    let descriptor: Int32
    let port: UInt16
    let isIPv6: Bool

    static func open(address: String, port: UInt16, backlog: Int32 = 511) throws(HTTPServerError) -> ListenSocket {
        let parsed = try SocketAddress(literal: address, port: port)
        let descriptor = socket(parsed.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else {
            throw HTTPServerError(code: .startFailed, message: "cannot create a socket: \(errnoText())")
        }
        var one: Int32 = 1
        // Restarting the server must not wait for old connections in TIME_WAIT.
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if parsed.family == AF_INET6 {
            // "::" serves IPv4 too (dual stack), whatever the system default is.
            var zero: Int32 = 0
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = parsed.withSockAddr { bind(descriptor, $0, $1) }
        if bound != 0 || listen(descriptor, backlog) != 0 {
            let code = errno
            close(descriptor)
            throw bindError(errno: code, address: address, port: port)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let message = errnoText()
            close(descriptor)
            throw HTTPServerError(code: .startFailed, message: "cannot read the bound port: \(message)")
        }
        return ListenSocket(descriptor: descriptor, port: SocketAddress.port(of: storage), isIPv6: parsed.family == AF_INET6)
    }

    /// Maps a bind/listen errno to an error in plain words.
    static func bindError(errno code: Int32, address: String, port: UInt16) -> HTTPServerError {
        switch code {
        case EADDRINUSE:
            return HTTPServerError(code: .addressInUse, message: "port \(port) is already in use")
        case EACCES, EPERM:
            return HTTPServerError(code: .permissionDenied,
                                   message: "permission denied to bind port \(port) (needs root or CAP_NET_BIND_SERVICE)")
        case EADDRNOTAVAIL:
            return HTTPServerError(code: .invalidAddress,
                                   message: "address \(address) does not belong to this machine")
        default:
            return HTTPServerError(code: .startFailed,
                                   message: "cannot listen on \(address) port \(port): \(String(cString: strerror(code)))")
        }
    }
}

func errnoText() -> String {
    String(cString: strerror(errno))
}

/// An IPv4 or IPv6 socket address parsed from a literal.
struct SocketAddress {
    private var storage = sockaddr_storage()
    let family: Int32

    /// "0.0.0.0", "192.168.4.1", "::", "::1", "[::1]"; "localhost" means 127.0.0.1.
    init(literal: String, port: UInt16 = 0) throws(HTTPServerError) {
        var text = literal.trimmingOWS()
        if text.asciiLowercased == "localhost" { text = "127.0.0.1" }
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, text, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            family = AF_INET
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: v4) { raw.copyMemory(from: $0) } }
        } else if inet_pton(AF_INET6, text, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            family = AF_INET6
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: v6) { raw.copyMemory(from: $0) } }
        } else {
            throw HTTPServerError(code: .invalidAddress,
                                  message: "\"\(literal)\" is not an IP address (use an IPv4 or IPv6 literal such as 0.0.0.0 or ::)")
        }
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        let length = family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size
        return withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(length))
        }
    }

    static func port(of storage: sockaddr_storage) -> UInt16 {
        withUnsafeBytes(of: storage) { raw in
            if Int32(storage.ss_family) == AF_INET6 {
                return UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            }
            return UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
        }
    }

    /// Text form of a peer address; IPv4-mapped IPv6 addresses are shown as IPv4.
    static func text(of address: UnsafePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var v4 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in.self)
            guard inet_ntop(AF_INET, &v4.sin_addr, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        case AF_INET6:
            var v6 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in6.self)
            guard inet_ntop(AF_INET6, &v6.sin6_addr, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        default:
            return nil
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasPrefix("::ffff:") && text.contains(".") ? String(text.dropFirst(7)) : text
    }
}
