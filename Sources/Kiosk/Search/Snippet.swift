/// The few lines under a search result: the passage of the article where the query's words
/// appear, those words in bold.
///
/// Made by WikiKiosk rather than libzim: libzim's `getSnippet()` parses the whole article and
/// runs Xapian's snippet generator on it, ~2.7 ms per result with every cluster in memory and
/// ~70 ms per 25-result page without (measured on a 20,000-article ZIM): 99 % of a search's CPU.
/// Here the text comes from the first paragraphs (`ArticleExtract`, tables and reference marks
/// left out), words are compared folded (so "cathedrale" bolds "Cathédrale", which libzim's
/// French index cannot do), and only the page's results get one.
enum Snippet {
    /// Words shown around the first match.
    static let windowWords = 30
    /// Words kept before the first match, for context.
    static let leadWords = 6
    /// Paragraphs looked at, at most.
    static let paragraphLimit = 16

    /// An HTML snippet (escaped text, matched words in `<b>`) of `html` for the folded query
    /// words `terms`; the article's opening words when no paragraph has them; empty without text.
    static func make(html: String, terms: [String]) -> HTML {
        let paragraphs = ArticleExtract.paragraphs(html: html, limit: paragraphLimit)
        var best: (words: [Substring], folded: [String], first: Int, score: Int)? = nil
        for paragraph in paragraphs {
            let words = paragraph.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
            let folded = words.map { TextFolding.fold($0) }
            var matched = Set<String>()
            var first = -1
            for (index, word) in folded.enumerated() {
                guard let term = matchingTerm(word, terms) else { continue }
                if first < 0 { first = index }
                matched.insert(term)
            }
            if first >= 0, matched.count > (best?.score ?? 0) {
                best = (words, folded, first, matched.count)
                if matched.count == Set(terms).count { break }
            }
        }
        if let best {
            let start = max(0, best.first - leadWords)
            return render(best.words, folded: best.folded, from: start, terms: terms)
        }
        guard let opening = paragraphs.first(where: { $0.count >= ArticleExtract.minimumLength }) ?? paragraphs.first
        else { return .empty }
        let words = opening.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
        return render(words, folded: nil, from: 0, terms: [])
    }

    /// The query word `word` (folded) matches: equal, or a longer form of a term of 3+ letters
    /// ("cathedrales" for "cathedrale").
    static func matchingTerm(_ word: String, _ terms: [String]) -> String? {
        for term in terms where word == term || (term.count >= 3 && word.hasPrefix(term)) { return term }
        return nil
    }

    /// A matched word with only its matching letters in bold: "<b>jazz</b>/soul",
    /// "(<b>Cathédrale</b>),", "l'<b>église</b>"; the whole word when no run of letters
    /// matches alone.
    static func highlighted(_ word: String, terms: [String]) -> HTML {
        var runs: [(text: String, isWord: Bool)] = []
        for character in word {
            let isWord = character.isLetter || character.isNumber
            if let last = runs.last, last.isWord == isWord {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append((String(character), isWord))
            }
        }
        let bold = runs.map { $0.isWord && matchingTerm(TextFolding.fold($0.text), terms) != nil }
        guard bold.contains(true) else { return "<b>\(word)</b>" }
        var out: HTML = .empty
        for (run, isBold) in zip(runs, bold) {
            out += isBold ? "<b>\(run.text)</b>" : "\(run.text)"
        }
        return out
    }

    /// `windowWords` words from `start`, escaped, matched words bold, "…" where text was cut.
    private static func render(_ words: [Substring], folded: [String]?, from start: Int, terms: [String]) -> HTML {
        let end = min(words.count, start + windowWords)
        var out: HTML = start > 0 ? "… " : .empty
        for index in start..<end {
            if index > start { out += " " }
            let word = String(words[index])
            if let folded, matchingTerm(folded[index], terms) != nil {
                out += highlighted(word, terms: terms)
            } else {
                out += "\(word)"
            }
        }
        if end < words.count { out += " …" }
        return out
    }
}
