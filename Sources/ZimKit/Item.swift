import CZim

/// The content of an entry: its facts only, no bytes until `Archive.data(of:)` is called.
public struct Item: Sendable {
    /// The path of the entry that holds the content (the redirect's target when one was followed).
    public let path: String
    /// The title of that entry.
    public let title: String
    /// The MIME type stored in the archive, e.g. `"text/html"`.
    public let mimeType: String
    /// The size of the content in bytes.
    public let size: UInt64
    /// For content stored uncompressed: the file and byte offset where the bytes lie, so they can be
    /// sent with `sendfile`. `nil` for compressed clusters. The path is the archive's path as given to
    /// `Archive(path:)` (relative if that was), or the part file of a split archive.
    public let directAccess: (path: String, offset: UInt64)?
    /// libzim's internal index of the entry that holds the content (see `Entry.index`).
    public let index: UInt32

    /// Copies a `czim_item_info` (the caller still clears it).
    init(_ info: czim_item_info) {
        path = info.path.map { String(cString: $0) } ?? ""
        title = info.title.map { String(cString: $0) } ?? ""
        mimeType = info.mime_type.map { String(cString: $0) } ?? ""
        size = info.size
        if info.has_direct_access, let file = info.direct_access_path {
            directAccess = (path: String(cString: file), offset: info.direct_access_offset)
        } else {
            directAccess = nil
        }
        index = info.index
    }
}
