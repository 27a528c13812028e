import Foundation
import HTTPServer
import Kiosk

/// Runs one fuzz input the way a live request goes, without sockets: raw bytes → what
/// libmicrohttpd would pass on (`RawRequest`) → the daemon's own checks (`RequestAdmission`:
/// framing, body size, method token, strict percent-decoding) → the kiosk `Router` (query
/// parsing, ranges, conditional requests, every handler) → the response as handed to MHD.
/// Returns what is wrong with the answer, in words (empty when all is well).
final class FuzzHarness: Sendable {
    /// Set up once per process (libFuzzer calls the entry point millions of times).
    static let shared: FuzzHarness = {
        do {
            return try FuzzHarness()
        } catch {
            fatalError("could not build the fuzz library: \(error)")
        }
    }()

    let router: Router
    /// Request bodies above this get 413 (the daemon's default).
    let maxBodySize = Daemon.Configuration().maxBodySize

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["WIKIKIOSK_FUZZ_LIBRARY"]
            ?? NSTemporaryDirectory() + "wikikiosk-fuzz-library-\(getuid())"
        let paths = try FuzzLibrary.build(in: folder)
        let log = Log(minimumLevel: .error)
        let library = Library()
        let loader = BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil), log: log)
        loader.load(paths)
        guard library.books.count == paths.count else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: folder])
        }
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20), log: log,
                                   signs: SignDesk(catalogFile: folder + "/signs.csv", template: SignTemplate(), log: log))
        router = KioskRoutes.router(context)
    }

    /// What became of one input.
    struct Outcome {
        /// The status sent, or nil when libmicrohttpd would have refused the bytes itself.
        var status: Int?
        /// What is wrong with the answer (empty when all is well).
        var problems: [String] = []
    }

    /// Runs `bytes` as one request.
    func run(_ bytes: [UInt8]) -> Outcome {
        guard let raw = RawRequest.parse(bytes) else { return Outcome(status: nil) }
        if let refusal = RequestAdmission.refusal(headers: raw.headers, maxBodySize: maxBodySize) {
            return Outcome(status: refusal.status, problems: ResponseChecks.refusal(refusal))
        }
        let body = Array(raw.body.prefix(maxBodySize))
        switch RequestAdmission.admit(method: raw.method, target: raw.target, headers: raw.headers, body: body,
                                      remoteAddress: "192.168.4.23") {
        case .refused(let response):
            return Outcome(status: response.status, problems: ResponseChecks.refusal(response))
        case .admitted(let request):
            var problems = ResponseChecks.rangeEvaluation(request.range)
            let response = RequestAdmission.finalized(router.handle(request), stopping: false)
            problems += ResponseChecks.problems(response, for: request)
            if response.status == 206 {
                problems += ResponseChecks.partialMatchesFull(response, full: fullResponse(to: request))
            }
            return Outcome(status: response.status, problems: problems)
        }
    }

    /// The same request without Range / If-Range (nor Accept-Encoding: ranges are slices of the
    /// identity body): what a 206 must be a slice of.
    private func fullResponse(to request: Request) -> Response {
        var headers = request.headers
        headers.remove("Range")
        headers.remove("If-Range")
        headers.remove("Accept-Encoding")
        let plain = Request(method: request.method, target: request.target, headers: headers, body: request.body,
                            remoteAddress: request.remoteAddress)
        return RequestAdmission.finalized(router.handle(plain), stopping: false)
    }
}
