import Foundation

/// The translation files of `kiosk-config/locales/`: one per language (`fr.ini`, `en.ini`,
/// `br.ini`…), each line `key = text`, plural forms as `key[one] = …`, `key[other] = …`.
/// A volunteer adds a language by copying `fr.ini`, translating the texts and adding the code
/// to `languages` in `wikikiosk.conf`. Any key of the string catalog may be given.
enum TranslationFiles {
    /// The tables found in `folder` (language code → key → text), the problems in them, and
    /// notes on what each language leaves untranslated. Bad lines are skipped; the rest of the
    /// file is used.
    static func load(folder: String) -> (tables: [String: [String: String]], problems: [ConfigProblem], notes: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([:], [], []) }
        var tables: [String: [String: String]] = [:]
        var problems: [ConfigProblem] = []
        var notes: [String] = []
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
                if let problem = TranslationCheck.problem(key: entry.key, text: entry.value) {
                    problems.append(ConfigProblem(file: path, line: entry.line, message: problem))
                    continue
                }
                table[entry.key] = entry.value
            }
            tables[language] = table
            if let note = TranslationCheck.coverage(of: table, language: language, file: path) { notes.append(note) }
        }
        return (tables, problems, notes)
    }
}
