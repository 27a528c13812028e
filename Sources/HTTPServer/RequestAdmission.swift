/// What the daemon decides by itself before and after the handler, as pure functions of what
/// libmicrohttpd parsed: `RequestDispatch` calls them for live requests, and the fuzz target
/// (`Sources/RequestFuzzer`) runs raw requests through the very same functions without sockets.
/// `package`: visible to this package's targets, not API.
package enum RequestAdmission {
    /// Whether the request goes on to the handler, or what the daemon answered instead.
    package enum Outcome {
        /// The request the handler gets.
        case admitted(Request)
        /// The daemon's own answer (400); the handler is not called.
        case refused(Response)
    }

    /// The answer once the header fields are in and before any body is read, or nil to go on:
    /// 400 (and the connection closed) for an HTTP/1.1 request without `Host` (RFC 9112 §3.2;
    /// libmicrohttpd 0.9.75's own strict-mode answer sends its head twice, so the daemon runs it
    /// lenient and checks here) and for ambiguous body framing, 413 for a declared
    /// Content-Length above `maxBodySize`.
    package static func refusal(version: String? = nil, headers: HTTPHeaders, declaresBody: Bool = true,
                                maxBodySize: Int) -> Response? {
        if version == "HTTP/1.1", !headers.contains("Host") {
            var response = Response.plainError(400, "Bad Request: an HTTP/1.1 request needs a Host header")
            response.headers.set("Connection", "close")
            return response
        }
        guard declaresBody else { return nil }
        if RequestFraming.problem(headers) != nil { return RequestFraming.rejection() }
        if let value = headers["Content-Length"], let declared = UInt64(value.trimmingOWS()),
           declared > UInt64(max(0, maxBodySize)) {
            return .plainError(413, "Content Too Large")
        }
        return nil
    }

    /// The request for the handler, or 400: the method must be a token (MHD passes any bytes
    /// before the first space), the target valid UTF-8 (`target` is nil otherwise) and its path
    /// valid percent-encoded UTF-8 without NUL.
    package static func admit(method: String?, target: String?, headers: HTTPHeaders, body: [UInt8],
                              remoteAddress: String?) -> Outcome {
        guard let method, RequestDispatch.isToken(method), let target else {
            return .refused(.plainError(400, "Bad Request"))
        }
        let request = Request(method: HTTPMethod(method), target: target, headers: headers, body: body,
                              remoteAddress: remoteAddress)
        // libmicrohttpd runs lenient (see `refusal`): white space inside the target is refused here.
        guard request.path != nil, !target.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else {
            return .refused(.plainError(400, "Bad Request"))
        }
        return .admitted(request)
    }

    /// The response as it is handed to libmicrohttpd: a status outside 200…599 becomes 500,
    /// "X-Content-Type-Options: nosniff" is added when absent, and "Connection: close" while the
    /// daemon is stopping.
    package static func finalized(_ response: Response, stopping: Bool) -> Response {
        var response = response
        if !(200...599).contains(response.status) { response = .plainError(500, "Internal Server Error") }
        if !response.headers.contains("X-Content-Type-Options") {
            response.headers.add("X-Content-Type-Options", "nosniff")
        }
        if stopping { response.headers.set("Connection", "close") }
        return response
    }
}
