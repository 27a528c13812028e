/// An edition of a book offered by a Kiwix catalogue (OPDS), newer than the one the kiosk has.
public struct RemoteEdition: Sendable, Equatable {
    /// The catalogue's `<name>` (`wikipedia_fr_all_nopic`): the book's name without the date.
    public let name: String
    public let title: String
    /// `YYYY-MM-DD`, from `<dc:issued>` (else `<updated>`).
    public let date: String
    /// Where the ZIM file is (after following a `.meta4` metalink to its first mirror).
    public let url: String
    public let size: UInt64
    /// The file's SHA-256 in hex, when the catalogue gives one (Kiwix's metalinks do).
    public let sha256: String?
    /// The file name to save it under (the URL's last segment).
    public var fileName: String {
        let last = url.split(separator: "/").last.map(String.init) ?? name + ".zim"
        let clean = last.split(separator: "?").first.map(String.init) ?? last
        return clean.hasSuffix(".zim") ? clean : name + "_" + date.prefix(7) + ".zim"
    }
}
