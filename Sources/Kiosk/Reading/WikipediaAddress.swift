import Foundation

/// An article's address on Wikipedia or on QRpedia, as printed on plaques and in books:
/// `http://fr.wikipedia.org/wiki/<Title>`, `http://fr.m.wikipedia.org/wiki/<Title>`,
/// `http://fr.qrwp.org/<Title>`. On the kiosk's hotspot every name resolves to the kiosk, so
/// these reach it (over HTTP; HTTPS cannot be answered without the sites' certificates).
struct WikipediaAddress: Sendable, Equatable {
    /// Which kind of address: counted apart in the statistics (`from=` on the article).
    enum Kind: String, Sendable {
        case wikipedia, qrpedia
    }

    let kind: Kind
    /// The wiki's language (`fr`).
    let language: String
    /// The article's title, underscores as spaces.
    let title: String

    /// From a request's host (lowercased, without port) and decoded path.
    init?(host: String, path: String) {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 3, LanguageCodes.isLanguageTag(labels[0]) else { return nil }
        let domain = labels.dropFirst().joined(separator: ".")
        let title: Substring
        switch domain {
        case "wikipedia.org", "m.wikipedia.org":
            guard path.hasPrefix("/wiki/") else { return nil }
            kind = .wikipedia
            title = path.dropFirst(6)
        case "qrwp.org":
            kind = .qrpedia
            title = path.dropFirst()
        default:
            return nil
        }
        let cleaned = title.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, !cleaned.contains("/") || kind == .wikipedia else { return nil }
        language = labels[0]
        self.title = cleaned
    }

    /// From an absolute address (`https://fr.wikipedia.org/wiki/R%C3%A9volution_fran%C3%A7aise#Causes`).
    init?(url: String) {
        guard let parts = Self.split(url) else { return nil }
        self.init(host: parts.host, path: parts.path)
    }

    /// The host (lowercased, without port) and the decoded path (no query or fragment) of an
    /// `http:` or `https:` address.
    static func split(_ url: String) -> (host: String, path: String)? {
        let lowered = url.prefix(8).lowercased()
        let rest: Substring
        if lowered.hasPrefix("http://") { rest = url.dropFirst(7) }
        else if lowered.hasPrefix("https://") { rest = url.dropFirst(8) }
        else { return nil }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd].split(separator: "@").last ?? ""
        let host = HostName.withoutPort(String(authority).lowercased())
        var path = rest[authorityEnd...]
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard !host.isEmpty else { return nil }
        return (host, String(path).removingPercentEncoding ?? String(path))
    }
}
