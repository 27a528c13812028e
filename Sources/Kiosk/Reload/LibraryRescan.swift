import Foundation

/// A full pass over the books at once, for a reload (SIGHUP): unlike the watcher's polling, it
/// doesn't wait for a new file's size to settle (the operator says the copy is done), and it
/// tries again the files that failed before (a fixed permission, a file replaced in place).
struct LibraryRescan: Sendable {
    let loader: BookLoader
    /// The watched folder, if any.
    let directory: String?
    /// Files given one by one (command line), as absolute paths.
    let files: [String]

    /// What changed.
    struct Outcome: Sendable, Equatable {
        var loaded: [String] = []
        var removed: [String] = []
        var failed: [String] = []
        var unchanged = 0
    }

    func run() -> Outcome {
        let library = loader.library
        var outcome = Outcome()
        var present = files
        if let directory {
            present += LibraryWatcher.zimFiles(in: directory)
            let presentSet = Set(present)
            for path in library.knownPaths where path.hasPrefix(directory) && !presentSet.contains(path) {
                if library.remove(path: path) != nil { outcome.removed.append(path) }
            }
        }
        var toLoad: [String] = []
        for path in Set(present).sorted() {
            if let book = library.book(atPath: path), book.fingerprint == FileFingerprint.of(path) {
                outcome.unchanged += 1
            } else {
                toLoad.append(path)
            }
        }
        loader.load(toLoad)
        for path in toLoad {
            if library.book(atPath: path) != nil {
                outcome.loaded.append(path)
            } else {
                outcome.failed.append(path)
            }
        }
        return outcome
    }
}
