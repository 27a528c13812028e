import HTTPServer

/// A request as libmicrohttpd hands it to the daemon's callbacks, rebuilt from raw bytes without
/// a socket: the request line split into method and target, the header fields, the body.
///
/// MHD's own parsing is only imitated (it is C, and not what this fuzzer is about): request and
/// header lines end with CRLF or a bare LF, a field line without ":" or a version other than
/// HTTP/1.x is refused by MHD itself (`parse` returns nil), names and values are C strings (cut at
/// the first NUL), a target that is not UTF-8 reaches the daemon as nil.
struct RawRequest {
    var method: String?
    var target: String?
    var headers: HTTPHeaders
    var body: [UInt8]

    /// The request MHD would pass on, or nil when MHD would answer (or drop) it by itself.
    static func parse(_ bytes: [UInt8]) -> RawRequest? {
        let (head, body) = splitHead(bytes)
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        // MHD skips empty lines before the request line (RFC 9112 §2.2).
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let requestLine = lines.first else { return nil }
        guard let (method, target) = splitRequestLine(requestLine) else { return nil }

        var pairs: [(String, String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                // Obsolete line folding: a continuation of the previous value.
                guard let last = pairs.popLast() else { return nil }
                pairs.append((last.0, last.1 + " " + cString(trimmed(line))))
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
            pairs.append((cString(line[..<colon]), cString(trimmed(line[(colon + 1)...]))))
        }
        return RawRequest(method: validatingCString(method), target: validatingCString(target),
                          headers: HTTPHeaders(pairs), body: body)
    }

    /// The head (request line and fields) and what follows the blank line.
    private static func splitHead(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, [UInt8]) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var next = index + 1
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\r") { next += 1 }
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\n") {
                    return (bytes[..<index], Array(bytes[(next + 1)...]))
                }
            }
            index += 1
        }
        return (bytes[...], [])
    }

    /// "GET /a?b HTTP/1.1" -> ("GET", "/a?b"): the method ends at the first space, the version
    /// starts after the last one. nil for a version MHD refuses (505) or a line without one.
    private static func splitRequestLine(_ line: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")),
              let lastSpace = line.lastIndex(of: UInt8(ascii: " ")), lastSpace > firstSpace
        else { return nil }
        let version = line[(lastSpace + 1)...]
        guard version.starts(with: Array("HTTP/1.".utf8)), version.count == 8 else { return nil }
        var target = line[(firstSpace + 1)..<lastSpace]
        while target.first == UInt8(ascii: " ") { target = target.dropFirst() }
        while target.last == UInt8(ascii: " ") { target = target.dropLast() }
        guard !target.isEmpty else { return nil }
        return (line[..<firstSpace], target)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return bytes
    }

    /// What `String(cString:)` makes of these bytes in C: cut at NUL, invalid UTF-8 repaired.
    private static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// What `String(validatingCString:)` makes of them: cut at NUL, nil if not UTF-8.
    private static func validatingCString(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
