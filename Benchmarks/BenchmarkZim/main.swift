import Foundation
import Kiosk
import ZimKit

// Writes a Wikipedia-sized benchmark ZIM: French-like articles of realistic size (median
// ~15 KB of HTML), internal links, a few images, a full-text index, and the list of article
// paths (one per line) the load generator requests.
//
// usage: benchmark-zim OUTPUT.zim PATHS.txt [ARTICLES=20000] [QUERIES.txt] [small|zipf]
//                      [--images N] [--image-list FILE] [--filler-mib N] [--redirects N] [--short 1]
//
// --images N (default 300): distinct JPEG-like images of 20-200 KB (random bytes behind a JFIF
// header, so incompressible, like real photos), each article linking one (`I/image_<n>.jpg`);
// --image-list FILE gets their paths, one per line, for the load generator.
// --filler-mib N: adds about N MiB more of such images (`I/filler_<n>.jpg`, 200 KB each, linked
// from no article) to make a big file quickly: libzim stores images uncompressed, so writing
// 2 GB takes about as long as the disk needs to write it.
// --redirects N: adds N redirects to articles, to give the file as many entries as a real
// Wikipedia (millions): what the per-entry checks at start-up scale with. Their titles are more
// corpus titles (other names of the article, as Wikipedia's redirects are); "Renvoi <n>" with
// the `small` corpus.
// --short 1: one paragraph per article (~60 words) and no full-text index: a file with the
// titles and entries of the whole French Wikipedia (2.6 million articles, 2 million redirects)
// written in minutes, to measure start-up and the title indexes at that scale.
//
// QUERIES.txt (optional) gets 2,000 search queries typed the lazy way (no accents, lower case):
// article titles ("article 4711 eglise") and pairs of words of the articles ("cathedrale clermont").
//
// Corpus `small` (the default before 2026-12-03; BENCHMARKS.md's older rows): text drawn uniformly from ~150 words, so every query word is in
// nearly every article (a worst case for Xapian, unlike real text). Corpus `zipf` (default): text drawn
// from a Zipf distribution (s = 1) over the common French words followed by 20,000 pronounceable
// pseudo-words (like a real language's long tail), titles made of 1-3 such words, and queries
// of titles and of pairs of content words drawn the same way.

/// Positional arguments, with the `--name value` options taken out into `flags`.
let (arguments, flags): ([String], [String: String]) = {
    var positional: [String] = []
    var flags: [String: String] = [:]
    var rest = CommandLine.arguments[...]
    while let argument = rest.popFirst() {
        if argument.hasPrefix("--"), let value = rest.popFirst() {
            flags[String(argument.dropFirst(2))] = value
        } else {
            positional.append(argument)
        }
    }
    return (positional, flags)
}()
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("""
        usage: benchmark-zim OUTPUT.zim PATHS.txt [ARTICLES] [QUERIES.txt] [small|zipf] \
        [--images N] [--image-list FILE] [--filler-mib N] [--redirects N] [--short 1]

        """.utf8))
    exit(2)
}
let imageCount = max(1, Int(flags["images"] ?? "") ?? 300)
let fillerMiB = max(0, Int(flags["filler-mib"] ?? "") ?? 0)
let redirectCount = max(0, Int(flags["redirects"] ?? "") ?? 0)
let shortArticles = flags["short"] == "1"
let output = arguments[1]
let pathsFile = arguments[2]
let articleCount = arguments.count > 3 ? Int(arguments[3]) ?? 20_000 : 20_000
// zipf by default: text that compresses like a real language (pages gzip to ~45 %), not the
// `small` corpus's 150 words, which flattered every cache (issue 21).
let zipfCorpus = arguments.count > 5 ? arguments[5] != "small" : true


let vocabulary = """
    la le les de des du un une et en à au aux pour par sur dans avec sans sous entre vers chez ville commune \
    département région histoire église cathédrale château rivière montagne population habitants siècle roi \
    reine guerre paix musée pont place rue gare école université bibliothèque marché fontaine abbaye \
    volcan lac forêt vallée plateau industrie agriculture commerce patrimoine monument architecture gothique \
    roman renaissance révolution république empire province duché comté seigneurie paroisse évêque moine \
    artiste peintre écrivain poète musicien scientifique ingénieur médecin philosophe historien géographe \
    construit fondé détruit reconstruit classé inscrit situé connu célèbre important ancien nouveau grand \
    petit premier dernier nord sud est ouest centre Clermont-Ferrand Auvergne Loire Rhône Volvic Puy-de-Dôme
    """.split(separator: " ").map(String.init)

