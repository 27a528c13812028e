import Synchronization

/// The books being served, looked up by name or id from any request thread.
///
/// A book is named after its file (`wikipedia_fr_all_maxi_2024-01`); the newest edition of a
/// dated name is also found under its name without the date (`wikipedia_fr_all_maxi`), unless
/// a book has that name itself — so what was written with the stable name (a printed sign, a
/// featured article, a bookmark) opens the newest edition, before and after one replaces another.
///
/// Books come and go while serving (the folder watcher); a request that already holds
/// a `Book` keeps its archive open until it is done, even when the book was removed.
public final class Library: Sendable {
    private struct State {
        var byName: [String: Book] = [:]
        var byPath: [String: Book] = [:]
        var byID: [String: Book] = [:]
        var failures: [String: LoadFailure] = [:]
        /// Undated name → the newest edition that has it (`newestEdition`), set in the same
        /// critical section as the change that moves it.
        var aliases: [String: Book] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The book with this URL name, or the newest edition known by this undated name.
    public func book(named name: String) -> Book? {
        state.withLock { $0.byName[name] ?? $0.aliases[name] }
    }

    /// The name to link `book` by: its undated name when it is the newest edition under it
    /// (and no book has that name itself), else its own.
    public func stableName(of book: Book) -> String {
        guard let stable = book.undatedName else { return book.name }
        return state.withLock { $0.byName[stable] == nil && $0.aliases[stable] === book } ? stable : book.name
    }

    /// The newest of `books` named `undated` once dated: by `Date` metadata, then name (a
    /// later date suffix sorts later). Reads only its arguments (books' names and dates never
    /// change), so each caller's state stays inside its lock's closure.
    static func newestEdition(of undated: String, in books: Dictionary<String, Book>.Values) -> Book? {
        books.filter { $0.undatedName == undated }.max { ($0.date, $0.name) < ($1.date, $1.name) }
    }

    /// The book with this id (UUID, with or without dashes).
    public func book(id: String) -> Book? {
        let key = id.replacingOccurrences(of: "-", with: "").lowercased()
        return state.withLock { $0.byID[key] }
    }

    /// The book with this name, or else this id: catalog URLs accept both.
    public func book(nameOrID: String) -> Book? {
        book(named: nameOrID) ?? book(id: nameOrID)
    }

    /// The book loaded from `path`.
    public func book(atPath path: String) -> Book? {
        state.withLock { $0.byPath[path] }
    }

    /// Every book, by title.
    public var books: [Book] {
        state.withLock { Array($0.byName.values) }.sorted {
            $0.title.localizedStandardCompare($1.title) == .orderedAscending
        }
    }

    /// Files that failed to load, by path.
    public var failures: [LoadFailure] {
        state.withLock { Array($0.failures.values) }.sorted { $0.path < $1.path }
    }

    /// The failure recorded for `path`, if any.
    public func failure(atPath path: String) -> LoadFailure? {
        state.withLock { $0.failures[path] }
    }

    /// Adds a book, replacing one from the same file. When another file already uses the
    /// name, the new book gets the first free `name_2`, `name_3`… Returns the name given.
    @discardableResult
    public func add(_ make: (String) -> Book, preferredName: String, path: String) -> Book {
        state.withLock { state in
            let old = state.byPath.removeValue(forKey: path)
            if let old {
                state.byName.removeValue(forKey: old.name)
                state.byID.removeValue(forKey: old.id)
            }
            var name = preferredName
            var suffix = 2
            while state.byName[name] != nil {
                name = "\(preferredName)_\(suffix)"
                suffix += 1
            }
            let book = make(name)
            state.byName[name] = book
            state.byPath[path] = book
            state.byID[book.id] = book
            state.failures.removeValue(forKey: path)
            for stable in Set([old?.undatedName, book.undatedName].compactMap { $0 }) {
                state.aliases[stable] = Self.newestEdition(of: stable, in: state.byName.values)
            }
            return book
        }
    }

    /// Removes the book loaded from `path` (and any failure recorded for it).
    @discardableResult
    public func remove(path: String) -> Book? {
        state.withLock { state in
            state.failures.removeValue(forKey: path)
            guard let book = state.byPath.removeValue(forKey: path) else { return nil }
            state.byName.removeValue(forKey: book.name)
            if state.byID[book.id] === book { state.byID.removeValue(forKey: book.id) }
            if let stable = book.undatedName {
                state.aliases[stable] = Self.newestEdition(of: stable, in: state.byName.values)
            }
            return book
        }
    }

    /// Records why `failure.path` can't be served (replacing a book from that path).
    public func recordFailure(_ failure: LoadFailure) {
        state.withLock { state in
            if let book = state.byPath.removeValue(forKey: failure.path) {
                state.byName.removeValue(forKey: book.name)
                state.byID.removeValue(forKey: book.id)
                if let stable = book.undatedName {
                    state.aliases[stable] = Self.newestEdition(of: stable, in: state.byName.values)
                }
            }
            state.failures[failure.path] = failure
        }
    }

    /// Paths of every book and failure: what the watcher compares the folder against.
    var knownPaths: Set<String> {
        state.withLock { Set($0.byPath.keys).union($0.failures.keys) }
    }
}
