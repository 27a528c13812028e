import Foundation
import Kiosk
import ZimKit

// Writes a Wikipedia-sized benchmark ZIM: French-like articles of realistic size (median
// ~15 KB of HTML), internal links, a few images, a full-text index, and the list of article
// paths (one per line) the load generator requests.
//
// usage: benchmark-zim OUTPUT.zim PATHS.txt [ARTICLES=20000] [QUERIES.txt]
//
// QUERIES.txt (optional) gets 2,000 search queries typed the lazy way (no accents, lower case):
// article titles ("article 4711 eglise") and pairs of words of the articles ("cathedrale clermont").

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: benchmark-zim OUTPUT.zim PATHS.txt [ARTICLES]\n".utf8))
    exit(2)
}
let output = arguments[1]
let pathsFile = arguments[2]
let articleCount = arguments.count > 3 ? Int(arguments[3]) ?? 20_000 : 20_000

/// A deterministic generator, so every run measures the same ZIM.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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

var random = SplitMix64(state: 42)
@MainActor func sentence(_ words: Int) -> String {
    var parts: [String] = []
    for _ in 0..<words { parts.append(vocabulary[Int(random.next() % UInt64(vocabulary.count))]) }
    return parts.joined(separator: " ").prefix(1).uppercased() + parts.joined(separator: " ").dropFirst() + "."
}

func title(_ index: Int) -> String { "Article \(index) \(vocabulary[index % vocabulary.count])" }
func path(_ index: Int) -> String { "A/" + title(index).replacingOccurrences(of: " ", with: "_") }

var options = ZimWriter.Options()
options.fullTextIndexLanguage = "fra"
options.workerThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
let writer = try ZimWriter(path: output, options: options)
try writer.addMetadata("Title", "Benchmark Wikipédia")
try writer.addMetadata("Description", "\(articleCount) articles for benchmarks")
try writer.addMetadata("Language", "fra")
try writer.addMetadata("Date", "2026-11-21")
try writer.addItem(path: "-/style.css", title: "", mimeType: "text/css",
                   text: String(repeating: "body{font-family:sans-serif}.x{color:#222}\n", count: 50))
var image = [UInt8](repeating: 0, count: 30_000)
for index in image.indices { image[index] = UInt8(truncatingIfNeeded: random.next()) }
for index in 0..<50 {
    try writer.addItem(path: "I/image_\(index).jpg", title: "", mimeType: "image/jpeg", content: image)
}
var paths: [String] = []
paths.reserveCapacity(articleCount)
for index in 0..<articleCount {
    // Log-normal-ish sizes: median ~15 KB, some long articles.
    let paragraphs = 8 + Int(random.next() % 24) + (index % 10 == 0 ? 40 : 0)
    var body = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>\(title(index))</title>"
    body += "<link rel=\"stylesheet\" href=\"../-/style.css\"></head><body><h1>\(title(index))</h1>"
    body += "<img src=\"../I/image_\(index % 50).jpg\" alt=\"\">"
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
writer.setMainPath(path(0))
try writer.finish()
try (paths.joined(separator: "\n") + "\n").write(toFile: pathsFile, atomically: true, encoding: .utf8)
if arguments.count > 4 {
    var queries: [String] = []
    for n in 0..<2_000 {
        if n % 2 == 0 {
            queries.append(TextFolding.fold(title(Int(random.next() % UInt64(articleCount)))))
        } else {
            let a = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            let b = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            queries.append(TextFolding.fold(a + " " + b))
        }
    }
    try (queries.joined(separator: "\n") + "\n").write(toFile: arguments[4], atomically: true, encoding: .utf8)
}
print("wrote \(output) with \(articleCount) articles")
