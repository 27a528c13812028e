/// The INI-like syntax shared by `wikikiosk.conf` and the translation files:
///
/// ```
/// # a comment (a whole line starting with # or ;)
/// [section]
/// key = value
/// ```
///
/// Values are taken as written, trimmed; no quotes are needed and `#` inside a value is kept
/// (a Wi-Fi name may contain one). Keys are case-insensitive.
struct ConfigLines {
    /// One `key = value` line.
    struct Entry: Equatable {
        let section: String
        /// Lowercased name.
        let key: String
        /// The name as written (featured article titles keep their case).
        let rawKey: String
        let value: String
        let line: Int
    }

    var entries: [Entry] = []
    var problems: [ConfigProblem] = []

    /// Parses `text`; syntax problems name `file` and the line.
    init(text: String, file: String, sections: Set<String>? = nil) {
        var section = ""
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(raw)
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                    problems.append(ConfigProblem(file: file, line: number,
                                                  message: "a section name must be written like [kiosk]"))
                    continue
                }
                section = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: " \t").lowercased()
                if let sections, !sections.contains(section) {
                    let hint = Suggestion.closest(to: section, in: sections).map { " (did you mean [\($0)]?)" } ?? ""
                    problems.append(ConfigProblem(file: file, line: number,
                                                  message: "unknown section [\(section)]\(hint)"))
                }
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                problems.append(ConfigProblem(file: file, line: number,
                                              message: "expected “name = value”, found “\(trimmed.prefix(40))”"))
                continue
            }
            let rawKey = String(trimmed[..<equals]).trimmingCharacters(in: " \t")
            let key = rawKey.lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingCharacters(in: " \t")
            guard !key.isEmpty else {
                problems.append(ConfigProblem(file: file, line: number, message: "a name is missing before “=”"))
                continue
            }
            entries.append(Entry(section: section, key: key, rawKey: rawKey, value: value, line: number))
        }
    }
}

extension StringProtocol {
    /// Trims the given characters at both ends.
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }),
              let last = lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// "prot" → "port": the closest known name, to help with typos.
enum Suggestion {
    static func closest(to word: String, in candidates: some Collection<String>) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
