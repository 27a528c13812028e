import CCairo
import CPango

/// Text set with Pango on a cairo context: wrapped to a width, measured before it is drawn, so a
/// sign's texts are fitted (smaller font, fewer sentences) instead of overflowing. Fonts are
/// found by fontconfig, with fallback for accents and other scripts; metrics are unhinted, so
/// PDF, SVG and PNG lay text out the same way.
///
/// Not `Sendable`: tied to one cairo context.
final class SignText {
    private let cr: OpaquePointer
    private let context: OpaquePointer

    init(cr: OpaquePointer) {
        self.cr = cr
        context = pango_cairo_create_context(cr)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }

    /// A text's style.
    struct Style {
        var family: String
        var size: Double
        var bold = false
        var italic = false
        /// Line spacing factor (1 = the font's).
        var lineSpacing = 1.0
        var alignment = PANGO_ALIGN_LEFT
    }

    /// A laid-out paragraph (a Pango layout), ready to measure and draw.
    final class Block {
        fileprivate let layout: OpaquePointer
        init(_ layout: OpaquePointer) { self.layout = layout }
        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

        var height: Double {
            var width: Int32 = 0, height: Int32 = 0
            pango_layout_get_size(layout, &width, &height)
            return Double(height) / Double(PANGO_SCALE)
        }

        /// The width of the longest line.
        var inkWidth: Double {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_get_extents(layout, &ink, &logical)
            return Double(logical.width) / Double(PANGO_SCALE)
        }

        var lineCount: Int { Int(pango_layout_get_line_count(layout)) }

        /// Whether some text was replaced with "…" (ellipsized).
        var isEllipsized: Bool { pango_layout_is_ellipsized(layout) != 0 }
    }

    /// Lays out `text` in `width` points. With `maxLines`, extra lines are cut with "…".
    func block(_ text: String, _ style: Style, width: Double, maxLines: Int? = nil) -> Block {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, style.family)
        pango_font_description_set_absolute_size(description, style.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, style.alignment)
        if style.lineSpacing != 1 { pango_layout_set_line_spacing(layout, Float(style.lineSpacing)) }
        if let maxLines {
            pango_layout_set_height(layout, -Int32(maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        pango_layout_set_text(layout, text, -1)
        return Block(layout)
    }

    /// The largest size from `style.size` down to `minimumSize` at which `text` fits in `maxLines`
    /// lines of `width` without breaking a word; at the minimum, extra text is cut with "…".
    func fitted(_ text: String, _ style: Style, width: Double, maxLines: Int, minimumSize: Double) -> Block {
        var style = style
        while style.size > minimumSize {
            let candidate = block(text, style, width: width)
            if candidate.lineCount <= maxLines && !wordsBroken(text, style, width: width) { return candidate }
            style.size = max(minimumSize, style.size * 0.92)
        }
        return block(text, style, width: width, maxLines: maxLines)
    }

    /// Whether a word of `text` is wider than `width` (it would be broken in the middle).
    private func wordsBroken(_ text: String, _ style: Style, width: Double) -> Bool {
        var longest = "", word = ""
        for character in text + " " {
            if character == " " || character == "\n" {
                if word.count > longest.count { longest = word }
                word = ""
            } else {
                word.append(character)
            }
        }
        guard !longest.isEmpty else { return false }
        let probe = block(longest, style, width: 100_000)
        return probe.inkWidth > width
    }

    /// Draws `block` with its top-left corner at (`x`, `y`).
    func draw(_ block: Block, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, block.layout)
    }
}
