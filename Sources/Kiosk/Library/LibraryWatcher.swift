import Foundation
import Synchronization

/// Keeps a `Library` in step with a folder: a ZIM copied in (from a USB stick, say) is served
/// once its size stops changing; a removed one disappears; a replaced one is reloaded.
///
/// Polls rather than using inotify: it also works on the FAT/exFAT sticks and network folders
/// inotify misses, and a scan of a folder of ZIMs costs microseconds.
public final class LibraryWatcher: Sendable {
    public let directory: String
    public let interval: TimeInterval
    private let loader: BookLoader
    /// Bumped by `stop()`: a polling thread exits when the generation it started with is gone.
    private let generation = Atomic<Int>(0)
    /// Files seen at the last scan that aren't loaded yet, with the fingerprint seen then.
    private let pending: Mutex<[String: FileFingerprint]> = Mutex([:])

    public init(directory: String, interval: TimeInterval = 2, loader: BookLoader) {
        self.directory = directory
        self.interval = interval
        self.loader = loader
    }

    /// Loads every ZIM in the folder now (files present at start are taken as complete).
    public func loadInitialContents() {
        loader.load(Self.zimFiles(in: directory))
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

    /// One pass: load stable new or changed files, drop removed ones. Public for tests.
    public func scan() {
        let library = loader.library
        let present = Self.zimFiles(in: directory)
        let presentSet = Set(present)
        for path in library.knownPaths where path.hasPrefix(directory) && !presentSet.contains(path) {
            if let book = library.remove(path: path) {
                loader.log.info("\(path) was removed: no longer serving \(book.name)")
            }
        }
        var toLoad: [String] = []
        pending.withLock { pending in
            pending = pending.filter { presentSet.contains($0.key) }
            for path in present {
                guard let now = FileFingerprint.of(path) else { continue }
                if let book = library.book(atPath: path), book.fingerprint == now { continue }
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

    /// Every `.zim` file below `directory`, sorted, following no hidden folders.
    static func zimFiles(in directory: String) -> [String] {
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
