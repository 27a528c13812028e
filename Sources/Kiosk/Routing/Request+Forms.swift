import HTTPServer

/// What forms read from a request: a cookie, the fields of a form post, and whether the post
/// came from another site (used by the staff area's forms).
extension Request {
    /// The value of cookie `name`, if sent.
    func cookie(_ name: String) -> String? {
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if parts[0].trimmingCharacters(in: " \t") == name { return parts[1].trimmingCharacters(in: " \t\"") }
            }
        }
        return nil
    }

    /// The fields of an `application/x-www-form-urlencoded` body (empty for any other body).
    var form: QueryParameters {
        let type = (headers["Content-Type"] ?? "").lowercased()
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return QueryParameters([]) }
        return QueryParameters.parse(String(decoding: body, as: UTF8.self))
    }

    /// Whether an `Origin` or `Referer` header names another site than the one asked for
    /// (`Host`): a cross-site form post, refused.
    var isCrossSite: Bool {
        for name in ["Origin", "Referer"] {
            guard let value = headers[name] else { continue }
            if value == "null" { return true }
            guard let schemeEnd = value.range(of: "://") else { return true }
            let rest = value[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let origin = HostName.withoutPort(String(authority))
            guard let host else { return false }
            return origin != host || portOf(String(authority)) != portOf(headers["Host"] ?? "")
        }
        return false
    }

    private func portOf(_ authority: String) -> String {
        let host = HostName.withoutPort(authority)
        let rest = authority.dropFirst(host.count)
        return rest.hasPrefix(":") ? String(rest.dropFirst()) : ""
    }
}
