import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the two documents a Kiwix catalogue answers with: an OPDS acquisition feed (each
/// `<entry>`'s name, title, date and acquisition link) and a Metalink 4 file (`.meta4`: the
/// file's size, SHA-256 and mirrors), as library.kiwix.org and download.kiwix.org serve them.
enum CatalogDocuments {
    struct Entry: Equatable {
        var name = ""
        var title = ""
        var date = ""
        var href = ""
        var length: UInt64?
    }

    struct Metalink: Equatable {
        var size: UInt64?
        var sha256: String?
        /// Mirrors by priority (lowest first), then in document order.
        var urls: [String] = []
    }

    /// The entries of an OPDS feed (relative links resolved against `base`).
    static func entries(_ data: Data, base: URL) -> [Entry] {
        let reader = FeedReader(base: base)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        _ = parser.parse()
        return reader.entries
    }

    static func metalink(_ data: Data) -> Metalink {
        let reader = MetalinkReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        var result = reader.result
        result.urls = reader.mirrors.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        return result
    }

    private final class FeedReader: NSObject, XMLParserDelegate {
        let base: URL
        var entries: [Entry] = []
        private var current: Entry?
        private var text = ""

        init(base: URL) { self.base = base }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            text = ""
            if element == "entry" { current = Entry() }
            guard current != nil, element == "link",
                  attributes["rel"] == "http://opds-spec.org/acquisition/open-access", let href = attributes["href"] else { return }
            current?.href = URL(string: href, relativeTo: base)?.absoluteString ?? href
            current?.length = attributes["length"].flatMap { UInt64($0) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch element {
            case "entry":
                if let entry = current { entries.append(entry) }
                current = nil
            case "name" where current != nil && current?.name.isEmpty == true && !value.isEmpty: current?.name = value
            case "title" where current != nil: current?.title = value
            case "dc:issued" where current != nil: current?.date = String(value.prefix(10))
            case "updated" where current != nil && current?.date.isEmpty == true: current?.date = String(value.prefix(10))
            default: break
            }
            text = ""
        }
    }

    private final class MetalinkReader: NSObject, XMLParserDelegate {
        var result = Metalink()
        var mirrors: [(Int, String)] = []
        private var text = ""
        private var hashType: String?
        private var priority = Int.max

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            text = ""
            if element == "hash" { hashType = attributes["type"] }
            if element == "url" { priority = attributes["priority"].flatMap { Int($0) } ?? Int.max }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch element {
            case "size": result.size = UInt64(value)
            case "hash" where hashType == "sha-256": result.sha256 = value.lowercased()
            case "url" where value.hasPrefix("http://") || value.hasPrefix("https://"): mirrors.append((priority, value))
            default: break
            }
            text = ""
        }
    }
}
