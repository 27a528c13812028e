import CZim

/// A directory entry of an archive, as a value: every field is read once, at lookup.
///
/// Operations that need the archive take the entry as an argument (`Archive.item(for:)`,
/// `Archive.redirectTarget(of:)`); pass an entry only to the archive it came from.
public struct Entry: Sendable, Hashable {
    /// The entry's path (`"Paris"` in new-scheme archives, `"A/Paris"` in old namespaced ones).
    public let path: String
    /// The entry's title (libzim falls back to the path when the title is empty).
    public let title: String
    /// `true` when the entry only points to another entry.
    public let isRedirect: Bool
    /// libzim's internal index of the entry in its archive (`zim::Entry::getIndex()`). It is not
    /// the `atPathIndex:` position: in new-scheme archives the user entries follow the metadata ones.
    public let index: UInt32

    /// An entry with these facts (tests).
    init(path: String, title: String, isRedirect: Bool, index: UInt32) {
        self.path = path
        self.title = title
        self.isRedirect = isRedirect
        self.index = index
    }

    /// Copies a `czim_entry_info` (the caller still clears it).
    init(_ info: czim_entry_info) {
        path = info.path.map { String(cString: $0) } ?? ""
        title = info.title.map { String(cString: $0) } ?? ""
        isRedirect = info.is_redirect
        index = info.index
    }
}
