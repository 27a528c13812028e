import CMicroHTTPD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a `Response` into an MHD response object, choosing the MHD constructor per body kind.
enum MHDResponseBuilder {
    struct Built {
        let pointer: OpaquePointer
        let status: Int
    }

    /// Headers MHD computes itself from the body; setting them would contradict it.
    private static let managedHeaders = ["Content-Length", "Transfer-Encoding"]

    /// nil only if MHD could not allocate the response (the connection is then closed).
    static func build(_ response: Response) -> Built? {
        var response = response
        let pointer: OpaquePointer?
        switch response.body {
        case .bytes(let bytes):
            pointer = bytes.withUnsafeBytes { buffer in
                MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                                .RESPMEM_MUST_COPY)
            }
        case .borrowed(let base, let count, let owner):
            // The owner stays retained until MHD calls the free callback (response destroyed,
            // i.e. after the last byte was sent or the connection closed).
            let retained = Unmanaged<AnyObject>.passRetained(owner)
            pointer = MHD_create_response_from_buffer_with_free_callback_cls(
                max(count, 0), UnsafeMutableRawPointer(mutating: base), mhdReleaseOwner, retained.toOpaque())
            if pointer == nil { retained.release() }
        case .file(let path, let offset, let count):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let missing = errno == ENOENT || errno == ENOTDIR
                return build(missing ? .plainError(404, "Not Found") : .plainError(500, "Internal Server Error"))
            }
            // A directory, a device or a region past the end would only fail mid-body (MHD then
            // aborts the connection after the headers went out): refuse it before sending anything.
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(descriptor)
                return build(.plainError(404, "Not Found"))
            }
            guard offset <= UInt64(info.st_size), count <= UInt64(info.st_size) - offset else {
                close(descriptor)
                return build(.plainError(500, "Internal Server Error"))
            }
            // MHD closes the descriptor when the response is destroyed.
            pointer = MHD_create_response_from_fd_at_offset64(count, descriptor, offset)
            if pointer == nil { close(descriptor) }
        case .stream(let count, let chunkSize, let read):
            let source = Unmanaged.passRetained(StreamSource(count: count, read: read))
            let blockSize = min(max(chunkSize, 1024), 1 << 20)
            pointer = MHD_create_response_from_callback(count, blockSize, mhdStreamRead, source.toOpaque(), mhdStreamFree)
            if pointer == nil { source.release() }
        }
        guard let pointer else { return nil }

        for (name, value) in response.headers
        where !managedHeaders.contains(where: { HTTPHeaders.same($0, name) }) {
            // MHD refuses names/values with CR, LF or NUL (header injection): such a field is dropped.
            _ = MHD_add_response_header(pointer, name, value)
        }
        response.body = .bytes([])
        return Built(pointer: pointer, status: response.status)
    }
}

/// The state of one `.stream` body, retained by MHD from creation to its free callback.
/// Reads happen on one MHD thread at a time for a given response.
final class StreamSource {
    let count: UInt64
    let read: @Sendable (UInt64, Int) -> [UInt8]?

    init(count: UInt64, read: @escaping @Sendable (UInt64, Int) -> [UInt8]?) {
        self.count = count
        self.read = read
    }

    /// Copies the next piece into MHD's buffer. Returns the byte count, or END_OF_STREAM /
    /// END_WITH_ERROR (the latter aborts the connection: the client sees a short body).
    func read(at position: UInt64, into buffer: UnsafeMutableRawPointer, maxCount: Int) -> Int {
        guard position < count else { return MHD_CONTENT_READER_END_OF_STREAM }
        let wanted = Int(min(UInt64(maxCount), count - position))
        guard wanted > 0, let bytes = read(position, wanted), !bytes.isEmpty else {
            return MHD_CONTENT_READER_END_WITH_ERROR
        }
        let produced = min(bytes.count, wanted)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: produced) }
        return produced
    }
}
