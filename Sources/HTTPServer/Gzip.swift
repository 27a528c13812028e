import CZlib

/// gzip (RFC 1952) compression with zlib, for compressible response bodies.
public enum Gzip {
    /// Compresses `count` bytes at `pointer` into a complete gzip member. `level` is clamped to
    /// zlib's -1 (default) … 9. zlib only fails here when out of memory, which traps.
    public static func compress(_ pointer: UnsafeRawPointer, count: Int, level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        let status = czlib_deflate_init_gzip(&stream, min(max(level, -1), 9))
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status)): out of memory")
        defer { deflateEnd(&stream) }

        // Deflate into a scratch buffer of deflateBound bytes (enough for one pass), then return an
        // exact-size copy: an array reserved at the bound kept the input's size in capacity, so a
        // cache of gzip bodies (which counts `count`) held about three times what it counted.
        let bound = Int(deflateBound(&stream, uLong(max(count, 0))))
        let scratch = UnsafeMutablePointer<Bytef>.allocate(capacity: bound)
        defer { scratch.deallocate() }
        stream.next_out = scratch
        // next_in is not const in zlib's API (without ZLIB_CONST), but deflate never writes to it.
        var input = UnsafeMutablePointer(mutating: pointer.assumingMemoryBound(to: Bytef.self))
        var remaining = max(count, 0)
        var finished = false
        while !finished {
            if stream.avail_in == 0 {
                // avail_in and avail_out are 32-bit: very large inputs go in slices.
                let slice = min(remaining, Int(UInt32.max))
                stream.next_in = input
                stream.avail_in = uInt(slice)
                input += slice
                remaining -= slice
            }
            stream.avail_out = uInt(min(bound - Int(stream.total_out), Int(UInt32.max)))
            let result = deflate(&stream, remaining == 0 ? Z_FINISH : Z_NO_FLUSH)
            precondition(result == Z_OK || result == Z_STREAM_END, "zlib deflate failed (\(result))")
            finished = result == Z_STREAM_END
        }
        return [UInt8](UnsafeBufferPointer(start: scratch, count: Int(stream.total_out)))
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
