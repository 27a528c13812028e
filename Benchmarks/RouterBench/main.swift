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
// usage: router-bench BOOK.zim PATHS.txt   (the files `Benchmarks/fitness.sh` writes)

let zim = CommandLine.arguments.count > 2 ? CommandLine.arguments[1] : ""
let pathsFile = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
guard !zim.isEmpty else {
    FileHandle.standardError.write(Data("usage: router-bench BOOK.zim PATHS.txt\n".utf8))
    exit(2)
}
let library = Library()
BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
           log: Log(minimumLevel: .error)).load(zim)
guard let book = library.books.first?.name,
      let list = try? String(contentsOfFile: pathsFile, encoding: .utf8) else {
    FileHandle.standardError.write(Data("router-bench: can't read \(zim) or \(pathsFile)\n".utf8))
    exit(1)
}
let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 16 << 20),
                                             log: Log(minimumLevel: .error)))
let paths = list.split(separator: "\n").prefix(2000).map { "/content/\(book)/" + $0 }
let headers = HTTPHeaders([("Host", "127.0.0.1"), ("Accept-Encoding", "gzip"), ("User-Agent", "wrk")])

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
print("router-bench \(book): \(Int(best)) ns per cached article (best of 5 × \(paths.count * 10) requests; \(tally.bytes) bytes)")
