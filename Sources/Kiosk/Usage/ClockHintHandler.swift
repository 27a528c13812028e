import HTTPServer

/// `POST /usage/clock` with `t=<milliseconds since 1970>` (query or form body): a visitor's
/// phone tells the kiosk what time it is. Used only to date statistics while the kiosk's own
/// clock is not synchronised (a Pi has no real-time clock), as a median over several phones.
/// Answers 204; a missing or malformed `t` gets 400. The landing page may call it with
/// `navigator.sendBeacon('/usage/clock?t=' + Date.now())`.
struct ClockHintHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.first == "clock", segments.count == 1 else { throw .notFound }
        let form = QueryParameters.parse(String(decoding: request.body.prefix(256), as: UTF8.self))
        guard let text = request.query["t"] ?? form["t"], let milliseconds = Double(text),
              milliseconds.isFinite, milliseconds > 0, milliseconds < 4.1e12 else {
            throw KioskError(status: 400, key: "badrequest", message: "badrequest.clock")
        }
        context.usage.recordClientClock(phoneTime: milliseconds / 1000, clientAddress: request.remoteAddress,
                                        userAgent: request.headers["User-Agent"])
        return Response(status: 204, headers: HTTPHeaders([("Cache-Control", "no-store")]))
    }
}
