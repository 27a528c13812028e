/// The satisfaction questionnaire visitors may answer, anonymously and offline: up to five
/// questions, each a 1–5 scale, yes/no, one choice among a few, or one short free text.
///
/// Without a `[questionnaire]` section the kiosk asks three built-in questions, written in every
/// language of the string catalog (`questionnaire.q1`…). A section replaces them:
///
/// ```ini
/// [questionnaire]
/// q1 = scale: Cette borne vous a-t-elle été utile ?
/// q1.en = Was this kiosk useful to you?
/// q2 = choice: Comment l'avez-vous connue ? | Affiche | Médiateur | Bouche-à-oreille
/// q3 = text: Un mot pour nous ?
/// ```
/// (`off` as the only line switches the questionnaire off.)
public struct Questionnaire: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case scale, yesNo, text
        /// One of these options (as written, per language: index i is the same option).
        case choice
    }

    public struct Question: Sendable, Equatable {
        /// `q1`…`q5`: what answers are stored under.
        public var id: String
        public var kind: Kind
        /// The question per language code; "" is the text written without a language.
        public var texts: [String: String]
        /// For `choice`: the options per language (same order in each).
        public var options: [String: [String]] = [:]
        /// Built-in questions read their texts from the string catalog.
        public var catalogKey: String?

        /// The question in `language` (its own text, else the one written without a language).
        public func text(_ language: String, _ strings: StringCatalog) -> String {
            if let catalogKey { return strings.text(catalogKey, language) }
            return texts[language] ?? texts[""] ?? texts.values.first ?? id
        }

        public func options(_ language: String) -> [String] {
            options[language] ?? options[""] ?? options.values.first ?? []
        }
    }

    public var questions: [Question]
    public var enabled = true

    /// At most this many questions.
    public static let maximumQuestions = 5
    /// The longest free-text answer kept.
    public static let maximumText = 300

    /// The built-in questions.
    public static let standard = Questionnaire(questions: [
        Question(id: "q1", kind: .scale, texts: [:], catalogKey: "questionnaire.q1"),
        Question(id: "q2", kind: .yesNo, texts: [:], catalogKey: "questionnaire.q2"),
        Question(id: "q3", kind: .text, texts: [:], catalogKey: "questionnaire.q3"),
    ])

    /// The value an answer to `question` may take, checked: "1"…"5", "yes"/"no", an option's
    /// index, or a text of at most 300 characters; nil for anything else.
    public static func checked(_ value: String, for question: Question) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch question.kind {
        case .scale: return ["1", "2", "3", "4", "5"].contains(trimmed) ? trimmed : nil
        case .yesNo: return ["yes", "no"].contains(trimmed) ? trimmed : nil
        case .choice:
            guard let index = Int(trimmed), question.options("").indices.contains(index) else { return nil }
            return String(index)
        case .text:
            let flat = trimmed.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            return flat.isEmpty ? nil : String(flat.prefix(maximumText))
        }
    }
}
