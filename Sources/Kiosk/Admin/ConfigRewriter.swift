/// Writes new values of the settings the staff area edits (`[kiosk] name` and `place`, the
/// `[featured]` articles, the `[texts]`) into the text of `wikikiosk.conf`, keeping every other
/// line, comment and blank line as it was: the file stays the one volunteers read and edit.
struct ConfigRewriter {
    var name: String
    var place: String
    /// The `[featured]` lines, as written (`Title = book/path | description`).
    var featuredLines: [String]
    /// language → text key (`landing.welcome`) → text.
    var texts: [String: [String: String]]
    /// Language order for the `[texts]` lines.
    var languages: [String]

    /// `original` with the `[name]` section's entries replaced by `entries` (comments kept).
    static func rewrite(_ original: String, section name: String, entries: [String], comment: String) -> String {
        var lines = original.isEmpty ? [] : original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return replaceSection(name, with: entries, in: lines, comment: comment).joined(separator: "\n") + "\n"
    }

    func rewrite(_ original: String) -> String {
        var lines = original.isEmpty ? [] : original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        lines = replaceKiosk(lines)
        lines = Self.replaceSection("featured", with: featuredLines, in: lines,
                               comment: "# Articles shown on the home page:  Title = book/Article_path | description")
        lines = Self.replaceSection("texts", with: textLines(), in: lines,
                               comment: "# Home page texts set from the staff area (they win over locales/<language>.ini).")
        return lines.joined(separator: "\n") + "\n"
    }

    private func textLines() -> [String] {
        var out: [String] = []
        let ordered = languages + texts.keys.sorted().filter { !languages.contains($0) }
        for language in ordered {
            guard let table = texts[language] else { continue }
            for text in SettingsParser.editableTexts {
                if let value = table[text.key] { out.append("\(text.name).\(language) = \(value)") }
            }
        }
        return out
    }

    /// The section of each line ("" before the first header).
    private static func sections(_ lines: [String]) -> [String] {
        var current = ""
        return lines.map { line in
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]"), trimmed.count > 2 {
                current = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: " \t").lowercased()
                return "[" + current
            }
            return current
        }
    }

    private static func isEntry(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: " \t\r")
        return !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.hasPrefix(";") && !trimmed.hasPrefix("[")
            && trimmed.contains("=")
    }

    private static func key(_ line: String) -> String {
        String(line.prefix { $0 != "=" }).trimmingCharacters(in: " \t").lowercased()
    }

    private func replaceKiosk(_ input: [String]) -> [String] {
        var lines = input
        let sections = Self.sections(lines)
        var wanted: [(key: String, value: String)] = [("name", name), ("place", place)]
        for index in lines.indices where sections[index] == "kiosk" && Self.isEntry(lines[index]) {
            let key = Self.key(lines[index])
            if let position = wanted.firstIndex(where: { $0.key == key }) {
                lines[index] = "\(key) = \(wanted[position].value)"
                wanted.remove(at: position)
            }
        }
        guard !wanted.isEmpty else { return lines }
        let added = wanted.map { "\($0.key) = \($0.value)" }
        if let header = sections.firstIndex(of: "[kiosk") {
            lines.insert(contentsOf: added, at: header + 1)
        } else {
            lines = ["[kiosk]"] + added + [""] + lines
        }
        return lines
    }

    /// Drops the section's entries (keeping its comments) and puts `entries` where the first
    /// one was, or at the end of the section; adds the section at the end when missing.
    static func replaceSection(_ name: String, with entries: [String], in input: [String], comment: String) -> [String] {
        let sections = Self.sections(input)
        guard let header = sections.firstIndex(of: "[" + name) else {
            guard !entries.isEmpty else { return input }
            var lines = input
            if let last = lines.last, !last.trimmingCharacters(in: " \t\r").isEmpty { lines.append("") }
            return lines + ["[\(name)]", comment] + entries
        }
        var lines: [String] = []
        var insertAt: Int?
        var endOfSection = header + 1
        for index in input.indices {
            let inSection = sections[index] == name
            if inSection && Self.isEntry(input[index]) {
                if insertAt == nil { insertAt = lines.count }
                continue
            }
            lines.append(input[index])
            if index == header || (inSection && !input[index].trimmingCharacters(in: " \t\r").isEmpty) {
                endOfSection = lines.count
            }
        }
        lines.insert(contentsOf: entries, at: insertAt ?? endOfSection)
        return lines
    }
}
