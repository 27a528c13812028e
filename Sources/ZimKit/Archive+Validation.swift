import CZim

extension Archive {
    /// The structural checks libzim 8.1 can run on a ZIM file (`zim::IntegrityCheck`).
    public struct IntegrityChecks: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// The MD5 checksum stored in the file matches its content: reads every byte (slow).
        public static let checksum = Self(rawValue: UInt32(CZIM_CHECK_CHECKSUM))
        /// Every dirent pointer lands inside the file.
        public static let direntPointers = Self(rawValue: UInt32(CZIM_CHECK_DIRENT_PTRS))
        /// The dirents are sorted by path (reads every dirent).
        public static let direntOrder = Self(rawValue: UInt32(CZIM_CHECK_DIRENT_ORDER))
        /// The title index points to valid dirents, sorted by title (reads every dirent).
        public static let titleIndex = Self(rawValue: UInt32(CZIM_CHECK_TITLE_INDEX))
        /// The cluster pointers lie inside the file and increase.
        public static let clusterPointers = Self(rawValue: UInt32(CZIM_CHECK_CLUSTER_PTRS))
        /// Every dirent's MIME type index refers to an entry of the MIME type list.
        public static let direntMimeTypes = Self(rawValue: UInt32(CZIM_CHECK_DIRENT_MIMETYPES))

        /// Everything but `.checksum`: what `validate(path:thorough: false)` runs.
        public static let structural: Self = [
            .direntPointers, .direntOrder, .titleIndex, .clusterPointers, .direntMimeTypes,
        ]
        /// Every check libzim 8.1 has: what `validate(path:thorough: true)` runs.
        public static let all: Self = [.checksum, .structural]
    }

    /// Structural validation of a ZIM file with libzim's integrity checks (`zim::IntegrityCheck`).
    ///
    /// - `thorough: false` runs every check except `CHECKSUM`: `DIRENT_PTRS`, `DIRENT_ORDER`,
    ///   `TITLE_INDEX`, `CLUSTER_PTRS`, `DIRENT_MIMETYPES` (libzim 8.1 has no `CLUSTERS_OFFSETS`;
    ///   that check arrived in libzim 9).
    /// - `thorough: true` also runs `CHECKSUM` (an MD5 of the whole file).
    ///
    /// Every selected check runs (checksum last) and each failure is named in the message, e.g.
    /// `"TITLE_INDEX failed: Title index is not properly sorted."`. A file libzim refuses to open
    /// gives `"not a valid ZIM file: ..."`.
    ///
    /// Returns `nil` when the file is valid, else a human message. Never throws. With libzim 8.1.1
    /// none of the 16 corrupt reference files aborts (libzim's internal assertions throw and are
    /// caught), but libzim also contains plain C `assert()`s: for untrusted files, a child process
    /// is still the safe place to run it.
    public static func validate(path: String, thorough: Bool) -> String? {
        validate(path: path, checks: thorough ? .all : .structural)
    }

    /// Runs the selected integrity checks, all of them, checksum last. Returns `nil` when they pass,
    /// else a message naming every failed check. Same caveat as above.
    public static func validate(path: String, checks: IntegrityChecks) -> String? {
        do throws(ZimError) {
            try czimCall { czim_validate(path, checks.rawValue, $0) }
            return nil
        } catch {
            return error.message
        }
    }
}
