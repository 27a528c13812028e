import CCairo
import CPango

/// Draws one sign in a rectangle of a cairo page: header band (logo, "Wikipedia in town"),
/// title, place, an extract cut at a sentence to fit, the article's QR code with "Scan to read
/// the article", the Wi-Fi code and instructions for kiosk signs, and a footer with the sign id
/// and the attribution. Every text is measured before it is drawn: it shrinks, loses sentences
/// or ends with "…", and never overflows.
///
/// Not `Sendable`: one page, one thread.
struct SignPainter {
    let cr: OpaquePointer
    let text: SignText
    let template: SignTemplate
    /// The canvas's resolution for bitmap output (QR modules are snapped to whole pixels), or nil.
    let pixelsPerPoint: Double?

    static let mm = PaperFormat.pointsPerMM

    /// The QR symbol's side in points: about a tenth of the scanning distance, at least 2.5 cm,
    /// at least 0.6 mm per module (long URLs make denser codes), at most `limit`.
    static func qrSide(distanceCM: Double, modules: Int, limit: Double) -> Double {
        // A tenth of the distance: `distanceCM` centimetres / 10 = `distanceCM` millimetres.
        let wanted = max(distanceCM, 25, Double(modules) * 0.6) * mm
        return min(wanted, limit)
    }

