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

        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var result: [UInt8] = []
        result.reserveCapacity(Int(deflateBound(&stream, uLong(max(count, 0)))))
        // next_in is not const in zlib's API (without ZLIB_CONST), but deflate never writes to it.
        var input = UnsafeMutablePointer(mutating: pointer.assumingMemoryBound(to: Bytef.self))
        var remaining = max(count, 0)
        repeat {
            // avail_in is 32-bit: feed very large inputs in slices.
            let slice = min(remaining, Int(Int32.max))
            stream.next_in = input
            stream.avail_in = uInt(slice)
            input += slice
            remaining -= slice
            let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let result = deflate(&stream, flush)
                    precondition(result != Z_STREAM_ERROR, "zlib deflate: inconsistent stream state")
                    return chunkSize - Int(stream.avail_out)
                }
                result.append(contentsOf: chunk[0..<produced])
            } while stream.avail_out == 0
        } while remaining > 0
        return result
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
