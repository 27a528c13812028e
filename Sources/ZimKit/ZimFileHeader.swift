import CZim

/// The header of a ZIM file, read without opening the archive (`czim_read_header`, the one
/// parser of it): how many entries the file announces and whether it has the old title table.
public struct ZimFileHeader: Sendable, Equatable {
    public let majorVersion: UInt16
    public let minorVersion: UInt16
    /// Entries (dirents) the header announces: what a full integrity check costs grows with it.
    public let entryCount: UInt32
    public let clusterCount: UInt32
    /// False when `titlePtrPos` is all ones (libzim 9 files have no old-style title table).
    public let hasTitlePointerTable: Bool

    /// The header of the file at `path`, or nil when it can't be read or isn't a ZIM file.
    public static func read(_ path: String) -> ZimFileHeader? {
        var raw = czim_header()
        guard czim_read_header(path, &raw) else { return nil }
        return ZimFileHeader(majorVersion: raw.major_version, minorVersion: raw.minor_version,
                             entryCount: raw.entry_count, clusterCount: raw.cluster_count,
                             hasTitlePointerTable: raw.title_pointer_position != UInt64.max)
    }
}
