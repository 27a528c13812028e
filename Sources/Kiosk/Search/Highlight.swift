/// Marks the words of a title that match what the visitor typed.
enum Highlight {
    /// `title` as HTML, with each word whose folded form starts with one of `words` (folded)
    /// wrapped in `<b>…</b>`.
    static func bold(_ title: String, words: [String]) -> HTML {
        guard !words.isEmpty else { return "\(title)" }
        var out = HTML.empty
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let folded = TextFolding.fold(word)
            if words.contains(where: { folded.hasPrefix($0) }) {
                out += "<b>\(word)</b>"
            } else {
                out += "\(word)"
            }
            word = ""
        }
        for character in title {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
                out += "\(String(character))"
            }
        }
        flush()
        return out
    }
}
