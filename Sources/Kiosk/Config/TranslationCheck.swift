/// What `wikikiosk config check` says of a translation: unknown keys (typos), plural forms that
/// do not exist, parameters that are not the text's own, and which texts are missing.
enum TranslationCheck {
    /// The problem with one line `key = text` of a translation file, or nil when it is fine.
    static func problem(key: String, text: String) -> String? {
        let (base, category) = split(key)
        guard let reference = referenceParameters[base] else {
            let hint = Suggestion.closest(to: base, in: Set(referenceParameters.keys)).map { " (did you mean “\($0)”?)" } ?? ""
            return "unknown text name “\(key)”\(hint)"
        }
        if let category, PluralCategory(rawValue: category) == nil {
            return "“\(key)”: “\(category)” is not a plural form (zero, one, two, few, many, other)"
        }
        let unknown = MessageTemplate.parameters(in: text).subtracting(reference)
        if !unknown.isEmpty {
            let known = reference.isEmpty ? "this text has no parameter" : "its parameters are " + reference.sorted().map { "{\($0)}" }.joined(separator: ", ")
            return "“\(key)”: unknown parameter " + unknown.sorted().map { "{\($0)}" }.joined(separator: ", ") + " (\(known))"
        }
        if text.contains("%@") && reference.count > 1 {
            return "“\(key)”: “%@” is the old syntax; write the parameters by name: " + reference.sorted().map { "{\($0)}" }.joined(separator: ", ")
        }
        // A form for one thing may leave the number out ("un article"); the general form may not.
        if category == nil || category == "other" {
            let missing = reference.subtracting(MessageTemplate.parameters(in: text))
            if !missing.isEmpty && !(text.contains("%@") && reference.count == 1) {
                return "“\(key)”: the text lost " + missing.sorted().map { "{\($0)}" }.joined(separator: ", ") + " (keep it, translated text around it)"
            }
        }
        return nil
    }

    /// A line saying how many catalog texts `table` does not translate, or nil when none.
    static func coverage(of table: [String: String], language: String, file: String) -> String? {
        let given = Set(table.keys.map { split($0).base })
        let builtIn = Set((BuiltInCatalog.tables[language] ?? [:]).keys.map { split($0).base })
        let missing = Set(referenceParameters.keys).subtracting(given).subtracting(builtIn).sorted()
        guard !missing.isEmpty else { return nil }
        let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
        return "\(file): \(missing.count) of \(referenceParameters.count) texts are not translated (they are shown in the kiosk's first language): \(shown)"
    }

    /// `landing.book.count[one]` → (`landing.book.count`, `one`).
    static func split(_ key: String) -> (base: String, category: String?) {
        guard key.hasSuffix("]"), let open = key.lastIndex(of: "[") else { return (key, nil) }
        return (String(key[..<open]), String(key[key.index(after: open)..<key.index(before: key.endIndex)]))
    }

    /// Every base key of the catalog with the parameters its built-in texts use (all languages,
    /// all forms together).
    static let referenceParameters: [String: Set<String>] = {
        var parameters: [String: Set<String>] = [:]
        for table in BuiltInCatalog.tables.values {
            for (key, text) in table {
                parameters[split(key).base, default: []].formUnion(MessageTemplate.parameters(in: text))
            }
        }
        return parameters
    }()
}
