import Foundation

/// Updates when the kiosk has Internet: ask the Kiwix catalogue (`[library] updates`) for
/// newer editions of the books in the books folder, then download one in the background with
/// curl (resuming after cuts), check it against the catalogue's SHA-256 and the ZIM's own
/// checksum, and replace the old edition as a copy from a stick does.
extension BookShelf {
    /// The last search for updates.
    public struct UpdateCheck: Sendable {
        public struct Found: Sendable, Equatable {
            public let bookName: String
            public let bookTitle: String
            public let bookDate: String
            public let edition: RemoteEdition
        }

        public var running = false
        public var checked: Date?
        public var found: [Found] = []
        public var problem: ShelfError?
    }

    /// The catalogue's address, nil when updates are off.
    public var updateCatalog: String? { settings.current.updateCatalog }

    /// Starts a search for newer editions in the background (nothing when one runs).
    public func checkForUpdates() throws(ShelfError) {
        guard let catalog = updateCatalog, let curl else { throw .updatesUnavailable }
        let start = updates.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            return true
        }
        guard start else { return }
        let books = loader.library.books.filter { removable($0.name) != nil }
        queue.async {
            let result: Result<[UpdateCheck.Found], ShelfError>
            do throws(ShelfError) {
                result = .success(try UpdateFinder(catalog: catalog, curl: curl).newerEditions(of: books))
            } catch {
                result = .failure(error)
            }
            self.updates.withLock { state in
                state.running = false
                state.checked = Date()
                switch result {
                case .success(let found):
                    state.found = found
                    state.problem = nil
                case .failure(let problem):
                    state.problem = problem
                }
            }
        }
    }

    /// The newer edition found for the book named `name` is downloaded and replaces it.
    @discardableResult
    public func update(bookNamed name: String) throws(ShelfError) -> Int {
        guard let curl else { throw .updatesUnavailable }
        guard isWritable else { throw .libraryReadOnly(folder: libraryDirectory) }
        guard let old = removable(name),
              let found = updateState.found.first(where: { $0.bookName == name }) else { throw .notRemovable(book: name) }
        let edition = found.edition
        let busy = activity.contains { $0.isActive && $0.fileName == edition.fileName }
        let target = libraryDirectory + "/" + edition.fileName
        if busy || (FileManager.default.fileExists(atPath: target) && old.path != target) {
            throw .nameTaken(fileName: edition.fileName)
        }
        guard fits(edition.size) else { throw .doesNotFit(needed: edition.size + Self.reserve, free: free ?? 0) }
        loader.log.info("staff area: downloading \(edition.url) to replace \(old.path)")
        return enqueue(title: edition.title, fileName: edition.fileName, size: edition.size,
                       kind: .replace(path: old.path, title: old.title), replacing: old, sha256: edition.sha256) { temporary, progress throws(ShelfError) in
            try WebDownload.fetch(edition, to: temporary, curl: curl, pause: self.retryPause, progress: progress)
        }
    }

    /// The last search for updates (and whether one runs).
    public var updateState: UpdateCheck { updates.withLock { $0 } }
}
