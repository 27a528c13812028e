import ZimKit

/// The checks a ZIM file must pass before it is served; run in a child process
/// (`wikikiosk validate-batch`) because libzim may abort on some corrupt files.
public enum ArchiveCheck {
    /// nil when the file passed, else the reason in plain words.
    ///
    /// `thorough` adds the checks that read the whole file (checksum, cluster offsets):
    /// `wikikiosk check` uses them; the server does not, so a large ZIM still loads in seconds.
    public static func problem(with path: String, thorough: Bool) -> String? {
        var checks: Archive.IntegrityChecks = thorough ? .all : .structural
        if !ZimHeader.hasTitlePointerTable(path) {
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
