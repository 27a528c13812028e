/// What a visitor may have meant while still typing a title: the text with one edit in its last
/// (unfinished) word after that word's third letter, the finished words before it corrected by
/// the dictionary. Suggestions look each variant up as a title prefix.
enum TypoVariants {
    /// Letters left as typed at the start of each word: a typo in the first three letters is
    /// rare, and trying them would multiply the variants.
    static let keptLetters = 3
    /// Letters tried in place of, or in addition to, a typed letter (the book's most frequent).
    static let alphabetSize = 40

    /// The variants of `folded` (deletions, swaps, changes, insertions: cheapest first), without
    /// `folded` itself; none when the last word has fewer than four letters.
    static func of(_ folded: String, dictionary: SpellingDictionary) -> [String] {
        var words = folded.split(separator: " ").map(String.init)
        guard let last = words.popLast() else { return [] }
        var changedWords = false
        for (index, word) in words.enumerated() where word.unicodeScalars.count > keptLetters {
            if let best = dictionary.candidates(for: word).first {
                words[index] = best.word
                changedWords = true
            }
        }
        let head = words.isEmpty ? "" : words.joined(separator: " ") + " "
        let typed = Array(last.unicodeScalars)
        var variants: [String] = changedWords ? [head + last] : []
        guard typed.count > keptLetters else { return variants }
        func add(_ scalars: [Unicode.Scalar]) { variants.append(head + String(String.UnicodeScalarView(scalars))) }
        let positions = keptLetters..<typed.count
        for position in positions {
            var deleted = typed
            deleted.remove(at: position)
            add(deleted)
        }
        for position in positions where position + 1 < typed.count && typed[position] != typed[position + 1] {
            var swapped = typed
            swapped.swapAt(position, position + 1)
            add(swapped)
        }
        let letters = dictionary.alphabet.prefix(alphabetSize)
        for position in positions {
            for letter in letters where letter != typed[position] {
                var changed = typed
                changed[position] = letter
                add(changed)
            }
        }
        // Inserting after the last letter is only a longer prefix: the plain lookup covered it.
        for position in positions {
            for letter in letters {
                var inserted = typed
                inserted.insert(letter, at: position)
                add(inserted)
            }
        }
        return variants
    }
}
