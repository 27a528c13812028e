import Dispatch
import Foundation
import HTTPServer
import Kiosk

// The kiosk's own cost of answering a cached article, without network or other processes:
// `Router.handle` for the first 2,000 paths of a benchmark corpus, gzip accepted, after a
// warm-up (the gzip cache holds them), best of 5 rounds. The shared machine's noise is ±15 %
// on wrk runs; this number moves by a few percent, so a change to the request path can be
// compared before and after (run both builds on the same core: `taskset -c 0`).
//
// usage: router-bench BOOK.zim PATHS.txt [--paths 2000] [--cache-mib 16] [--no-gzip] [--reading on|off]
//   (BOOK.zim and PATHS.txt: the files `Benchmarks/fitness.sh` writes)
// --no-gzip: requests without Accept-Encoding (every answer is the page read from the ZIM's
//   cluster cache, decorated again when the reading toolbar is on: the per-page cost of the
//   decoration); --reading off: `[reading] toolbar = off, external-links = off`.

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let zim = arguments.count >= 2 ? arguments[0] : ""
let pathsFile = arguments.count >= 2 ? arguments[1] : ""
guard !zim.isEmpty else {
    FileHandle.standardError.write(Data("usage: router-bench BOOK.zim PATHS.txt [--paths N] [--cache-mib N] [--no-gzip] [--reading on|off]\n".utf8))
    exit(2)
}
let pathCount = option("--paths").flatMap(Int.init) ?? 2000
let cacheMiB = option("--cache-mib").flatMap(Int.init) ?? 16
let gzip = !arguments.contains("--no-gzip")
var settings = KioskSettings()
settings.readingToolbar = option("--reading") != "off"
settings.readingExternalLinks = settings.readingToolbar
let library = Library()
BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
           log: Log(minimumLevel: .error)).load(zim)
guard let book = library.books.first?.name,
      let list = try? String(contentsOfFile: pathsFile, encoding: .utf8) else {
    FileHandle.standardError.write(Data("router-bench: can't read \(zim) or \(pathsFile)\n".utf8))
    exit(1)
}
let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: cacheMiB << 20),
                                             log: Log(minimumLevel: .error), settings: LiveSettings(settings)))
let paths = list.split(separator: "\n").prefix(pathCount).map { "/content/\(book)/" + $0 }
let headers = HTTPHeaders([("Host", "127.0.0.1"), ("User-Agent", "wrk")] + (gzip ? [("Accept-Encoding", "gzip")] : []))

/// Bytes answered, so the work can't be optimised away.
final class Tally: @unchecked Sendable { var bytes = 0 }
let tally = Tally()

func run(_ rounds: Int) -> Int {
    var requests = 0
    for _ in 0..<rounds {
        for path in paths {
            router.handle(Request(method: .get, target: path, headers: headers, remoteAddress: "127.0.0.1")) {
                tally.bytes &+= Int($0.body.count)
            }
            requests += 1
        }
    }
    return requests
}

_ = run(3)
var best = Double.infinity
for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    let requests = run(10)
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(requests))
}
let mode = (gzip ? "gzip" : "no gzip") + ", reading " + (settings.readingToolbar ? "on" : "off")
print("router-bench \(book) (\(mode)): \(Int(best)) ns per article (best of 5 × \(paths.count * 10) requests; \(tally.bytes) bytes)")