    /// Draws `sign` with its top-left corner at (`x`, `y`), `width` × `height` points.
    func paint(_ sign: SignContent, x: Double, y: Double, width: Double, height: Double, distanceCM: Double) throws(SignError) {
        let strings = SignStrings(language: sign.language, id: sign.id, ssid: sign.ssid ?? "", strings: template.strings)
        let code = try QRCode(sign.qrPayload, level: template.errorCorrection)
        let wifi = try sign.wifiPayload.map { payload throws(SignError) in try QRCode(payload, level: template.errorCorrection) }
        let mm = Self.mm
        let w = width, h = height
        let base = min(w, h)
        let fontScale = base / (105 * mm)  // 1 on A6

        // QR codes and margins.
        let side = Self.qrSide(distanceCM: distanceCM, modules: code.size, limit: min(0.42 * w, 0.36 * h))
        let quiet = side * Double(QRCode.quietZone) / Double(code.size)
        let margin = max(0.06 * w, quiet + 0.5 * mm)
        let contentWidth = w - 2 * margin

        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_rectangle(cr, 0, 0, w, h)
        cairo_clip(cr)
        setColour(template.background)
        cairo_paint(cr)

        // Header band.
        let band = max(0.075 * h, 9 * mm)
        setColour(template.band)
        cairo_rectangle(cr, 0, 0, w, band)
        cairo_fill(cr)
        var headerX = margin
        if let logo = template.logo { headerX += drawLogo(logo, x: margin, y: band * 0.15, height: band * 0.7) }
        let header = template.headers[sign.language] ?? strings.header
        let headerBlock = text.fitted(header, style(template.font, band * 0.42, bold: true), width: w - headerX - margin,
                                      maxLines: 1, minimumSize: band * 0.25)
        setColour(SignTemplate.Colour(red: 1, green: 1, blue: 1))
        text.draw(headerBlock, x: headerX, y: (band - headerBlock.height) / 2)

        // Footer: sign id on the left, attribution on the right (two lines when narrow).
        let footerSize = 6.5 * fontScale
        let idBlock = text.block(strings.signID,
                                 style(template.font, footerSize, bold: true), width: contentWidth, maxLines: 1)
        var attributionStyle = style(template.font, footerSize)
        let oneLine = contentWidth - idBlock.inkWidth - 3 * mm
        let attributionFits = text.block(strings.attribution, attributionStyle, width: 100_000).inkWidth <= oneLine
        attributionStyle.alignment = attributionFits ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT
        let attribution = text.block(strings.attribution, attributionStyle,
                                     width: attributionFits ? oneLine : contentWidth, maxLines: 2)
        let footerHeight = attributionFits ? max(idBlock.height, attribution.height) : idBlock.height + attribution.height
        let footerTop = h - margin * 0.6 - footerHeight
        setColour(template.band)
        cairo_set_line_width(cr, 0.6 * mm)
        cairo_move_to(cr, margin, footerTop - 1.2 * mm)
        cairo_line_to(cr, w - margin, footerTop - 1.2 * mm)
        cairo_stroke(cr)
        setColour(template.muted)
        text.draw(idBlock, x: margin, y: footerTop)
        text.draw(attribution, x: attributionFits ? w - margin - oneLine : margin,
                  y: attributionFits ? footerTop : footerTop + idBlock.height)

        // Bottom row. Kiosk signs: the Wi-Fi code (step 1) and the article code (step 2), each
        // with its caption below; other signs: the article code with the call to action beside it.
        let gap = 2.5 * mm
        let codesBottom: Double
        let rowTop: Double
        if let wifi, sign.ssid != nil {
            let wifiSide = min(max(25 * mm, 0.6 * side), side)
            let wifiQuiet = wifiSide * Double(QRCode.quietZone) / Double(wifi.size)
            let wifiWidth = wifiSide + 2 * wifiQuiet
            let articleX = margin + wifiWidth + gap
            let articleWidth = w - margin - articleX
            let captionStyle = style(template.font, 8 * fontScale, bold: true)
            let wifiCaption = text.fitted(strings.wifiStep, captionStyle,
                                          width: wifiWidth + gap * 0.8, maxLines: 5, minimumSize: 5.5 * fontScale)
            let articleCaption = text.fitted(strings.scanStep, style(template.font, 10 * fontScale, bold: true),
                                             width: articleWidth, maxLines: 2, minimumSize: 6.5 * fontScale)
            let address = text.fitted(SignLinks.typedAddress(sign.qrPayload),
                                      style(template.font, 7 * fontScale), width: articleWidth, maxLines: 1,
                                      minimumSize: 5 * fontScale)
            let captions = max(wifiCaption.height, articleCaption.height + address.height)
            codesBottom = footerTop - 1.2 * mm - gap - captions - quiet
            rowTop = codesBottom - side
            drawQR(wifi, x: margin + wifiQuiet, y: codesBottom - wifiSide, side: wifiSide)
            drawQR(code, x: articleX, y: rowTop, side: side)
            setColour(template.text)
            text.draw(wifiCaption, x: margin, y: codesBottom + quiet)
            setColour(template.accent)
            text.draw(articleCaption, x: articleX, y: codesBottom + quiet)
            setColour(template.muted)
            text.draw(address, x: articleX, y: codesBottom + quiet + articleCaption.height)
        } else {
            let columnX = margin + side + quiet + gap
            let columnWidth = w - margin - columnX
            let cta = text.fitted("← " + strings.scan, style(template.font, 12 * fontScale, bold: true), width: columnWidth,
                                  maxLines: 3, minimumSize: 7 * fontScale)
            let source = text.fitted(SignLinks.typedAddress(sign.qrPayload, hostOnly: true), style(template.font, 7 * fontScale), width: columnWidth, maxLines: 1,
                                     minimumSize: 5 * fontScale)
            codesBottom = footerTop - 1.2 * mm - max(quiet, gap)
            rowTop = codesBottom - side
            drawQR(code, x: margin, y: rowTop, side: side)
            let blockHeight = cta.height + source.height
            setColour(template.accent)
            text.draw(cta, x: columnX, y: rowTop + (side - blockHeight) / 2)
            setColour(template.muted)
            text.draw(source, x: columnX, y: rowTop + (side - blockHeight) / 2 + cta.height)
        }
        let bottomOfText = rowTop - quiet

        // Title, place, rule, extract.
        var top = band + 0.045 * w
        var title = text.fitted(sign.title, style(template.titleFont, 20 * fontScale, bold: true), width: contentWidth,
                                maxLines: 3, minimumSize: 11 * fontScale)
        if title.isEllipsized {  // a very long title: a fourth line at the smallest size
            title = text.block(sign.title, style(template.titleFont, 11 * fontScale, bold: true), width: contentWidth, maxLines: 4)
        }
        setColour(template.text)
        text.draw(title, x: margin, y: top)
        top += title.height + 0.25 * gap
        if !sign.label.isEmpty {
            let label = text.fitted(sign.label, style(template.font, 10 * fontScale, italic: true), width: contentWidth,
                                    maxLines: 2, minimumSize: 7 * fontScale)
            setColour(template.muted)
            text.draw(label, x: margin, y: top)
            top += label.height
        }
        top += gap * 0.8
        setColour(template.accent)
        cairo_set_line_width(cr, 0.8 * mm)
        cairo_move_to(cr, margin, top)
        cairo_line_to(cr, margin + min(30 * mm * fontScale, contentWidth * 0.3), top)
        cairo_stroke(cr)
        top += gap * 1.2
        if let extract = fittedExtract(sign.extract, width: contentWidth, height: bottomOfText - top,
                                       size: 8.6 * fontScale) {
            setColour(template.text)
            text.draw(extract, x: margin, y: top)
        }
        cairo_restore(cr)
    }

