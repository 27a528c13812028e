/// The URLs of libkiwix's `resources200Compressible` and `resources200Uncompressible`
/// (test/server.cpp) that name endpoints WikiKiosk shares with kiwix-serve: ZIM content, raw
/// entries and metadata, search, suggestions and the OPDS catalog v2. kiwix-serve's own skin,
/// viewer and `/nojs` pages are left out: the kiosk has its own pages there.
struct KiwixResource: CustomStringConvertible {
    enum Kind {
        /// Bytes of a ZIM: the same ETag from any server instance.
        case zimContent
        /// Made by the server (catalog feeds): an ETag, revalidated on each use.
        case dynamicContent
        /// Made per request and never stored (search, suggestions): no ETag (see README,
        /// "Where WikiKiosk answers differently").
        case uncached
    }

    let kind: Kind
    let url: String
    var description: String { url }

    static let compressible: [KiwixResource] = [
        .init(kind: .dynamicContent, url: "/catalog/v2/root.xml"),
        .init(kind: .dynamicContent, url: "/catalog/v2/entries"),
        .init(kind: .dynamicContent, url: "/catalog/v2/partial_entries"),
        .init(kind: .uncached, url: "/search?content=zimfile&pattern=a"),
        .init(kind: .zimContent, url: "/content/zimfile/A/index"),
        .init(kind: .zimContent, url: "/content/zimfile/A/Ray_Charles"),
        .init(kind: .zimContent, url: "/raw/zimfile/content/A/index"),
        .init(kind: .zimContent, url: "/raw/zimfile/content/A/Ray_Charles"),
    ]

    static let uncompressible: [KiwixResource] = [
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Title"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Description"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Language"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Name"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Tags"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Date"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Creator"),
        .init(kind: .zimContent, url: "/raw/zimfile/meta/Publisher"),
        .init(kind: .dynamicContent, url: "/catalog/v2/searchdescription.xml"),
        .init(kind: .zimContent, url: "/catalog/v2/illustration/\(KiwixServer.rayCharlesID)?size=48"),
        .init(kind: .zimContent, url: "/content/zimfile/I/m/Ray_Charles_classic_piano_pose.jpg"),
        .init(kind: .zimContent, url: "/content/corner_cases%23%26/empty.html"),
        .init(kind: .zimContent, url: "/content/corner_cases%23%26/empty.css"),
        .init(kind: .zimContent, url: "/content/corner_cases%23%26/empty.js"),
        .init(kind: .uncached, url: "/suggest?content=zimfile"),
    ]

    /// Compressed or not by size: libkiwix compresses text from 32 bytes, WikiKiosk from 1.4 KB
    /// (one network packet; see README).
    static let eitherWay: [KiwixResource] = [
        .init(kind: .dynamicContent, url: "/catalog/v2/categories"),
        .init(kind: .dynamicContent, url: "/catalog/v2/languages"),
        .init(kind: .dynamicContent, url: "/catalog/v2/entry/\(KiwixServer.rayCharlesID)"),
        .init(kind: .uncached, url: "/suggest?content=zimfile&term=ray"),
    ]

    static var all: [KiwixResource] { compressible + uncompressible + eitherWay }
}
