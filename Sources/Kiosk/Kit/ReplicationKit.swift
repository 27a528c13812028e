import Foundation

/// The replication kit: one `.tar.gz` a partner hands to the next one, to start a second kiosk
/// like this one. It holds what staff made — `wikikiosk.conf`, the language files, the sign
/// catalogue and template (with its logo) — the list of books (names, sizes, UUIDs, the ZIMs'
/// own MD5 checksums; not the files, which come from the Kiwix library or a stick), and a short
/// README in French and English. No usage data unless asked (`withStatistics`).
///
/// The archive is written and read with `tar` (GNU tar: it refuses members with `..` and strips
/// leading `/`); importing then reads only the files it knows, as regular files (no symlinks),
/// checks each one as the kiosk would load it, keeps a backup of what it replaces, and writes
/// each atomically.
public enum ReplicationKit {
    /// The folder inside the archive.
    static let folder = "wikikiosk-kit"
    /// The configuration files a kit carries, relative to the configuration folder.
    static let fixedFiles = ["wikikiosk.conf", "signs.csv", "sign-template.ini"]

    /// Writes the kit of the configuration folder `config` (books listed from `books`) to `archive`.
    public static func export(config: String, books: [Book], to archive: String, statistics: String? = nil,
                              build: BuildInfo = .unknown) throws(KitError) {
        let staging = NSTemporaryDirectory() + "wikikiosk-kit-" + UUID().uuidString
        let root = staging + "/" + folder
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: root + "/locales", withIntermediateDirectories: true)
            for name in files(in: config) {
                let source = config + "/" + name
                guard FileManager.default.fileExists(atPath: source) else { continue }
                try FileManager.default.copyItem(atPath: source, toPath: root + "/" + name)
            }
            try BookList(books: books).tsv.write(toFile: root + "/books.tsv", atomically: true, encoding: .utf8)
            let settings = ConfigLoader(path: config, stateDirectory: nil).load().settings
            try KitReadme.text("fr", settings: settings, books: books, build: build).write(toFile: root + "/LISEZMOI.txt", atomically: true, encoding: .utf8)
            try KitReadme.text("en", settings: settings, books: books, build: build).write(toFile: root + "/README.txt", atomically: true, encoding: .utf8)
            if let statistics, FileManager.default.fileExists(atPath: statistics) {
                try FileManager.default.createDirectory(atPath: root + "/statistics", withIntermediateDirectories: true)
                try UsageDatabases.snapshot(statistics, to: root + "/statistics/usage.sqlite")
            }
        } catch let error as KitError {
            throw error
        } catch {
            throw .io("\(error.localizedDescription)")
        }
        try tar(["-czf", archive, "-C", staging, folder])
    }

    /// What `importKit` did.
    public struct Imported: Sendable {
        /// Files written, relative to the configuration folder.
        public var files: [String]
        /// Where the replaced files were kept.
        public var backup: String?
        /// Books the kit lists that this kiosk's library doesn't have (by name).
        public var missingBooks: [String]
    }

    /// Checks the kit at `archive` and applies it to the configuration folder `config`; nothing
    /// is changed when any file of the kit would not load.
    public static func importKit(_ archive: String, config: String, library: Library? = nil) throws(KitError) -> Imported {
        let staging = NSTemporaryDirectory() + "wikikiosk-kit-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do { try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true) } catch {
            throw .io(error.localizedDescription)
        }
        try tar(["-xzf", archive, "-C", staging, "--no-same-owner", "--no-same-permissions", folder])
        let root = staging + "/" + folder
        var contents: [String: [UInt8]] = [:]
        for name in files(in: root) {
            guard let bytes = try regularFile(root + "/" + name) else { continue }
            contents[name] = bytes
        }
        guard contents["wikikiosk.conf"] != nil else { throw .notAKit("no wikikiosk.conf in \(folder)/") }
        try check(contents, staged: root)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let backup = config + "/backup-" + stamp
        var backedUp = false
        do {
            for name in contents.keys.sorted() {
                let target = config + "/" + name
                if FileManager.default.fileExists(atPath: target) {
                    try FileManager.default.createDirectory(atPath: (backup + "/" + name as NSString).deletingLastPathComponent,
                                                            withIntermediateDirectories: true)
                    try FileManager.default.copyItem(atPath: target, toPath: backup + "/" + name)
                    backedUp = true
                }
            }
            for name in contents.keys.sorted() {
                let target = config + "/" + name
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(contents[name]!, to: target)
            }
        } catch {
            throw .io("\(error)")
        }
        let bookList = (try? regularFile(root + "/books.tsv")) ?? nil
        let listed = bookList.map { BookList.names(tsv: String(decoding: $0, as: UTF8.self)) } ?? []
        let missing = library.map { library in listed.filter { library.book(named: $0) == nil } } ?? listed
        return Imported(files: contents.keys.sorted(), backup: backedUp ? backup : nil, missingBooks: missing)
    }

    /// Each file as the kiosk would load it: the configuration without a problem, the catalogue
    /// and the language files parsed.
    private static func check(_ contents: [String: [UInt8]], staged root: String) throws(KitError) {
        let loaded = ConfigLoader(path: root, stateDirectory: nil).load()
        if let problem = loaded.problems.first { throw .invalid(problem.description) }
        if let signs = contents["signs.csv"] {
            let catalog = SignCatalog.parse(String(decoding: signs, as: UTF8.self), file: "signs.csv")
            if let problem = catalog.problems.first { throw .invalid(problem.description) }
        }
    }

    /// The configuration files a kit carries from `folder`: the fixed ones, the language files,
    /// the sign template's logo.
    private static func files(in folder: String) -> [String] {
        fixedFiles + localeFiles(in: folder) + (logo(folder).map { [$0] } ?? [])
    }

    /// `locales/<code>.ini` files in `folder`.
    private static func localeFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/locales")) ?? []
        return names.filter { $0.hasSuffix(".ini") && !$0.hasPrefix(".") && !$0.contains("/") }.sorted().map { "locales/" + $0 }
    }

    /// The sign template's logo, when it names one in the same folder.
    private static func logo(_ folder: String) -> String? {
        guard let text = try? String(contentsOfFile: folder + "/sign-template.ini", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "logo", !parts[1].isEmpty, !parts[1].contains("/"), !parts[1].hasPrefix(".") {
                return parts[1]
            }
        }
        return nil
    }

    /// The bytes of `path` when it is a regular file (not a link, a device, a folder), at most 16 MB.
    private static func regularFile(_ path: String) throws(KitError) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAKit("\((path as NSString).lastPathComponent) is not a plain file") }
        guard info.st_size <= 16 << 20 else { throw .notAKit("\((path as NSString).lastPathComponent) is too big") }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Array(data)
    }

    private static func tar(_ arguments: [String]) throws(KitError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/tar")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw .io("tar: \(error.localizedDescription)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .notAKit("tar: " + message.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}

/// Why a kit could not be made or applied.
public enum KitError: Error, Sendable, CustomStringConvertible {
    case notAKit(String)
    case invalid(String)
    case io(String)

    public var description: String {
        switch self {
        case .notAKit(let reason): "not a WikiKiosk kit: \(reason)"
        case .invalid(let reason): "the kit's configuration would not load: \(reason)"
        case .io(let reason): reason
        }
    }
}
