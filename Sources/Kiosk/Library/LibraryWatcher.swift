import Foundation
import Synchronization
import ZimKit

/// Keeps a `Library` in step with its files: a ZIM copied into the folder (from a USB stick,
/// say) is served once its size stops changing; a removed one disappears; a file that changes
/// while served — a new edition copied over the same name, `rsync --inplace`, a truncation — is
/// retired at once and served again when it has stopped changing and checks out. Files given
/// one by one (`files`) are watched the same way.
///
/// Polls rather than using inotify: it also works on the FAT/exFAT sticks and network folders
/// inotify misses, and a scan of a folder of ZIMs costs microseconds.
public final class LibraryWatcher: Sendable {
    /// The library folder, or nil when only `files` are served.
    public let directory: String?
    /// Files served by name, outside the folder.
    public let files: [String]
    public let interval: TimeInterval
    private let loader: BookLoader
    /// Bumped by `stop()`: a polling thread exits when the generation it started with is gone.
    private let generation = Atomic<Int>(0)
    /// Files seen at the last scan that aren't loaded yet, with the fingerprint seen then.
    private let pending: Mutex<[String: FileFingerprint]> = Mutex([:])

    public init(directory: String?, files: [String] = [], interval: TimeInterval = 2, loader: BookLoader) {
        self.directory = directory
        self.files = files
        self.interval = interval
        self.loader = loader
    }

    /// Loads every ZIM in the folder now (files present at start are taken as complete).
    public func loadInitialContents() {
        if let directory { loader.load(Self.zimFiles(in: directory)) }
    }

    /// Starts polling on a background thread.
    public func start() {
        let mine = generation.add(1, ordering: .sequentiallyConsistent).newValue
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: self?.interval ?? 1)
                guard let self, self.generation.load(ordering: .sequentiallyConsistent) == mine else { return }
                self.scan()
            }
        }
        thread.name = "wikikiosk.library-watcher"
        thread.start()
    }

    /// Stops polling (the thread ends at its next wake-up).
    public func stop() {
        generation.add(1, ordering: .sequentiallyConsistent)
    }

    /// One pass: retire changed files, load stable new or changed files, drop removed ones.
    /// Public for tests.
    public func scan() {
        let library = loader.library
        let present = (directory.map(Self.zimFiles(in:)) ?? []) + files.filter { FileManager.default.fileExists(atPath: $0) }
        let presentSet = Set(present)
        for path in library.knownPaths where watches(path) && !presentSet.contains(path) {
            if let book = library.remove(path: path) {
                loader.log.info("\(path) was removed: no longer serving \(book.name)")
            }
        }
        var toLoad: [String] = []
        pending.withLock { pending in
            pending = pending.filter { presentSet.contains($0.key) }
            for path in present {
                guard let now = FileFingerprint.of(path) else { continue }
                if let book = library.book(atPath: path) {
                    if book.fingerprint == now { continue }
                    // Changed under the server: reading on could return another edition's bytes
                    // or fault past its new end. Off at once; back when stable and checked.
                    if library.remove(path: path) != nil {
                        let fenced = FileFence.fencedPages
                        loader.log.warning("\(path) changed while served: \(book.name) is off until the file stops "
                                           + "changing and checks out again"
                                           + (fenced > 0 ? " (pages read past the end of changed files so far: \(fenced))" : ""))
                    }
                }
                if let failure = library.failure(atPath: path), failure.fingerprint == now { continue }
                if pending[path] == now {
                    pending.removeValue(forKey: path)
                    toLoad.append(path)
                } else {
                    pending[path] = now  // still being copied, or just appeared: wait one more interval
                }
            }
        }
        if !toLoad.isEmpty { loader.load(toLoad) }
    }

    /// Whether `path` is one of the watched files (in the folder, or given by name).
    private func watches(_ path: String) -> Bool {
        if let directory, path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/") { return true }
        return files.contains(path)
    }

    /// Every `.zim` file below `directory`, sorted, following no hidden folders.
    public static func zimFiles(in directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [String] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "zim" {
            found.append(url.standardizedFileURL.path)
        }
        return found.sorted()
    }
}
