/// A misspelt query's correction: each word not found in the searched books' titles replaced by
/// the title word one edit away that the most titles hold.
public struct SpellingCorrection: Sendable, Equatable {
    /// The corrected query, folded ("napolon bonapart" → "napoleon bonaparte").
    public let query: String
    /// One correction is clearly better than any other: several candidates were close in
    /// frequency for none of the words, or the corrected query is a title and no other is.
    public let isConfident: Bool

    /// Words of fewer letters are never corrected.
    static let minimumLetters = 4
    /// Candidates kept per word when trying combinations against the titles.
    static let candidatesPerWord = 3
    /// A candidate is clearly best when it is in this many times more titles than the next one.
    static let clearLead = 2

    /// The correction of `folded` over `dictionaries`, nil when every word is known (or has no
    /// candidate). `isTitle` tells whether a corrected query is exactly some book's title
    /// (folded): a combination that is a title wins over more frequent words.
    public static func make(_ folded: String, dictionaries: [SpellingDictionary],
                     isTitle: (String) -> Bool = { _ in false }) -> SpellingCorrection? {
        guard !dictionaries.isEmpty else { return nil }
        let words = folded.split(separator: " ").map(String.init)
        var choices: [[(word: String, frequency: Int)]] = []
        var changed = false
        var clear = true
        for word in words {
            let known = dictionaries.contains { $0.frequency(of: word) > 0 }
            guard !known, word.unicodeScalars.count >= minimumLetters, !word.allSatisfy(\.isNumber) else {
                choices.append([(word, 0)])
                continue
            }
            var merged: [String: Int] = [:]
            for dictionary in dictionaries {
                for candidate in dictionary.candidates(for: word) { merged[candidate.word, default: 0] += candidate.frequency }
            }
            guard !merged.isEmpty else {
                choices.append([(word, 0)])
                continue
            }
            let ranked = merged.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (word: $0.key, frequency: $0.value) }
            if ranked.count > 1, ranked[0].frequency < clearLead * ranked[1].frequency { clear = false }
            choices.append(Array(ranked.prefix(candidatesPerWord)))
            changed = true
        }
        guard changed else { return nil }
        // Combinations in order of the words' ranks (the first is every word's best candidate).
        var combinations: [[String]] = [[]]
        for options in choices {
            combinations = combinations.flatMap { prefix in options.map { prefix + [$0.word] } }
            if combinations.count > 27 { combinations = Array(combinations.prefix(27)) }
        }
        let queries = combinations.map { $0.joined(separator: " ") }
        let titles = queries.filter(isTitle)
        if titles.count == 1 { return SpellingCorrection(query: titles[0], isConfident: true) }
        if let first = titles.first { return SpellingCorrection(query: first, isConfident: false) }
        return SpellingCorrection(query: queries[0], isConfident: clear)
    }
}