var random = SplitMix64(seed: 42)

/// The zipf corpus's words by rank: common French words first, then the vocabulary above, then
/// pseudo-words made of French-looking syllables.
let rankedWords: [String] = {
    let common = """
        de la le et les des en un du une que est pour qui dans par plus pas au sur ne se son il sa \
        avec ce aux elle ses ou mais comme sont été être leur nous fait dont cette ont entre même aussi \
        deux ans après tout ville premier lors première sous où très grand sans bien depuis ces été \
        temps autres partie nom année fut était faire peut avait fois alors contre vers trois selon
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    var generator = SplitMix64(seed: 7)
    let onsets = ["b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "br", "cl", "gr", "pl", "tr"]
    let vowels = ["a", "e", "i", "o", "u", "ou", "é", "è", "an", "on", "in", "au", "eu", "oi"]
    let codas = ["", "", "", "n", "r", "s", "l", "t", "c", "x"]
    var seen = Set(common + vocabulary)
    var words = common + vocabulary.filter { !common.contains($0) }
    while words.count < 20_000 + common.count {
        var word = ""
        for _ in 0..<(2 + Int(generator.next() % 3)) {
            word += onsets[Int(generator.next() % UInt64(onsets.count))]
            word += vowels[Int(generator.next() % UInt64(vowels.count))]
        }
        word += codas[Int(generator.next() % UInt64(codas.count))]
        if seen.insert(word).inserted { words.append(word) }
    }
    return words
}()

/// Cumulative Zipf weights (s = 1) over `rankedWords`, for sampling by binary search.
let zipfCumulative: [Double] = {
    var total = 0.0
    return rankedWords.indices.map { rank in
        total += 1 / Double(rank + 1)
        return total
    }
}()

/// A word drawn from the Zipf distribution, skipping the `skip` most frequent.
@MainActor func zipfWord(skip: Int = 0) -> String {
    let low = skip == 0 ? 0 : zipfCumulative[skip - 1]
    let target = low + (zipfCumulative[zipfCumulative.count - 1] - low) * Double(random.next() >> 11) / Double(1 << 53)
    var lower = skip, upper = zipfCumulative.count - 1
    while lower < upper {
        let middle = (lower + upper) / 2
        if zipfCumulative[middle] < target { lower = middle + 1 } else { upper = middle }
    }
    return rankedWords[lower]
}

@MainActor func sentence(_ words: Int) -> String {
    var parts: [String] = []
    for _ in 0..<words {
        parts.append(zipfCorpus ? zipfWord() : vocabulary[Int(random.next() % UInt64(vocabulary.count))])
    }
    return parts.joined(separator: " ").prefix(1).uppercased() + parts.joined(separator: " ").dropFirst() + "."
}

/// Zipf corpus titles: 1-3 content words, unique ("Volbrenac", "Pont de Tranichou").
let zipfTitles: [String] = {
    guard zipfCorpus else { return [] }
    var titles: [String] = []
    var seen = Set<String>()
    titles.reserveCapacity(articleCount + redirectCount)
    while titles.count < articleCount + redirectCount {
        let words = 1 + Int(random.next() % 3)
        var parts = [zipfWord(skip: 60)]
        if words > 1 { parts.append(random.next() % 2 == 0 ? "de" : "du") }
        if words > 1 { parts.append(zipfWord(skip: 60)) }
        let text = parts.joined(separator: " ")
        let title = text.prefix(1).uppercased() + text.dropFirst()
        if seen.insert(TextFolding.fold(title)).inserted { titles.append(title) }
    }
    return titles
}()

@MainActor func title(_ index: Int) -> String {
    zipfCorpus ? zipfTitles[index] : "Article \(index) \(vocabulary[index % vocabulary.count])"
}
@MainActor func path(_ index: Int) -> String { "A/" + title(index).replacingOccurrences(of: " ", with: "_") }

var options = ZimWriter.Options()
options.fullTextIndexLanguage = shortArticles ? nil : "fra"
options.workerThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
let writer = try ZimWriter(path: output, options: options)
try writer.addMetadata("Title", "Benchmark Wikipédia")
try writer.addMetadata("Description", "\(articleCount) articles for benchmarks")
try writer.addMetadata("Language", "fra")
try writer.addMetadata("Date", "2026-11-21")
try writer.addItem(path: "-/style.css", title: "", mimeType: "text/css",
                   text: String(repeating: "body{font-family:sans-serif}.x{color:#222}\n", count: 50))
/// Incompressible JPEG-like bytes: a JFIF header, random data, the end-of-image marker.
/// Own generator, so the article text does not depend on the number or size of images.
var imageRandom = SplitMix64(seed: 1_000_003)
@MainActor func jpegLike(size: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: size)
    bytes.withUnsafeMutableBytes { raw in
        let words = raw.bindMemory(to: UInt64.self)
        for index in words.indices { words[index] = imageRandom.next() }
    }
    let header: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]
    bytes.replaceSubrange(0..<header.count, with: header)
    bytes[size - 2] = 0xFF
    bytes[size - 1] = 0xD9
    return bytes
}
var imagePaths: [String] = []
for index in 0..<imageCount {
    // 20 to 200 KB, more small ones than big ones (log-uniform).
    let unit = Double(imageRandom.next() >> 11) / Double(1 << 53)
    let size = Int(20_000 * pow(10, unit))
    try writer.addItem(path: "I/image_\(index).jpg", title: "", mimeType: "image/jpeg", content: jpegLike(size: size))
    imagePaths.append("I/image_\(index).jpg")
}
if fillerMiB > 0 {
    let fillerSize = 200 * 1024
    for index in 0..<(fillerMiB * 1024 * 1024 + fillerSize - 1) / fillerSize {
        try writer.addItem(path: "I/filler_\(index).jpg", title: "", mimeType: "image/jpeg",
                           content: jpegLike(size: fillerSize))
    }
}
if let imageList = flags["image-list"] {
    try (imagePaths.joined(separator: "\n") + "\n").write(toFile: imageList, atomically: true, encoding: .utf8)
}
var paths: [String] = []
paths.reserveCapacity(articleCount)
for index in 0..<articleCount {
    // Log-normal-ish sizes: median ~15 KB, some long articles.
    let paragraphs = shortArticles ? 1 : 8 + Int(random.next() % 24) + (index % 10 == 0 ? 40 : 0)
    var body = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>\(title(index))</title>"
    body += "<link rel=\"stylesheet\" href=\"../-/style.css\"></head><body><h1>\(title(index))</h1>"
    body += "<img src=\"../I/image_\(index % imageCount).jpg\" alt=\"\">"
    for _ in 0..<paragraphs {
        body += "<p>"
        for _ in 0..<4 { body += sentence(8 + Int(random.next() % 10)) + " " }
        let link = Int(random.next() % UInt64(articleCount))
        body += "Voir <a href=\"../\(path(link))\">\(title(link))</a>.</p>\n"
    }
    body += "</body></html>"
    try writer.addItem(path: path(index), title: title(index), mimeType: "text/html", text: body, frontArticle: true)
    paths.append(URLPath.encodePath(path(index)))
}
for index in 0..<redirectCount {
    let other = zipfCorpus ? zipfTitles[articleCount + index] : "Renvoi \(index)"
    try writer.addRedirect(path: "A/" + other.replacingOccurrences(of: " ", with: "_"), title: other,
                           target: path(index % articleCount))
}
writer.setMainPath(path(0))
try writer.finish()
try (paths.joined(separator: "\n") + "\n").write(toFile: pathsFile, atomically: true, encoding: .utf8)
if arguments.count > 4 {
    var queries: [String] = []
    for n in 0..<2_000 {
        if n % 2 == 0 {
            queries.append(TextFolding.fold(title(Int(random.next() % UInt64(articleCount)))))
        } else if zipfCorpus {
            // Content words, as people type them (no "de", "la"…).
            queries.append(TextFolding.fold(zipfWord(skip: 60) + " " + zipfWord(skip: 60)))
        } else {
            let a = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            let b = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            queries.append(TextFolding.fold(a + " " + b))
        }
    }
    try (queries.joined(separator: "\n") + "\n").write(toFile: arguments[4], atomically: true, encoding: .utf8)
}
print("wrote \(output) with \(articleCount) articles")
