import Foundation
import Synchronization
import ZimKit

/// The ZIM files on the USB sticks mounted below one folder (`[library] usb`,
/// `/media/wikikiosk/<device>` on an installed kiosk).
///
/// Each file is opened once per size and date: first through the validator's quick checks (in a
/// child process on the server: a corrupt file must not take the kiosk down), then here to
/// read its title, language and date. Later listings come from memory.
public final class USBDrives: Sendable {
    private let validator: any ArchiveValidating
    private let known = Mutex<[String: (FileFingerprint, StickBook)]>([:])
    /// Folders deeper than this below the USB folder are not searched (mount point, then
    /// two levels of the stick's own folders).
    static let maximumDepth = 4
    /// A stick with a whole disk of small files is not walked beyond this many entries.
    static let maximumEntries = 20_000

    public init(validator: any ArchiveValidating) {
        self.validator = validator
    }

    /// The ZIM files below `root`, by path; empty when nothing is mounted there.
    public func books(in root: String) -> [StickBook] {
        let paths = Self.zimFiles(below: root)
        var found: [String: StickBook] = [:]
        var unknown: [(String, FileFingerprint)] = []
        known.withLock { known in
            for path in paths {
                guard let fingerprint = FileFingerprint.of(path) else { continue }
                if let (seen, book) = known[path], seen == fingerprint {
                    found[path] = book
                } else {
                    unknown.append((path, fingerprint))
                }
            }
            let present = Set(paths)
            known = known.filter { present.contains($0.key) }
        }
        if !unknown.isEmpty {
            let problems = validator.quickProblems(with: unknown.map(\.0))
            for ((path, fingerprint), problem) in zip(unknown, problems) {
                let book = Self.describe(path, size: fingerprint.size, problem: problem)
                found[path] = book
                known.withLock { $0[path] = (fingerprint, book) }
            }
        }
        return paths.compactMap { found[$0] }
    }

    /// Reads a checked file's metadata; a file that failed the checks keeps its name and problem.
    static func describe(_ path: String, size: UInt64, problem: String?) -> StickBook {
        let fileName = (path as NSString).lastPathComponent
        let name = BookNaming.name(forFile: path)
        func unusable(_ reason: String) -> StickBook {
            StickBook(path: path, fileName: fileName, size: size, name: name, title: name, language: "", date: "",
                      id: "", problem: reason)
        }
        if let problem { return unusable(problem) }
        let archive: Archive
        do {
            archive = try Archive(path: path)
        } catch {
            return unusable(error.message)
        }
        return StickBook(path: path, fileName: fileName, size: size, name: name,
                         title: archive.metadata("Title").flatMap { $0.isEmpty ? nil : $0 } ?? name,
                         language: archive.metadata("Language") ?? "", date: archive.metadata("Date") ?? "",
                         id: archive.uuid, problem: nil)
    }

    /// Every `.zim` file below `root` (not in hidden folders, at most `maximumDepth` deep), sorted.
    static func zimFiles(below root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles, .skipsPackageDescendants]) else { return [] }
        var found: [String] = []
        var visited = 0
        for case let url as URL in walker {
            visited += 1
            if visited > maximumEntries { break }
            if walker.level >= maximumDepth { walker.skipDescendants() }
            guard url.pathExtension.lowercased() == "zim",
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.append(url.standardizedFileURL.path)
        }
        return found.sorted()
    }
}
