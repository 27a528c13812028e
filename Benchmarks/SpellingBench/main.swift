import Dispatch
import Foundation
import Kiosk
import ZimKit

// Measures spelling correction on a book: the dictionary's build time and size, and, for titles
// typed the lazy way with one edit in a word of five letters or more (`OneEditTypos`, the four
// kinds in turn), how often the correction is the intended title, how often a search finds the
// intended article first or offers it as the correction, and how long both take.
//
// usage: spelling-bench BOOK.zim [--queries N] [--seed S] [--out DIR]
//
// --out DIR writes DIR/titles.txt (every folded title) and DIR/typos.tsv (typed<TAB>intended),
// so another implementation can be measured on the same test set.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: spelling-bench BOOK.zim [--queries N] [--seed S] [--out DIR]\n".utf8))
    exit(2)
}
func flag(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
// --words N: instead, the dictionary of N distinct random words of 4-12 letters (as many as a
// whole Wikipedia's titles hold: ~1.5 million for French), to measure its build at that scale.
if let wordCount = Int(flag("words") ?? "") {
    var generator = SplitMix64(seed: 5)
    var words: [String: UInt32] = [:]
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    while words.count < wordCount {
        let length = 4 + Int(generator.next() % 9)
        words[String((0..<length).map { _ in letters[Int(generator.next() % 26)] }), default: 0] += 1
    }
    let before = peakRSSKiB()
    let start = ContinuousClock.now
    let file = NSTemporaryDirectory() + "spelling-bench-words-\(getpid())"
    try SpellingDictionaryFormat.write(words: &words, titleCount: wordCount * 3, to: file)
    let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    unlink(file)
    print("\(wordCount) words: \(size) bytes, written in \(start.duration(to: .now)), peak RSS \(before / 1024) MiB "
          + "with the words in memory, \(peakRSSKiB() / 1024) MiB after encoding")
    exit(0)
}
let queryCount = Int(flag("queries") ?? "") ?? 2000
var random = SplitMix64(seed: UInt64(flag("seed") ?? "") ?? 2026)
let path = arguments[1]
let archive = try Archive(path: path)
let book = Book(name: "bench", archive: archive, fingerprint: FileFingerprint.of(path)!)

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
func peakRSSKiB() -> Int {
    Int(peakRSS().split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}
func peakRSS() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "?"
}

// The dictionary, built as the kiosk builds it (into a fresh folder).
let folder = NSTemporaryDirectory() + "spelling-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: folder) }
let buildStart = ContinuousClock.now
let store = BookIndexStore(directory: folder)
guard let dictionary = SpellingDictionary.of(book, in: store) else {
    print("no titles")
    exit(1)
}
let buildTime = buildStart.duration(to: .now)
let mapStart = ContinuousClock.now
_ = SpellingDictionary.of(book, in: store)
let mapTime = mapStart.duration(to: .now)
print("dictionary: \(dictionary.wordCount) words from \(dictionary.titleCount) titles, \(dictionary.byteCount) bytes "
      + "(\(dictionary.byteCount / max(1, dictionary.titleCount)) per title), built in \(buildTime), "
      + "opened again in \(mapTime); \(peakRSS())")
let titleStart = ContinuousClock.now
let index = TitleIndex.of(book, in: store)!
print("title index: \(index.count) titles, \(index.byteCount) bytes (\(index.byteCount / max(1, index.count)) per title), "
      + "built in \(titleStart.duration(to: .now)); \(peakRSS())")

// The test set: titles of articles (not redirects), each with one edit.
var titles: [(title: String, folded: String)] = []
var position: UInt32 = 0
while let entry = try? archive.entry(atTitleIndex: position) {
    position += 1
    if !entry.isRedirect, !entry.title.isEmpty { titles.append((entry.title, TextFolding.fold(entry.title))) }
}
var cases: [(typed: String, intended: String, title: String)] = []
var attempts = 0
while cases.count < queryCount, attempts < queryCount * 20 {
    attempts += 1
    let pick = titles[Int.random(in: 0..<titles.count, using: &random)]
    let edit = OneEditTypos.Edit.allCases[cases.count % 4]
    guard let typed = OneEditTypos.make(pick.folded, edit: edit, using: &random) else { continue }
    cases.append((typed, pick.folded, pick.title))
}
if let out = flag("out") {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try titles.map(\.folded).joined(separator: "\n").appending("\n").write(toFile: out + "/titles.txt", atomically: true, encoding: .utf8)
    try cases.map { "\($0.typed)\t\($0.intended)" }.joined(separator: "\n").appending("\n")
        .write(toFile: out + "/typos.tsv", atomically: true, encoding: .utf8)
}

// The correction alone (what a search with few results adds), three passes: the last is reported.
var correctionTimes: [Double] = []
var corrected = 0, offeredNone = 0
for pass in 0..<3 {
    correctionTimes = []
    corrected = 0
    offeredNone = 0
    for test in cases {
        let start = ContinuousClock.now
        let correction = SpellingCorrection.make(test.typed, dictionaries: [dictionary]) { !index.exact($0, limit: 1).isEmpty }
        correctionTimes.append(milliseconds(start.duration(to: .now)))
        if correction?.query == test.intended { corrected += 1 }
        if correction == nil { offeredNone += 1 }
    }
    if pass == 0 { print("correction, first pass: p50 \(percentile(correctionTimes, 0.5)) ms, p99 \(percentile(correctionTimes, 0.99)) ms") }
}
let n = Double(cases.count)
print("correction: \(cases.count) typos, intended title \(corrected) (\(Double(corrected) / n)), none offered \(offeredNone); "
      + "p50 \(percentile(correctionTimes, 0.5)) ms, p90 \(percentile(correctionTimes, 0.9)) ms, "
      + "p99 \(percentile(correctionTimes, 0.99)) ms, max \(correctionTimes.max() ?? 0) ms")

// Whole searches, as the kiosk answers them.
let library = Library()
_ = library.add({ _ in book }, preferredName: "bench", path: path)
var settings = SearchSettings()
settings.indexDirectory = folder
let service = SearchService(library: library, settings: settings)
_ = service.search("warm up", in: [book], start: 0, pageLength: 10)
var searchTimes: [Double] = []
var found = 0, applied = 0
for test in cases {
    let start = ContinuousClock.now
    let outcome = service.search(test.typed, in: [book], start: 0, pageLength: 10)
    searchTimes.append(milliseconds(start.duration(to: .now)))
    if outcome.correctionApplied { applied += 1 }
    if outcome.hits.first?.title == test.title || outcome.correction?.query == test.intended { found += 1 }
}
service.stop()
print("search: intended article first or offered \(found) (\(Double(found) / n)), corrected directly \(applied); "
      + "p50 \(percentile(searchTimes, 0.5)) ms, p99 \(percentile(searchTimes, 0.99)) ms; \(peakRSS())")

// Suggestions while typing: the first 4-9 letters of a title (at least its first word's first
// four), as typed and with one edit after the third letter of the last word typed.
let suggestService = SearchService(library: library, settings: settings)
_ = suggestService.suggest("warm", in: book, limit: 10)
var cleanTimes: [Double] = [], typoTimes: [Double] = []
var typoFound = 0, typoTried = 0
for test in cases.prefix(1000) {
    let scalars = Array(test.intended.unicodeScalars)
    guard scalars.count >= 6 else { continue }
    let prefix = String(String.UnicodeScalarView(scalars.prefix(min(scalars.count, 4 + Int.random(in: 0...5, using: &random)))))
    var start = ContinuousClock.now
    _ = suggestService.suggest(prefix, in: book, limit: 10)
    cleanTimes.append(milliseconds(start.duration(to: .now)))
    let lastWord = Array((prefix.split(separator: " ").last ?? "").unicodeScalars)
    guard lastWord.count >= 5, !prefix.hasSuffix(" ") else { continue }
    var words = prefix.split(separator: " ").map(String.init)
    var edited = lastWord
    edited.remove(at: Int.random(in: 3..<lastWord.count, using: &random))
    words[words.count - 1] = String(String.UnicodeScalarView(edited))
    let typed = words.joined(separator: " ")
    typoTried += 1
    start = ContinuousClock.now
    let suggestions = suggestService.suggest(typed, in: book, limit: 10)
    typoTimes.append(milliseconds(start.duration(to: .now)))
    if suggestions.contains(where: { $0.title == test.title }) { typoFound += 1 }
}
suggestService.stop()
print("suggestions: as typed p50 \(percentile(cleanTimes, 0.5)) ms, p99 \(percentile(cleanTimes, 0.99)) ms; "
      + "with a letter left out after the third (\(typoTried)): intended title among 10 \(typoFound) "
      + "(\(Double(typoFound) / Double(max(typoTried, 1)))), p50 \(percentile(typoTimes, 0.5)) ms, p99 \(percentile(typoTimes, 0.99)) ms")
