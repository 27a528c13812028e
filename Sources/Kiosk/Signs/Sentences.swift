/// Splits a paragraph into sentences, so an extract is cut where a sentence ends.
///
/// A sentence ends at `.`, `!`, `?` or `…` (and any closing quote or bracket after it) followed by
/// a space and a capital letter, a digit or an opening quote — except after an initial ("J.") or
/// a common abbreviation ("av. J.-C.", "St.", "env.").
public enum Sentences {
    static let abbreviations: Set<String> = [
        "av", "apr", "env", "st", "ste", "mr", "mme", "mlle", "dr", "pr", "me", "mgr", "vol", "p", "pp",
        "cf", "etc", "ex", "no", "n°", "fig", "vs", "c", "ca", "jr", "sr", "mt", "lt", "gen", "col", "hab",
    ]

    /// The sentences of `text`, each with its trailing punctuation, spaces trimmed.
    public static func split(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = []
        var start = 0
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard ".!?…".contains(c) else { i += 1; continue }
            var end = i + 1
            while end < characters.count, ".!?…»\")]’”".contains(characters[end]) { end += 1 }
            guard end < characters.count, characters[end].isWhitespace else { i = end; continue }
            var next = end
            while next < characters.count, characters[next].isWhitespace { next += 1 }
            guard next < characters.count else { i = next; continue }
            let following = characters[next]
            let startsSentence = following.isUppercase || following.isNumber || "«“\"(".contains(following)
            if startsSentence && (c != "." || !endsWithAbbreviation(characters[start..<i])) {
                sentences.append(String(characters[start..<end]).trimmingCharacters(in: .whitespaces))
                start = next
            }
            i = next
        }
        let last = String(characters[start...]).trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { sentences.append(last) }
        return sentences
    }

    /// Whether the text before a period ends with an initial or a known abbreviation.
    private static func endsWithAbbreviation(_ before: ArraySlice<Character>) -> Bool {
        var word = ""
        for character in before.reversed() {
            if character.isWhitespace || character == "(" || character == "-" { break }
            word = String(character) + word
        }
        if word.count == 1, word.first!.isLetter { return true }  // an initial: "J. Verne"
        return abbreviations.contains(word.lowercased())
    }
}
