import Foundation

/// Small inline SVG charts: no script, no external asset, prints well. Each has an accessible
/// name (`role="img"` with `aria-label`) and a tooltip per bar.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Int
        var secondary: Int? = nil
    }

    /// Vertical bars (a secondary series drawn as a thinner darker bar), labels under every `labelEvery` bars.
    static func columns(_ bars: [Bar], name: String, width: Int = 680, height: Int = 200, labelEvery: Int = 1,
                        color: String = "#3366cc", secondaryColor: String = "#f28e2b") -> HTML {
        guard !bars.isEmpty else { return .empty }
        let top = max(1, bars.map { max($0.value, $0.secondary ?? 0) }.max() ?? 1)
        let left = 44, bottom = 28, plotHeight = height - bottom - 10
        let slot = Double(width - left - 8) / Double(bars.count)
        var svg = open(width: width, height: height, name: name)
        for step in 0...4 {
            let value = top * step / 4
            let y = 10 + plotHeight - plotHeight * step / 4
            svg += "<line x1=\"\(left)\" x2=\"\(width - 8)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(y + 4)\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">\(value)</text>"
        }
        for (index, bar) in bars.enumerated() {
            let x = Double(left) + slot * Double(index)
            let h = Double(plotHeight) * Double(bar.value) / Double(top)
            svg += rect(x: x + slot * 0.1, y: Double(10 + plotHeight) - h, w: slot * 0.8, h: h, color: color,
                        title: "\(bar.label): \(bar.value)")
            if let second = bar.secondary {
                let h2 = Double(plotHeight) * Double(second) / Double(top)
                svg += rect(x: x + slot * 0.35, y: Double(10 + plotHeight) - h2, w: slot * 0.3, h: h2, color: secondaryColor,
                            title: "\(bar.label): \(second)")
            }
            if index % max(1, labelEvery) == 0 {
                svg += "<text x=\(q(x + slot / 2)) y=\"\(height - 12)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">\(bar.label)</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with labels and values, for shares (arrivals, devices, funnel).
    static func rows(_ bars: [Bar], name: String, width: Int = 680, color: String = "#3366cc") -> HTML {
        guard !bars.isEmpty else { return .empty }
        let top = max(1, bars.map(\.value).max() ?? 1)
        let rowHeight = 22, labelWidth = 220
        var svg = open(width: width, height: rowHeight * bars.count + 4, name: name)
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 2
            let w = Double(width - labelWidth - 70) * Double(bar.value) / Double(top)
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\" fill=\"#333\">\(bar.label)</text>"
            svg += rect(x: Double(labelWidth), y: Double(y + 2), w: w, h: Double(rowHeight - 6), color: color, title: "\(bar.label): \(bar.value)")
            svg += "<text x=\(q(Double(labelWidth) + w + 6)) y=\"\(y + 15)\" font-size=\"12\" fill=\"#333\">\(bar.value)</text>"
        }
        return svg + "</svg>"
    }

    private static func open(width: Int, height: Int, name: String) -> HTML {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(name)\">"
    }

    private static func rect(x: Double, y: Double, w: Double, h: Double, color: String, title: String) -> HTML {
        "<rect x=\(q(x)) y=\(q(y)) width=\(q(w)) height=\(q(max(0, h))) fill=\"\(color)\"><title>\(title)</title></rect>"
    }

    /// A coordinate as a quoted attribute value.
    private static func q(_ value: Double) -> HTML { HTML(trusted: "\"" + String(format: "%.1f", value) + "\"") }
}
