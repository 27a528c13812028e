import HTTPServer
import ZimKit

/// How a visitor arrived on an article (the `PageViews` step records the view).
enum ArticleArrival {
    /// From the Referer: the search page → `.search`, a sign's short link → `.sign`, the
    /// landing page → `.landing`, another kiosk page → `.link`, none (or another site) → `.direct`.
    /// A `from=sign|search|landing` query parameter (set by a redirect, which carries no Referer) wins.
    static func of(_ request: Request) -> UsageEvent.Arrival {
        if let hint = request.query["from"], let arrival = UsageEvent.Arrival(rawValue: hint), arrival != .direct {
            return arrival
        }
        guard let referer = request.headers["Referer"], !referer.isEmpty else { return .direct }
        var rest = Substring(referer)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let refererHost = rest[..<slash].split(separator: ":").first.map { String($0).lowercased() } ?? ""
            if let host = request.host, refererHost != host { return .direct }
            rest = rest[slash...]
        }
        let path = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if path.isEmpty || path == "/" { return .landing }
        if path == "/search" || path.hasPrefix("/search/") || path.hasPrefix("/search?") { return .search }
        if path.hasPrefix("/s/") { return .sign }
        return .link
    }
}