    /// The extract at the largest size (up to 1.35 × `size`) at which it fits whole; else its first
    /// sentences that fit at `size`; else the first sentence cut with "…"; nil when not even two
    /// lines fit.
    private func fittedExtract(_ extract: String, width: Double, height: Double, size: Double) -> SignText.Block? {
        guard !extract.isEmpty, height > 0 else { return nil }
        var extractStyle = style(template.font, size)
        extractStyle.lineSpacing = 1.12
        for factor in [1.35, 1.2, 1.1] {
            var larger = extractStyle
            larger.size = size * factor
            let whole = text.block(extract, larger, width: width)
            if whole.height <= height { return whole }
        }
        let sentences = Sentences.split(extract)
        var best: SignText.Block? = nil
        for count in 1...sentences.count {
            let candidate = text.block(sentences.prefix(count).joined(separator: " "), extractStyle, width: width)
            guard candidate.height <= height else { break }
            best = candidate
        }
        if let best { return best }
        let lineHeight = text.block("Ag", extractStyle, width: width).height
        let lines = Int(height / (lineHeight * 1.01))
        guard lines >= 2 else { return nil }
        return text.block(sentences[0], extractStyle, width: width, maxLines: lines)
    }

    private func style(_ family: String, _ size: Double, bold: Bool = false, italic: Bool = false) -> SignText.Style {
        SignText.Style(family: family, size: size, bold: bold, italic: italic)
    }

    private func setColour(_ colour: SignTemplate.Colour) {
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
    }

    /// Draws the symbol (dark runs as rectangles) with its top-left at (`x`, `y`); the quiet zone
    /// is the white space the layout keeps around it. On bitmaps the symbol starts on a whole pixel
    /// and is drawn without antialiasing (crisp module edges).
    private func drawQR(_ code: QRCode, x: Double, y: Double, side: Double) {
        let module = side / Double(code.size)
        var originX = x, originY = y
        if pixelsPerPoint != nil {
            var deviceX = x, deviceY = y
            cairo_user_to_device(cr, &deviceX, &deviceY)
            deviceX.round(); deviceY.round()
            cairo_device_to_user(cr, &deviceX, &deviceY)
            originX = deviceX
            originY = deviceY
        }
        cairo_save(cr)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for run in code.darkRuns {
            cairo_rectangle(cr, originX + Double(run.x) * module, originY + Double(run.y) * module,
                            Double(run.length) * module, module)
        }
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Draws a PNG logo scaled to `height`; returns the width taken (with a gap), 0 if unreadable.
    private func drawLogo(_ path: String, x: Double, y: Double, height: Double) -> Double {
        guard let image = cairo_image_surface_create_from_png(path) else { return 0 }
        defer { cairo_surface_destroy(image) }
        let imageWidth = Double(cairo_image_surface_get_width(image))
        let imageHeight = Double(cairo_image_surface_get_height(image))
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, imageWidth > 0, imageHeight > 0 else { return 0 }
        let scale = height / imageHeight
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
        return imageWidth * scale + 2 * Self.mm
    }
}
