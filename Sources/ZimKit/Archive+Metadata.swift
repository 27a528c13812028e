import CZim

extension Archive {
    /// The names of the metadata entries (`M/...`): `"Title"`, `"Language"`, `"Illustration_48x48@1"`...
    public var metadataKeys: [String] {
        var keys: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        var count = 0
        do throws(ZimError) {
            try czimCall { czim_archive_metadata_keys(handle, &keys, &count, $0) }
        } catch {
            return []
        }
        defer { czim_string_array_free(keys, count) }
        guard let keys else { return [] }
        return (0..<count).compactMap { keys[$0].map { String(cString: $0) } }
    }

    /// A metadata value as text (UTF-8, invalid bytes repaired), or `nil` when absent or unreadable.
    public func metadata(_ name: String) -> String? {
        metadataBlob(name)?.string
    }

    /// A metadata value's raw bytes (e.g. `"Illustration_48x48@1"`), or `nil` when absent or unreadable.
    public func metadataBlob(_ name: String) -> Blob? {
        var blob: OpaquePointer? = nil
        do throws(ZimError) {
            try czimCall { czim_archive_metadata(handle, name, &blob, $0) }
        } catch {
            return nil
        }
        return blob.map { Blob(handle: $0) }
    }

    /// The sizes (in pixels, square) of the illustrations the archive has, ascending.
    public var illustrationSizes: [UInt32] {
        var count = 0
        do throws(ZimError) {
            try czimCall { czim_archive_illustration_sizes(handle, nil, 0, &count, $0) }
            guard count > 0 else { return [] }
            var sizes = [UInt32](repeating: 0, count: count)
            var written = 0
            try czimCall { message in
                sizes.withUnsafeMutableBufferPointer {
                    czim_archive_illustration_sizes(handle, $0.baseAddress, $0.count, &written, message)
                }
            }
            return Array(sizes.prefix(min(written, count)))
        } catch {
            return []
        }
    }

    /// The PNG illustration of that size (48 is the usual favicon), or `nil` when absent.
    public func illustration(size: UInt32 = 48) -> Blob? {
        var blob: OpaquePointer? = nil
        do throws(ZimError) {
            try czimCall { czim_archive_illustration(handle, size, &blob, $0) }
        } catch {
            return nil
        }
        return blob.map { Blob(handle: $0) }
    }
}
