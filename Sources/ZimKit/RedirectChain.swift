/// Where an entry's chain of redirects ends: the one place redirects are followed, with a hop
/// limit, so a broken book's loop (`A` → `B` → `A`) is found rather than followed forever or
/// answered with a 302 that loops in the visitor's browser.
public enum RedirectChain: Sendable, Equatable {
    /// The entry the chain ends on (not a redirect); the entry itself when it is not one.
    case target(Entry)
    /// The chain comes back to an entry already seen, or is longer than the hop limit.
    case loop
    /// A redirect points to an entry that can't be read.
    case broken
}

extension Archive {
    /// Redirect chains longer than this are treated as loops (libzim's own item lookup gives
    /// up after 50; real books use one hop, rarely two).
    public static let redirectHopLimit = 16

    /// Follows `entry`'s redirects to their end.
    public func followRedirects(from entry: Entry, hopLimit: Int = Archive.redirectHopLimit) -> RedirectChain {
        var current = entry
        var seen: Set<UInt32> = [entry.index]
        while current.isRedirect {
            guard let next = try? redirectTarget(of: current) else { return .broken }
            guard seen.insert(next.index).inserted, seen.count <= hopLimit + 1 else { return .loop }
            current = next
        }
        return .target(current)
    }
}
