import CMicroHTTPD

/// One call of the access handler: the phases of a request and the daemon's own answers.
struct RequestDispatch {
    let context: DaemonContext
    let connection: OpaquePointer

    func access(
        url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>, uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>, requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        let state = requestState(requestContext, url: url)

        if !state.headersSeen {
            // First call: headers are in, the body (if any) is not.
            state.headersSeen = true
            if declaresBody, RequestFraming.problem(headers()) != nil {
                // Ambiguous body framing (request smuggling): refuse and close the connection.
                state.responded = true
                return queue(RequestFraming.rejection())
            }
            if let declared = declaredContentLength(), declared > UInt64(context.maxBodySize) {
                // Answer before reading the body; MHD then closes the connection.
                state.responded = true
                return queue(.plainError(413, "Content Too Large"))
            }
            return .YES
        }
        if uploadDataSize.pointee > 0 {
            let size = uploadDataSize.pointee
            uploadDataSize.pointee = 0
            if state.responded { return .YES }
            // A chunked body past the limit: MHD cannot queue an answer mid-body, so close.
            guard state.body.count + size <= context.maxBodySize else { return .NO }
            if let uploadData {
                state.body.append(contentsOf: UnsafeRawBufferPointer(start: uploadData, count: size))
            }
            return .YES
        }
        if state.responded {
            // Called again after MHD_resume_connection: the deferred answer is in.
            if let reply = state.reply, let response = reply.takeResumedAnswer() {
                state.reply = nil
                return queue(response)
            }
            return .YES
        }
        state.responded = true
        // MHD passes any bytes before the first space as the method; RFC 9110 wants a token.
        guard let methodName = String(validatingCString: method), Self.isToken(methodName) else {
            return queue(.plainError(400, "Bad Request"))
        }
        return respond(state: state, method: HTTPMethod(methodName))
    }

    /// RFC 9110 §5.6.2 token: one or more tchar.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    private func respond(state: RequestState, method: HTTPMethod) -> MHD_Result {
        guard let target = state.target else {
            return queue(.plainError(400, "Bad Request"))
        }
        let request = Request(method: method, target: target, headers: headers(),
                              body: state.body, remoteAddress: remoteAddress())
        state.body = []
        guard request.path != nil else {
            return queue(.plainError(400, "Bad Request"))
        }
        // The handler may answer at once (the usual case: queued right here) or later from
        // another thread: then the connection is suspended and this pool thread moves on.
        let reply = DeferredReply(connection: connection)
        let registry = context.deferred
        context.handler.handle(request) { response in reply.complete(response, registry: registry) }
        if let response = reply.answerOrSuspend(registry: registry) { return queue(response) }
        state.reply = reply
        return .YES
    }

    private func queue(_ response: Response) -> MHD_Result {
        var response = response
        if !(200...599).contains(response.status) { response = .plainError(500, "Internal Server Error") }
        if !response.headers.contains("X-Content-Type-Options") {
            response.headers.add("X-Content-Type-Options", "nosniff")
        }
        if context.stopping.load(ordering: .acquiring) { response.headers.set("Connection", "close") }
        guard let built = MHDResponseBuilder.build(response) else { return .NO }
        defer { MHD_destroy_response(built.pointer) }
        return MHD_queue_response(connection, UInt32(built.status), built.pointer)
    }

    /// The state created by the URI-log callback, or (should MHD not have called it) one built
    /// from `url` and the raw GET arguments.
    private func requestState(_ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>,
                              url: UnsafePointer<CChar>?) -> RequestState {
        if let existing = requestContext.pointee {
            return Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
        }
        let state = RequestState(target: fallbackTarget(url: url))
        context.inFlight.add(1, ordering: .relaxed)
        requestContext.pointee = Unmanaged.passRetained(state).toOpaque()
        return state
    }

    /// Rebuilds a target from the still-escaped URL (the unescape callback is a no-op) and the
    /// raw arguments. MHD has turned '+' into ' ' in arguments; ' ' goes back to '+'.
    private func fallbackTarget(url: UnsafePointer<CChar>?) -> String? {
        guard let url, let path = String(validatingCString: url) else { return nil }
        let collector = HeaderCollector()
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(connection, .GET_ARGUMENT_KIND, mhdCollectHeader,
                                          Unmanaged.passUnretained(collector).toOpaque())
        }
        guard !collector.pairs.isEmpty else { return path }
        let encode = { (text: String) in String(text.map { $0 == " " ? "+" : $0 }) }
        return path + "?" + collector.pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    func headers() -> HTTPHeaders {
        let collector = HeaderCollector()
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(connection, .HEADER_KIND, mhdCollectHeader,
                                          Unmanaged.passUnretained(collector).toOpaque())
        }
        return HTTPHeaders(collector.pairs)
    }

    private func declaredContentLength() -> UInt64? {
        guard let value = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length") else { return nil }
        return UInt64(String(cString: value).trimmingOWS())
    }

    private func remoteAddress() -> String? {
        guard let address = cmhd_connection_client_address(connection) else { return nil }
        return SocketAddress.text(of: address)
    }
}
