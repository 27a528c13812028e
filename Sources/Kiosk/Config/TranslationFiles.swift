import Foundation

/// The translation files of `kiosk-config/locales/`: one per language (`fr.ini`, `en.ini`,
/// `br.ini`…), each line `key = text`. A volunteer adds a language by copying `fr.ini`,
/// translating the texts and adding the code to `languages` in `wikikiosk.conf`.
enum TranslationFiles {
    /// Every key the kiosk's pages use (an unknown key in a file is probably a typo).
    static var knownKeys: Set<String> {
        var keys = Set<String>()
        for table in BuiltInStrings.tables.values { keys.formUnion(table.keys) }
        for table in LandingStrings.tables.values { keys.formUnion(table.keys) }
        for table in AdminStrings.tables.values { keys.formUnion(table.keys) }
        return keys
    }

    /// The tables found in `folder` (language code → key → text) and the problems in them.
    /// Bad lines are skipped; the rest of the file is used.
    static func load(folder: String) -> (tables: [String: [String: String]], problems: [ConfigProblem]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([:], []) }
        var tables: [String: [String: String]] = [:]
        var problems: [ConfigProblem] = []
        let known = knownKeys
        for name in names.sorted() where name.hasSuffix(".ini") {
            let language = String(name.dropLast(4)).lowercased()
            let path = (folder as NSString).appendingPathComponent(name)
            guard SettingsParser.isLanguageCode(language) else {
                problems.append(ConfigProblem(file: path, line: nil,
                                              message: "a translation file is named after its language code, e.g. br.ini"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                problems.append(ConfigProblem(file: path, line: nil, message: "the file can't be read as UTF-8 text"))
                continue
            }
            let lines = ConfigLines(text: text, file: path, sections: [])
            problems += lines.problems
            var table: [String: String] = [:]
            for entry in lines.entries {
                guard known.contains(entry.key) else {
                    let hint = Suggestion.closest(to: entry.key, in: known).map { " (did you mean “\($0)”?)" } ?? ""
                    problems.append(ConfigProblem(file: path, line: entry.line, message: "unknown text name “\(entry.key)”\(hint)"))
                    continue
                }
                table[entry.key] = entry.value
            }
            tables[language] = table
        }
        return (tables, problems)
    }
}
