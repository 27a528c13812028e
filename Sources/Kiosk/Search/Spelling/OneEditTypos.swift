/// Misspellings for measuring correction: a title typed the lazy way (folded: no accents, lower
/// case) with one edit in one of its words of five letters or more.
public enum OneEditTypos {
    /// The kinds of edit, in the order `make` cycles through them.
    public enum Edit: CaseIterable, Sendable {
        case deletion, insertion, substitution, transposition
    }

    /// `folded` with one `edit` in its longest word of at least five letters (a random position,
    /// never the first letter; inserted and substituted letters from a–z), or nil when it has no
    /// such word or the edit changes nothing.
    public static func make(_ folded: String, edit: Edit, using random: inout some RandomNumberGenerator) -> String? {
        var words = folded.split(separator: " ").map { Array($0.unicodeScalars) }
        guard let target = words.indices.filter({ words[$0].count >= 5 }).max(by: { words[$0].count < words[$1].count })
        else { return nil }
        var word = words[target]
        let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
        let position = Int.random(in: 1..<word.count, using: &random)
        switch edit {
        case .deletion:
            word.remove(at: position)
        case .insertion:
            word.insert(letters.randomElement(using: &random)!, at: position)
        case .substitution:
            let replacement = letters.filter { $0 != word[position] }.randomElement(using: &random)!
            word[position] = replacement
        case .transposition:
            let first = min(position, word.count - 2)
            guard word[first] != word[first + 1] else { return nil }
            word.swapAt(first, first + 1)
        }
        words[target] = word
        return words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
}
