/// A QR code as inline SVG for the kiosk's pages: one path of dark runs on a white square with
/// the quiet zone, scalable, with a text alternative.
extension QRCode {
    func svg(label: String) -> HTML {
        let side = sizeWithQuietZone
        var path = ""
        for run in darkRuns {
            path += "M\(run.x + Self.quietZone) \(run.y + Self.quietZone)h\(run.length)v1h-\(run.length)z"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 4)" height="\(side * 4)" \
            role="img" aria-label="\(label)" shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}
