import ZimKit

/// The checks a ZIM file must pass before it is served; run in a child process
/// (`wikikiosk validate-batch`) because libzim may abort on some corrupt files.
public enum ArchiveCheck {
    /// How much of the file the checks read.
    public enum Depth: String, Sendable {
        /// Opening, the dirent and cluster pointer lists, the main page: reads a few bytes per
        /// entry, so it stays short on a Wikipedia of millions of entries. What the server runs
        /// before serving a file with many entries (`BookLoader.deferFullCheckAboveEntries`).
        case quick
        /// Every libzim integrity check but the checksum: also reads every dirent (order, title
        /// index, MIME types) -- seconds per million entries, minutes on a Pi.
        case structural
        /// Also the MD5 checksum of the whole file (`wikikiosk check`): minutes per gigabyte.
        case thorough
    }

    /// nil when the file passed, else the reason in plain words.
    ///
    /// `thorough` adds the checks that read the whole file (checksum, cluster offsets):
    /// `wikikiosk check` uses them; the server does not, so a large ZIM still loads in seconds.
    public static func problem(with path: String, thorough: Bool) -> String? {
        problem(with: path, depth: thorough ? .thorough : .structural)
    }

    /// nil when the file passed the checks of `depth`, else the reason in plain words.
    public static func problem(with path: String, depth: Depth) -> String? {
        var checks: Archive.IntegrityChecks
        switch depth {
        case .quick: checks = [.direntPointers, .clusterPointers]
        case .structural: checks = .structural
        case .thorough: checks = .all
        }
        if !(ZimFileHeader.read(path)?.hasTitlePointerTable ?? true) {
            // Newer ZIMs have no old-style title pointer table; libzim 8.1's TITLE_INDEX check
            // then fails on perfectly good files (spelling_correction_test.zim).
            checks.remove(.titleIndex)
        }
        if let problem = Archive.validate(path: path, checks: checks) {
            return problem
        }
        let archive: Archive
        do {
            archive = try Archive(path: path)
        } catch {
            return error.message
        }
        if archive.hasMainEntry {
            do {
                let main = try archive.mainEntry()
                _ = try archive.item(for: main, followRedirects: true)
            } catch {
                return "its main page can't be read: \(error.message)"
            }
        }
        return nil
    }
}
