/// Entity tags (RFC 9110 §8.8.3).
public enum ETag {
    /// A strong tag, quoted: 16 hex digits of FNV-1a 64 over the parts (separated by 0x1F, so
    /// ("ab", "c") and ("a", "bc") differ). Stable across runs and machines.
    public static func make(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
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
