/// Values derived from headers, computed on demand (cheap; requests are short-lived).
extension Request {
    /// The Host header without port, lowercased ("wiki.lan"); IPv6 literals keep their brackets.
    public var host: String? {
        guard let value = headers["Host"]?.trimmingOWS(), !value.isEmpty else { return nil }
        let lowered = value.asciiLowercased
        if lowered.hasPrefix("[") {
            guard let close = lowered.firstIndex(of: "]") else { return lowered }
            return String(lowered[...close])
        }
        if let colon = lowered.firstIndex(of: ":") { return String(lowered[..<colon]) }
        return lowered
    }

    /// Whether Accept-Encoding allows gzip: "gzip" (or "x-gzip") with q > 0, or else "*" with q > 0.
    public var acceptsGzip: Bool {
        let values = headers.values("Accept-Encoding")
        if values.count == 1, !values[0].utf8.contains(UInt8(ascii: ";")) {
            // No q-values: gzip is accepted when listed (or "*" is). Tokens are case-insensitive.
            for token in values[0].utf8.split(separator: UInt8(ascii: ",")) {
                let trimmed = String(Substring(token)).trimmingOWS().asciiLowercased
                if trimmed == "gzip" || trimmed == "x-gzip" || trimmed == "*" { return true }
            }
            return false
        }
        let items = HeaderList.weighted(values)
        if let gzip = items.first(where: { $0.token == "gzip" || $0.token == "x-gzip" }) {
            return gzip.quality > 0
        }
        if let any = items.first(where: { $0.token == "*" }) { return any.quality > 0 }
        return false
    }

    /// Accept-Language tags ordered by q (stable for equal q), lowercased, without q=0 and "*":
    /// "fr-FR, en;q=0.5, fr;q=0.8" -> ["fr-fr", "fr", "en"].
    public var acceptLanguage: [String] {
        var seen = Set<String>()
        return HeaderList.weighted(headers.values("Accept-Language"))
            .enumerated()
            .filter { $0.element.quality > 0 && $0.element.token != "*" }
            .sorted { $0.element.quality != $1.element.quality ? $0.element.quality > $1.element.quality : $0.offset < $1.offset }
            .map(\.element.token)
            .filter { seen.insert($0).inserted }
    }

    /// If-None-Match entity tags as sent (quotes and "W/" kept); "*" allowed.
    public var ifNoneMatch: [String] {
        HeaderList.entityTags(headers.values("If-None-Match"))
    }

    /// The raw Range header, if any.
    public var range: String? { headers["Range"] }
}

/// Parsing of comma-separated header lists (RFC 9110 §5.6.1).
enum HeaderList {
    struct Weighted {
        var token: String
        var quality: Double
    }

    /// "gzip;q=0.8, br" -> [("gzip", 0.8), ("br", 1)]; tokens lowercased; a malformed q counts as 1.
    static func weighted(_ values: [String]) -> [Weighted] {
        values.flatMap { $0.split(separator: ",") }.compactMap { element in
            let parts = element.split(separator: ";")
            guard let first = parts.first else { return nil }
            let token = String(first).trimmingOWS().asciiLowercased
            guard !token.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, String(pair[0]).trimmingOWS().asciiLowercased == "q" else { continue }
                if let q = Double(String(pair[1]).trimmingOWS()), q >= 0, q <= 1 { quality = q }
            }
            return Weighted(token: token, quality: quality)
        }
    }

    /// Entity tags from If-None-Match / If-Match values. Tags may contain commas inside quotes.
    static func entityTags(_ values: [String]) -> [String] {
        var tags: [String] = []
        for value in values {
            let chars = Array(value)
            var index = 0
            while index < chars.count {
                let c = chars[index]
                if c == "," || c == " " || c == "\t" { index += 1; continue }
                let start = index
                if c == "W", index + 1 < chars.count, chars[index + 1] == "/" { index += 2 }
                if index < chars.count, chars[index] == "\"" {
                    index += 1
                    while index < chars.count, chars[index] != "\"" { index += 1 }
                    index = min(index + 1, chars.count)
                } else {
                    while index < chars.count, chars[index] != "," { index += 1 }
                }
                let tag = String(chars[start..<index]).trimmingOWS()
                if !tag.isEmpty { tags.append(tag) }
            }
        }
        return tags
    }
}

extension StringProtocol {
    /// Trims optional whitespace (spaces and tabs) at both ends.
    func trimmingOWS() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isOWS($0) }),
              let last = lastIndex(where: { !isOWS($0) })
        else { return "" }
        return String(self[first...last])
    }
}
