/// The `{name}` placeholders of catalog texts: filling them, and listing them for
/// `wikikiosk config check`.
enum MessageTemplate {
    /// `template` with each `{name}` replaced by its argument, formatted for `language` and
    /// passed through `escape` (HTML), or by its `markup` as it is. Unknown names stay as they
    /// are, so a translation's typo shows on the page and in `config check`. A text written for
    /// the old syntax with one `%@` gets the only argument there.
    static func fill(_ template: String, arguments: [String: TextArgument], language: String,
                     escape: ((String) -> String)?, markup: [String: String] = [:]) -> String {
        guard template.contains("{") || template.contains("%@") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), isName(rest[afterOpen..<close]) else {
                out.append("{")
                rest = rest[afterOpen...]
                continue
            }
            let name = String(rest[afterOpen..<close])
            if let value = markup[name] {
                out += value
            } else if let argument = arguments[name] {
                let text = argument.formatted(in: language)
                out += escape?(text) ?? text
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        if out.contains("%@"), arguments.count + markup.count == 1 {
            let only = markup.values.first ?? arguments.values.first.map { escape?($0.formatted(in: language)) ?? $0.formatted(in: language) } ?? ""
            out = out.replacingOccurrences(of: "%@", with: only)
        }
        return out
    }

    /// The names of the `{placeholders}` in `template`.
    static func parameters(in template: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            if isName(rest[afterOpen..<close]) { names.insert(String(rest[afterOpen..<close])) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private static func isName(_ name: Substring) -> Bool {
        !name.isEmpty && name.utf8.count <= 32 && name.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
        }
    }
}
