/// Builds URL paths from decoded names: every segment percent-encoded as UTF-8, so titles with
/// `#`, `?`, `&`, `%` or accents make links that come back to the same entry.
public enum URLPath {
    /// Bytes left as they are in a path segment (RFC 3986 unreserved plus harmless sub-delims).
    /// `&`, `+`, `#`, `?`, `%` and `/` are always encoded.
    private static let keptInPath = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@")
    /// Bytes left as they are in a query value: RFC 3986 unreserved only.
    private static let keptInQuery = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func table(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for byte in characters.utf8 { table[Int(byte)] = true }
        return table
    }
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes one path segment (a `/` inside it is encoded too).
    public static func encodeSegment(_ segment: String) -> String {
        encode(segment, kept: keptInPath, keepingSlash: false)
    }

    /// Percent-encodes a path whose `/` separate segments (an entry path in a ZIM).
    public static func encodePath(_ path: String) -> String {
        encode(path, kept: keptInPath, keepingSlash: true)
    }

    /// Percent-encodes a query name or value (space as `%20`; `&`, `=`, `+` encoded).
    public static func encodeQueryValue(_ value: String) -> String {
        encode(value, kept: keptInQuery, keepingSlash: false)
    }

    /// `/content/<book>/<path>` for an entry.
    public static func content(book: String, path: String) -> String {
        "/content/\(encodeSegment(book))/\(encodePath(path))"
    }

    private static func encode(_ text: String, kept: [Bool], keepingSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte < 128, kept[Int(byte)] || (keepingSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
