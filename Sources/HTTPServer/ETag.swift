/// Entity tags (RFC 9110 §8.8.3).
public enum ETag {
    /// A strong tag, quoted: 16 hex digits of FNV-1a 64 over the parts (separated by 0x1F, so
    /// ("ab", "c") and ("a", "bc") differ). Stable across runs and machines.
    public static func make(_ parts: String...) -> String {
        var hash = FNV1a()
        for (index, part) in parts.enumerated() {
            if index > 0 { hash.add([0x1F]) }
            hash.add(part)
        }
        return "\"" + hash.hex + "\""
    }

    /// The tag of the gzip-encoded representation of the body tagged `etag`: a strong tag names
    /// one byte sequence (RFC 9110 §8.8.3), so the compressed body gets its own (`"…-gz"`).
    /// Weak tags stay as they are (both bodies are semantically the same).
    public static func gzipped(_ etag: String) -> String {
        guard etag.hasPrefix("\""), etag.hasSuffix("\""), etag.count >= 2, !etag.hasSuffix("-gz\"") else { return etag }
        return String(etag.dropLast()) + "-gz\""
    }

    /// Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match requires: "W/" is ignored on both
    /// sides; "*" matches any tag.
    public static func matches(_ ifNoneMatch: [String], _ etag: String) -> Bool {
        let opaque = stripWeak(etag)
        return ifNoneMatch.contains { $0 == "*" || stripWeak($0) == opaque }
    }

    /// Strong comparison (for If-Range): equal and neither is weak.
    static func strongMatch(_ a: String, _ b: String) -> Bool {
        !a.hasPrefix("W/") && !b.hasPrefix("W/") && a == b
    }

    private static func stripWeak(_ tag: String) -> Substring {
        let trimmed = Substring(tag.trimmingOWS())
        return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
    }
}
