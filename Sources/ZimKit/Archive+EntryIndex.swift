import CZim

extension Archive {
    /// The entry with libzim's internal index `index` (as in `Entry.index` and
    /// `SearchResult.entryIndex`); `.notFound` when out of range.
    public func entry(atIndex index: UInt32) throws(ZimError) -> Entry {
        var info = czim_entry_info()
        try czimCall { czim_archive_entry_at_index(handle, index, &info, $0) }
        defer { czim_entry_info_clear(&info) }
        return Entry(info)
    }
}
