/// Reads `[questionnaire]` lines into a `Questionnaire` (see its documentation for the format).
enum QuestionnaireParser {
    /// Applies one line; returns the problem, if any.
    static func apply(_ key: String, _ value: String, to questionnaire: inout Questionnaire?) -> String? {
        if key == "enabled" || key == "questionnaire" {
            guard let on = SettingsParser.onOff(value) else { return "\(key) must be on or off, not “\(value)”" }
            var current = questionnaire ?? Questionnaire.standard
            current.enabled = on
            questionnaire = current
            return nil
        }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard let id = parts.first, id.count == 2, id.hasPrefix("q"), let number = Int(id.dropFirst()),
              (1...Questionnaire.maximumQuestions).contains(number) else {
            return "unknown setting “\(key)” in [questionnaire] (write q1 to q\(Questionnaire.maximumQuestions), or q1.en for a translation)"
        }
        let language = parts.count == 2 ? parts[1] : ""
        if !language.isEmpty, !SettingsParser.isLanguageCode(language) { return "“\(language)” is not a language code" }
        var current = questionnaire?.questions.contains(where: { $0.catalogKey == nil }) == true ? questionnaire! : Questionnaire(questions: [])
        current.enabled = questionnaire?.enabled ?? true
        var text = value
        var kind: Questionnaire.Kind?
        if let colon = value.firstIndex(of: ":") {
            switch value[..<colon].trimmingCharacters(in: .whitespaces).lowercased() {
            case "scale": kind = .scale
            case "yesno", "yes/no": kind = .yesNo
            case "choice": kind = .choice
            case "text": kind = .text
            default: kind = nil
            }
            if kind != nil { text = String(value[value.index(after: colon)...]).trimmingCharacters(in: .whitespaces) }
        }
        var options: [String] = []
        let pieces = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        if pieces.count > 1 {
            text = pieces[0]
            options = Array(pieces.dropFirst())
        }
        guard !text.isEmpty, text.count <= 200 else { return "question \(id) must have a text of 1 to 200 characters" }
        if let index = current.questions.firstIndex(where: { $0.id == id }) {
            if let kind, kind != current.questions[index].kind { return "question \(id) already has another kind" }
            current.questions[index].texts[language] = text
            if !options.isEmpty { current.questions[index].options[language] = options }
        } else {
            guard let kind else { return "question \(id) must start with its kind: scale:, yesno:, choice: or text:" }
            if kind == .choice && !(2...8).contains(options.count) {
                return "question \(id) must list 2 to 8 choices after its text, separated by |"
            }
            var question = Questionnaire.Question(id: id, kind: kind, texts: [language: text])
            if !options.isEmpty { question.options[language] = options }
            current.questions.append(question)
            current.questions.sort { $0.id < $1.id }
        }
        questionnaire = current
        return nil
    }
}
