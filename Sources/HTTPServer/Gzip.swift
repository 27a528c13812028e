import CDeflate

/// gzip (RFC 1952) compression with libdeflate, for compressible response bodies.
public enum Gzip {
    /// Compresses `count` bytes at `pointer` into a complete gzip member. `level` is clamped to
    /// libdeflate's 1 … 12 (zlib's "default", -1, is 6). libdeflate only fails here when out of
    /// memory (the buffer is its own bound), which traps.
    public static func compress(_ pointer: UnsafeRawPointer, count: Int, level: Int32 = 6) -> [UInt8] {
        let size = max(count, 0)
        let bound = cdeflate_gzip_bound(size)
        // Compressed into a scratch buffer of the bound, then copied at its exact size: an array
        // reserved at the bound kept the input's size in capacity, so a cache of gzip bodies
        // (which counts `count`) held about three times what it counted.
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: bound, alignment: 1)
        defer { scratch.deallocate() }
        let written = cdeflate_gzip(level < 0 ? 6 : Int32(min(max(level, 1), 12)), pointer, size, scratch, bound)
        precondition(written > 0, "libdeflate could not compress \(size) bytes: out of memory")
        return [UInt8](UnsafeRawBufferPointer(start: scratch, count: written))
    }

    /// Compresses `bytes` into a complete gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else {
                var empty: UInt8 = 0
                return compress(&empty, count: 0, level: level)
            }
            return compress(base, count: buffer.count, level: level)
        }
    }

    /// Whether a body of this type is worth compressing: text/*, HTML, CSS, JavaScript, JSON,
    /// XML (and +xml / +json types), SVG. Parameters (";charset=…") and case are ignored.
    public static func isCompressible(mimeType: String) -> Bool {
        if mimeType.utf8.starts(with: "text/".utf8) { return true }  // the usual case, without copies
        let essence = (mimeType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "")
            .trimmingOWS().asciiLowercased
        if essence.hasPrefix("text/") { return true }
        if essence.hasSuffix("+xml") || essence.hasSuffix("+json") { return true }
        return [
            "application/javascript", "application/x-javascript", "application/ecmascript",
            "application/json", "application/xml", "application/xhtml+xml", "image/svg+xml",
            "application/manifest+json", "application/wasm",
        ].contains(essence)
    }
}
