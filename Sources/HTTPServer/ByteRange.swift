/// A single byte range per RFC 9110 §14: "bytes=0-99", "bytes=100-", "bytes=-50".
///
/// Decisions: a multi-range request ("bytes=0-1,5-6") is answered in full (`.full`, allowed by
/// RFC 9110 §14.2: a server may ignore Range); a syntactically invalid header or an unknown unit is
/// ignored (`.full`); a valid range that starts at or beyond the end is `.unsatisfiable` (416).
public enum ByteRange: Sendable, Equatable {
    /// No Range header, or one that is ignored: send the whole body with 200.
    case full
    /// Send `count` bytes starting at `offset` with 206.
    case partial(offset: UInt64, count: UInt64)
    /// Send 416 with "Content-Range: bytes */size".
    case unsatisfiable

    /// Evaluates a Range header against a resource of `resourceSize` bytes.
    public static func evaluate(header: String?, resourceSize: UInt64) -> ByteRange {
        guard let header else { return .full }
        let trimmed = header.trimmingOWS()
        guard let equals = trimmed.firstIndex(of: "="),
              String(trimmed[..<equals]).trimmingOWS().asciiLowercased == "bytes"
        else { return .full }
        let spec = String(trimmed[trimmed.index(after: equals)...]).trimmingOWS()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .full }
        let first = String(spec[..<dash]).trimmingOWS()
        let last = String(spec[spec.index(after: dash)...]).trimmingOWS()

        if first.isEmpty {
            // Suffix range: the last N bytes.
            guard let suffix = digits(last) else { return .full }
            guard suffix > 0, resourceSize > 0 else { return .unsatisfiable }
            let count = min(suffix, resourceSize)
            return .partial(offset: resourceSize - count, count: count)
        }
        guard let start = digits(first) else { return .full }
        var end: UInt64? = nil
        if !last.isEmpty {
            guard let value = digits(last), value >= start else { return .full }
            end = value
        }
        guard start < resourceSize else { return .unsatisfiable }
        let inclusiveEnd = min(end ?? (resourceSize - 1), resourceSize - 1)
        return .partial(offset: start, count: inclusiveEnd - start + 1)
    }

    /// ASCII digits only (no sign, no spaces), nil on overflow.
    private static func digits(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(text)
    }
}
