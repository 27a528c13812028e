import Foundation
import HTTPServer

/// The invariants every answer must keep, whatever the request: no 5xx, a head libmicrohttpd
/// can send as is, a body that can be produced in full, and ranges that lie within the body.
enum ResponseChecks {
    /// What is wrong with the kiosk's `response` to `request`.
    static func problems(_ response: Response, for request: Request) -> [String] {
        var problems: [String] = []
        if !(200..<500).contains(response.status) { problems.append("status \(response.status)") }
        problems += headProblems(response)
        let status = response.status
        if (300..<400).contains(status), status != 304, response.headers["Location"] == nil {
            problems.append("\(status) without Location")
        }
        if status == 304, response.body.count != 0 { problems.append("304 with a body") }
        if status == 206, request.range == nil { problems.append("206 without a Range header") }
        if status == 416 {
            if response.headers["Content-Range"]?.hasPrefix("bytes */") != true {
                problems.append("416 without \"Content-Range: bytes */size\"")
            }
            if response.body.count != 0 { problems.append("416 with a body") }
        }
        // The body must be producible in full: a short one cuts the client off after the head.
        switch Bodies.bytes(of: response.body) {
        case .success(let bytes):
            if UInt64(bytes.count) != response.body.count {
                problems.append("body has \(bytes.count) bytes, \(response.body.count) announced")
            }
        case .failure(let failure):
            problems.append(failure.reason)
        }
        return problems
    }

    /// A 206 is exactly the announced slice of the full answer to the same request.
    static func partialMatchesFull(_ partial: Response, full: Response) -> [String] {
        guard let contentRange = partial.headers["Content-Range"], let range = parse(contentRange) else {
            return ["206 with a malformed Content-Range \(partial.headers["Content-Range"].debugDescription)"]
        }
        guard range.first <= range.last, range.last < range.size else {
            return ["206 with Content-Range \(contentRange) outside the body"]
        }
        guard partial.body.count == range.last - range.first + 1 else {
            return ["206 body of \(partial.body.count) bytes for Content-Range \(contentRange)"]
        }
        guard full.status == 200 else { return [] }  // e.g. the same path, now a redirect: nothing to compare
        guard full.body.count == range.size else {
            return ["Content-Range \(contentRange) but the full body has \(full.body.count) bytes"]
        }
        guard case .success(let whole) = Bodies.bytes(of: full.body),
              case .success(let part) = Bodies.bytes(of: partial.body) else { return [] }
        if Array(whole[Int(range.first)...Int(range.last)]) != part {
            return ["206 body is not bytes \(range.first)-\(range.last) of the full body"]
        }
        return []
    }

    /// `ByteRange` on its own: a partial answer always lies within the resource.
    static func rangeEvaluation(_ header: String?) -> [String] {
        for size: UInt64 in [0, 1, 2, 1000, 100_000, UInt64.max] {
            if case .partial(let offset, let count) = ByteRange.evaluate(header: header, resourceSize: size) {
                if count == 0 || offset >= size || count > size - offset {
                    return ["ByteRange.evaluate(\(header.debugDescription), \(size)) = \(offset)+\(count)"]
                }
            }
        }
        return []
    }

    /// The daemon's own refusals are 4xx with a sendable head.
    static func refusal(_ response: Response) -> [String] {
        var problems = headProblems(response)
        if ![400, 413].contains(response.status) { problems.append("daemon refusal with status \(response.status)") }
        return problems
    }

    /// Field names must be tokens and values free of CR, LF and NUL (MHD would drop the field).
    static func headProblems(_ response: Response) -> [String] {
        var problems: [String] = []
        for (name, value) in response.headers.pairs {
            if name.isEmpty || name.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: ":") }) {
                problems.append("bad field name \(name.debugDescription)")
            }
            if value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                problems.append("CR/LF/NUL in \(name): \(value.debugDescription)")
            }
        }
        if response.headers.values("Content-Range").count > 1 { problems.append("several Content-Range fields") }
        return problems
    }

    /// "bytes 0-99/1000" -> (0, 99, 1000).
    private static func parse(_ contentRange: String) -> (first: UInt64, last: UInt64, size: UInt64)? {
        guard contentRange.hasPrefix("bytes ") else { return nil }
        let numbers = contentRange.dropFirst(6).split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard numbers.count == 3, let first = UInt64(numbers[0]), let last = UInt64(numbers[1]),
              let size = UInt64(numbers[2]) else { return nil }
        return (first, last, size)
    }
}
