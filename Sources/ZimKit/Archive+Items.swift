import CZim

extension Archive {
    /// The item (content facts) of `entry`. With `followRedirects` (the default) a redirect chain is
    /// followed to its end (libzim stops after 50 hops); without, a redirect gives `.unknown`.
    public func item(for entry: Entry, followRedirects: Bool = true) throws(ZimError) -> Item {
        let key = ItemLookup(entryIndex: entry.index, followRedirects: followRedirects)
        if let known = itemsByEntry.value(for: key) { return known }
        var info = czim_item_info()
        try czimCall { czim_archive_item(handle, entry.index, followRedirects, &info, $0) }
        defer { czim_item_info_clear(&info) }
        let item = Item(info)
        itemsByEntry.store(item, for: key)
        return item
    }

    /// The whole content of `item`, without a copy.
    public func data(of item: Item) throws(ZimError) -> Blob {
        var blob: OpaquePointer? = nil
        try czimCall { czim_archive_item_data(handle, item.index, &blob, $0) }
        guard let blob else { throw ZimError(code: .unknown, message: "no blob returned") }
        return Blob(handle: blob)
    }

    /// `count` bytes of `item` from `offset` (clamped to the item's end), e.g. to stream a big item
    /// or answer a Range request. An `offset` beyond the item's size gives `.unknown`.
    public func data(of item: Item, offset: UInt64, count: UInt64) throws(ZimError) -> Blob {
        var blob: OpaquePointer? = nil
        try czimCall { czim_archive_item_data_slice(handle, item.index, offset, count, &blob, $0) }
        guard let blob else { throw ZimError(code: .unknown, message: "no blob returned") }
        return Blob(handle: blob)
    }
}
