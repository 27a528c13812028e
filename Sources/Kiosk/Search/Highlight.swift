/// Marks the words of a title that match what the visitor typed.
enum Highlight {
    /// `title` HTML-escaped, with each word whose folded form starts with one of `words` (folded)
    /// wrapped in `<b>…</b>`.
    static func bold(_ title: String, words: [String]) -> String {
        guard !words.isEmpty else { return title.htmlEscaped }
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let folded = TextFolding.fold(word)
            if words.contains(where: { folded.hasPrefix($0) }) {
                out += "<b>" + word.htmlEscaped + "</b>"
            } else {
                out += word.htmlEscaped
            }
            word = ""
        }
        for character in title {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
                out += String(character).htmlEscaped
            }
        }
        flush()
        return out
    }
}
