import HTTPServer

/// The captive portal as a pipeline step: connectivity probes and other sites' names are
/// answered before routing (`PortalGate`).
struct CaptivePortal: Middleware {
    let gate: PortalGate

    func before(_ request: Request) throws(KioskError) -> Response? {
        gate.intercept(request)
    }
}
