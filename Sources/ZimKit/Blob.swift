import CZim

/// Bytes owned by libzim, without a copy: the underlying `zim::Blob` keeps its cluster alive for as
/// long as this object lives.
///
/// `@unchecked Sendable`: libzim documents `zim::Blob` as thread-safe (archive.h: "Archive, Entry,
/// Item and Blob are thread-safe"), and the bytes are immutable.
public final class Blob: @unchecked Sendable {
    private let handle: OpaquePointer

    /// The number of bytes.
    public let count: Int
    /// The first byte; valid while this `Blob` is alive. `nil` for an empty blob.
    public let baseAddress: UnsafeRawPointer?

    /// Takes ownership of a `czim_blob` handle.
    init(handle: OpaquePointer) {
        self.handle = handle
        self.count = Int(czim_blob_size(handle))
        self.baseAddress = count > 0 ? czim_blob_data(handle) : nil
    }

    deinit { czim_blob_free(handle) }

    /// Calls `body` with the bytes (no copy). Do not let the buffer escape.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: baseAddress, count: count))
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes decoded as UTF-8; invalid sequences are replaced with U+FFFD.
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}
