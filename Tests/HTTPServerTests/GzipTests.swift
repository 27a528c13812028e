import CZlib
import Testing
import HTTPServer

@Suite struct GzipTests {
    /// Inflates a gzip member with zlib (windowBits 15 + 16 = gzip wrapper only).
    private func gunzip(_ data: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = data
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.avail_out)
                }
                output += chunk[0..<produced]
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? output : nil
    }

    @Test func roundTripText() {
        let text = Array(String(repeating: "Le chat est sur le tapis. ", count: 2000).utf8)
        let compressed = Gzip.compress(text)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(compressed.count < text.count / 10)
        #expect(gunzip(compressed) == text)
        // The array holds what it counts (a gzip cache budgets bodies by count), not the input's size.
        #expect(compressed.capacity < compressed.count + 64, "capacity \(compressed.capacity) for \(compressed.count)")
    }

    @Test func roundTripBinaryAndLarge() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(gunzip(Gzip.compress(random, level: 1)) == random)
        let pointerVersion = random.withUnsafeBytes { Gzip.compress($0.baseAddress!, count: $0.count, level: 9) }
        #expect(gunzip(pointerVersion) == random)
    }

    @Test func roundTripEmpty() {
        let compressed = Gzip.compress([])
        #expect(!compressed.isEmpty)
        #expect(gunzip(compressed) == [])
    }

    @Test(arguments: [
        ("text/html; charset=utf-8", true), ("TEXT/CSS", true), ("application/javascript", true),
        ("application/json", true), ("image/svg+xml", true), ("application/atom+xml", true),
        ("image/png", false), ("image/jpeg", false), ("application/octet-stream", false), ("video/webm", false),
    ])
    func compressibility(type: String, expected: Bool) {
        #expect(Gzip.isCompressible(mimeType: type) == expected)
    }
}
