import CMicroHTTPD

/// One call of the access handler: the phases of a request and the daemon's own answers.
struct RequestDispatch {
    let context: DaemonContext
    let connection: OpaquePointer

    func access(
        url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>, version: String?, uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>, requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        let state = requestState(requestContext, url: url)

        if !state.headersSeen {
            // First call: headers are in, the body (if any) is not.
            state.headersSeen = true
            context.connections.headersReceived(Int(bitPattern: UnsafeRawPointer(connection)))
            // Ambiguous body framing (request smuggling): 400, connection closed. A declared body
            // over the limit: 413 before reading it; MHD then closes the connection.
            // The headers are collected only when there is something to check (a GET with its
            // Host has nothing): collecting them costs several µs per request.
            let lacksHost = version == "HTTP/1.1" && MHD_lookup_connection_value(connection, .HEADER_KIND, "Host") == nil
            if lacksHost || declaresBody,
               let refusal = RequestAdmission.refusal(version: version, headers: headers(), declaresBody: declaresBody,
                                                      maxBodySize: context.maxBodySize) {
                state.responded = true
                return queue(refusal)
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
        return respond(state: state, method: String(validatingCString: method))
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

    private func respond(state: RequestState, method: String?) -> MHD_Result {
        // A method that is not a token, a target that is not UTF-8 or a malformed path: 400.
        let outcome = RequestAdmission.admit(method: method, target: state.target, headers: headers(),
                                             body: state.body, remoteAddress: remoteAddress())
        state.body = []
        let request: Request
        switch outcome {
        case .refused(let response): return queue(response)
        case .admitted(let admitted): request = admitted
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
        let response = RequestAdmission.finalized(response, stopping: context.stopping.load(ordering: .acquiring))
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

    private func remoteAddress() -> String? {
        guard let address = cmhd_connection_client_address(connection) else { return nil }
        return SocketAddress.text(of: address)
    }
}
