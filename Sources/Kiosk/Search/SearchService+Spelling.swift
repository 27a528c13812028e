import Dispatch
import Foundation

/// What a search does with the correction of a misspelt query.
public enum SpellingPolicy: Sendable {
    /// No correction is looked for.
    case off
    /// A correction is offered ("Did you mean…"), never applied: the visitor asked for the words
    /// as typed.
    case offer
    /// A clear correction of a query that found nothing is applied; others are offered.
    case apply
}

/// Spelling correction of searches with few results ("Vouliez-vous dire…").
extension SearchService {
    /// Seconds a search waits for a book's spelling dictionary still being built.
    static let dictionaryWait: TimeInterval = 0.5

    /// The correction of `folded` over the spelling dictionaries of `books`, nil when every word
    /// is a title word or has no candidate.
    func correction(for folded: String, in books: [Book]) -> SpellingCorrection? {
        guard settings.spellingCorrection else { return nil }
        let states = books.map { state(for: $0) }
        let dictionaries = states.compactMap { $0.spellingDictionary(wait: Self.dictionaryWait) }
        let indexes = states.compactMap { $0.titleIndex(wait: 0) }
        return SpellingCorrection.make(folded, dictionaries: dictionaries) { candidate in
            indexes.contains { !$0.exact(candidate, limit: 1).isEmpty }
        }
    }

    /// `outcome` of a search for `pattern` with at most `correctionMaxResults` results, with its
    /// correction: applied (the corrected query's results instead) when the search found nothing
    /// and one correction is clearly best, else offered; unchanged when the corrected query finds
    /// no more than the original.
    func corrected(_ outcome: SearchOutcome, pattern: String, in books: [Book], start: Int, pageLength: Int,
                   deadline: DispatchTime, policy: SpellingPolicy) -> SearchOutcome {
        guard settings.spellingCorrection, outcome.total <= settings.correctionMaxResults,
              let correction = correction(for: TextFolding.fold(pattern), in: books) else { return outcome }
        var better = search(correction.query, in: books, start: start, pageLength: pageLength, deadline: deadline,
                            spelling: .off)
        guard better.total > outcome.total else { return outcome }
        if policy == .apply && outcome.total == 0 && correction.isConfident {
            better.correction = correction
            better.correctionApplied = true
            return better
        }
        var offered = outcome
        offered.correction = correction
        return offered
    }
}
