import CZim

extension Archive {
    /// Runs a CZim lookup that fills a `czim_entry_info`, and copies the result out.
    private func lookUp(
        _ call: (UnsafeMutablePointer<czim_entry_info>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> czim_code
    ) throws(ZimError) -> Entry {
        var info = czim_entry_info()
        try czimCall { message in withUnsafeMutablePointer(to: &info) { call($0, message) } }
        defer { czim_entry_info_clear(&info) }
        return Entry(info)
    }

    /// The main page entry (often a redirect: use `item(for:)` to follow it). `.notFound` when none.
    public func mainEntry() throws(ZimError) -> Entry {
        try lookUp { czim_archive_main_entry(handle, $0, $1) }
    }

    /// The entry at `path`, or `.notFound`.
    ///
    /// As libzim does, old namespaced paths are accepted: in a new-scheme archive `"A/Foo"`,
    /// `"I/bar.png"` and `"C/Foo"` find `"Foo"` / `"bar.png"`; in an old-scheme archive a path
    /// without namespace is looked up in `A/`, `I/`, `J/` and `-/`.
    public func entry(path: String) throws(ZimError) -> Entry {
        if let known = entriesByPath.value(for: path) { return known }
        let entry = try lookUp { czim_archive_entry_by_path(handle, path, $0, $1) }
        entriesByPath.store(entry, for: path)
        return entry
    }

    /// The entry with exactly this title, or `.notFound`. libzim searches its title index, which in
    /// archives with a front-article listing (libzim ≥ 7 writers) holds the front articles only.
    public func entry(title: String) throws(ZimError) -> Entry {
        try lookUp { czim_archive_entry_by_title(handle, title, $0, $1) }
    }

    /// The `index`-th user entry in path order, for `index` in `0..<entryCount`; `.notFound` beyond.
    /// In old namespaced archives the "user entries" are every entry, `M/` metadata and `X/` indexes included.
    public func entry(atPathIndex index: UInt32) throws(ZimError) -> Entry {
        try lookUp { czim_archive_entry_by_path_index(handle, index, $0, $1) }
    }

    /// The `index`-th entry in title order; `.notFound` past the end. In archives with a
    /// front-article listing (libzim ≥ 7 writers) the title index holds the front articles only
    /// (`0..<articleCount`); in older archives, every entry (`0..<entryCount`).
    public func entry(atTitleIndex index: UInt32) throws(ZimError) -> Entry {
        try lookUp { czim_archive_entry_by_title_index(handle, index, $0, $1) }
    }

    /// Whether an entry exists at `path` (same path rules as `entry(path:)`).
    public func hasEntry(path: String) -> Bool {
        (try? entry(path: path)) != nil
    }

    /// A random front article (libzim `getRandomEntry`); `.notFound` when the archive has none.
    /// It may be a redirect added with the front-article hint: use `item(for:)` to follow it.
    public func randomEntry() throws(ZimError) -> Entry {
        try lookUp { czim_archive_random_entry(handle, $0, $1) }
    }

    /// The entry a redirect points to (one hop; the target may itself be a redirect).
    /// `.unknown` when `entry` is not a redirect.
    public func redirectTarget(of entry: Entry) throws(ZimError) -> Entry {
        try lookUp { czim_archive_redirect_target(handle, entry.index, $0, $1) }
    }
}
