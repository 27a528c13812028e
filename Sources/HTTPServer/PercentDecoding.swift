/// Percent-decoding (RFC 3986 §2.1) for request targets. libmicrohttpd's own unescaping is
/// disabled (see `Daemon+Trampolines.swift`), so this is the only place it happens.
enum PercentDecoding {
    /// Strict decoding for paths: nil if an escape is not `%` + two hex digits, if the bytes are
    /// not valid UTF-8, or if the result contains NUL (which would truncate at any C boundary).
    static func decodeStrict(_ text: Substring) -> String? {
        // Nothing to decode (most paths): the text itself, already valid UTF-8.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0 }) { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                      let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Lenient decoding for query components: `+` is a space when `plusAsSpace`, a malformed
    /// escape is kept literally, invalid UTF-8 and NUL become U+FFFD. Never fails.
    static func decodeLenient(_ text: Substring, plusAsSpace: Bool) -> String {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
                continue
            }
            bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        return decoded.utf8.contains(0) ? decoded.replacingNUL() : decoded
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

private extension String {
    func replacingNUL() -> String {
        String(unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) })
    }
}
