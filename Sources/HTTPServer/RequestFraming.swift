import CMicroHTTPD

/// Checks how a request says where its body ends, before the body is read: the ambiguities
/// request smuggling relies on are refused (RFC 9112 §6.1, §6.3), with a 400 and the connection
/// closed so that nothing sent after them on that connection is read as another request.
///
/// libmicrohttpd 0.9.75 accepts a request with both Content-Length and Transfer-Encoding (it
/// reads the body as chunked) and keeps the connection open, uses the first of several
/// Content-Length fields, and ignores a Transfer-Encoding other than "chunked".
enum RequestFraming {
    /// Why the request's framing is refused, or nil when it is unambiguous.
    static func problem(_ headers: HTTPHeaders) -> String? {
        let lengths = headers.values("Content-Length")
        let encodings = headers.values("Transfer-Encoding")
        if !encodings.isEmpty {
            if !lengths.isEmpty { return "both Content-Length and Transfer-Encoding" }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingOWS().asciiLowercased }
            // Only plain "chunked" is understood; anything else can't be framed safely.
            if codings != ["chunked"] { return "unsupported Transfer-Encoding" }
        }
        if !lengths.isEmpty {
            let values = Set(lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingOWS() })
            guard values.count == 1, let value = values.first, !value.isEmpty,
                  value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), UInt64(value) != nil
            else { return "invalid or conflicting Content-Length" }
        }
        for (name, _) in headers.pairs where !RequestDispatch.isToken(name) {
            return "invalid header field name"
        }
        return nil
    }

    /// The answer to a request refused for its framing: 400, and the connection closed.
    static func rejection() -> Response {
        var response = Response.plainError(400, "Bad Request")
        response.headers.set("Connection", "close")
        return response
    }
}

extension RequestDispatch {
    /// Whether the request has a Content-Length or Transfer-Encoding field: only then is its
    /// framing checked (a cheap lookup; most requests are GETs without either).
    var declaresBody: Bool {
        MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length") != nil
            || MHD_lookup_connection_value(connection, .HEADER_KIND, "Transfer-Encoding") != nil
    }
}
