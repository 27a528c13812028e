import Foundation

/// The part of the Books page that changes the library: the ZIM files on the USB sticks plugged
/// in, each with what can be done with it ("Add", "Replace", or why not), and the copies waiting,
/// running (progress, speed, time left, "Cancel") and done. Reloads itself every two seconds
/// while a copy runs, so progress shows without JavaScript.
struct AdminShelfSection {
    let shelf: BookShelf?
    let library: Library
    let t: AdminText
    let csrf: HTML
    private let jobs: [ShelfJob]

    init(shelf: BookShelf?, library: Library, t: AdminText, csrf: HTML) {
        self.shelf = shelf
        self.library = library
        self.t = t
        self.csrf = csrf
        self.jobs = shelf?.activity ?? []
    }

    /// Whether a copy waits or runs, or updates are being looked for (the page then reloads itself).
    var isBusy: Bool { jobs.contains(where: \.isActive) || shelf?.updateState.running == true }

    func render() -> HTML {
        var html: HTML = "<h2 id=\"usb\">\(t["admin.shelf.usb"])</h2>\n"
        guard let shelf else { return html + "<p class=\"hint\">\(t["admin.shelf.nolibrary"])</p>\n" }
        if !shelf.isWritable {
            let error = ShelfError.libraryReadOnly(folder: shelf.libraryDirectory)
            html += AdminPage.notice(t[error.messageKey, error.arguments(t.language)], kind: "error")
        }
        let books = shelf.stickBooks()
        if books.isEmpty {
            html += "<p>\(t["admin.shelf.nostick", ["folder": .text(shelf.usbDirectory)]])"
                + " <a href=\"/admin/library#usb\">\(t["admin.shelf.refresh"])</a></p>\n"
        } else {
            var rows: HTML = .empty
            let served = library.books
            for book in books {
                let details = [book.fileName, book.language, book.date].filter { !$0.isEmpty }.joined(separator: " · ")
                rows += "<tr><td><b>\(book.title)</b><br><span class=\"hint\">\(details)</span></td>"
                    + "<td class=\"n\" data-label=\"\(t.plain("admin.library.size"))\">\(ByteSize.text(book.size, t.language))</td>"
                    + "<td>\(action(for: book, shelf, served: served))</td></tr>\n"
            }
            html += """
                <div class="scroll"><table class="stack"><thead><tr><th>\(t["admin.library.book"])</th><th>\(t["admin.library.size"])</th>\
                <th>\(t["admin.shelf.actions"])</th></tr></thead><tbody>
                \(rows)</tbody></table></div>\n
                """
        }
        if let free = shelf.free {
            html += "<p class=\"hint\">\(t["admin.shelf.free", ["free": .text(ByteSize.text(free, t.language))]])</p>\n"
        }
        return html + updates(shelf) + activity()
    }

    /// "Look for updates" and what the last search found, when `[library] updates` is set.
    private func updates(_ shelf: BookShelf) -> HTML {
        guard let catalog = shelf.updateCatalog else { return .empty }
        let state = shelf.updateState
        var html: HTML = "<h2 id=\"updates\">\(t["admin.shelf.updates"])</h2>\n"
            + "<p class=\"hint\">\(t["admin.shelf.updates.catalog", ["catalog": .text(catalog)]])</p>\n"
        if let problem = state.problem {
            html += AdminPage.notice(t[problem.messageKey, problem.arguments(t.language)], kind: "error")
        }
        if state.running { return html + "<p>\(t["admin.shelf.updates.checking"])</p>\n" }
        if let checked = state.checked, state.problem == nil, state.found.isEmpty {
            let formatter = DateFormatter()
            formatter.dateFormat = "HH:mm"
            html += "<p class=\"yes\">\(t["admin.shelf.updates.none", ["time": .text(formatter.string(from: checked))]])</p>\n"
        }
        for found in state.found where shelf.removable(found.bookName) != nil {
            let size = ByteSize.text(found.edition.size, t.language)
            let button: HTML = jobs.contains(where: { $0.isActive && $0.fileName == found.edition.fileName })
                ? t["admin.shelf.inprogress"]
                : "<form method=\"post\" action=\"/admin/library/update\" class=\"inline\">\(csrf)"
                    + "<input type=\"hidden\" name=\"book\" value=\"\(found.bookName)\"><button type=\"submit\">"
                    + "\(t["admin.shelf.updates.update", ["date": .text(found.edition.date), "size": .text(size)]])</button></form>"
            html += "<div class=\"card\"><p>\(t["admin.shelf.updates.found", ["title": .text(found.bookTitle), "date": .text(found.bookDate)]])</p>"
                + "\(button)</div>\n"
        }
        return html + "<form method=\"post\" action=\"/admin/library/check\">\(csrf)"
            + "<button type=\"submit\">\(t["admin.shelf.updates.check"])</button></form>\n"
    }

    /// What staff can do with a file on a stick, or why they can't.
    private func action(for book: StickBook, _ shelf: BookShelf, served: [Book]) -> HTML {
        if let problem = book.problem { return "<span class=\"no\">\(t["admin.shelf.unusable", ["reason": .text(problem)]])</span>" }
        if jobs.contains(where: { $0.isActive && $0.fileName == book.fileName }) { return t["admin.shelf.inprogress"] }
        let editions = served.filter { $0.editionKey == book.editionKey }
        if editions.contains(where: { $0.id == book.id && $0.fileSize == book.size }) { return t["admin.shelf.present"] }
        let newest = editions.max { ($0.date, $0.name) < ($1.date, $1.name) }
        if let newest, book.date <= newest.date {
            return t["admin.shelf.older", ["date": .text(newest.date)]]
        }
        guard shelf.fits(book.size) else {
            let needed = ByteSize.text(book.size + BookShelf.reserve, t.language)
            return "<span class=\"no\">\(t["admin.shelf.nofitshort", ["needed": .text(needed)]])</span>"
        }
        let target = shelf.libraryDirectory + "/" + book.fileName
        let replaceable = newest.flatMap { shelf.removable($0.name) }
        if FileManager.default.fileExists(atPath: target), replaceable?.path != target {
            return t["admin.shelf.error.nametaken", ["file": .text(book.fileName)]]
        }
        var fields: HTML = "\(csrf)<input type=\"hidden\" name=\"file\" value=\"\(book.path)\">"
        let label: HTML
        if let newest, replaceable != nil {
            fields += "<input type=\"hidden\" name=\"replace\" value=\"\(newest.name)\">"
            label = t["admin.shelf.replace", ["old": .text(newest.title), "date": .text(newest.date)]]
        } else {
            label = t["admin.shelf.add"]
        }
        return "<form method=\"post\" action=\"/admin/library/add\" class=\"inline\">\(fields)<button type=\"submit\">\(label)</button></form>"
    }

    /// The copies waiting, running and done, and the books removed, newest first.
    private func activity() -> HTML {
        guard !jobs.isEmpty else { return .empty }
        var items: HTML = .empty
        for job in jobs {
            items += "<li class=\"card\"><b>\(job.title)</b> <span class=\"hint\">\(job.fileName)</span><br>\(state(of: job))</li>\n"
        }
        return "<h2 id=\"activity\">\(t["admin.shelf.activity"])</h2>\n<ul class=\"jobs\" aria-live=\"polite\">\n\(items)</ul>\n"
    }

    private func state(of job: ShelfJob) -> HTML {
        let cancel: HTML = "<form method=\"post\" action=\"/admin/library/cancel\" class=\"inline\">\(csrf)"
            + "<input type=\"hidden\" name=\"job\" value=\"\(String(job.id))\"><button type=\"submit\">\(t["admin.shelf.cancel"])</button></form>"
        switch job.state {
        case .waiting:
            return t["admin.shelf.waiting"] + " " + cancel
        case .copying:
            let now = Date()
            var text = t.plain("admin.shelf.progress", ["copied": .text(ByteSize.text(job.copied, t.language)),
                                                        "total": .text(ByteSize.text(job.size, t.language))])
            if let speed = job.bytesPerSecond(now: now) {
                text += " · " + ByteSize.text(UInt64(speed), t.language) + "/s"
            }
            if let left = job.secondsLeft(now: now) {
                text += " · " + (left < 60 ? t.plain("admin.shelf.left.seconds", ["count": .number(left)])
                                 : t.plain("admin.shelf.left.minutes", ["count": .number((left + 59) / 60)]))
            }
            let percent = job.size == 0 ? 100 : Int(job.copied * 100 / job.size)
            return "<progress max=\"100\" value=\"\(String(percent))\" aria-label=\"\(t.plain("admin.shelf.copying"))\">\(String(percent)) %</progress> "
                + "<span class=\"progress\">\(text)</span> " + cancel
        case .checking:
            return t["admin.shelf.checking"]
        case .done:
            switch job.kind {
            case .add, .replace:
                let name = job.bookName ?? ""
                var done = t["admin.shelf.added"] + " <a href=\"\(URLPath.content(book: name, path: ""))\">\(t["admin.shelf.open"])</a>"
                if case .replace(_, let title) = job.kind { done += " " + t["admin.shelf.replaced", ["old": .text(title)]] }
                return "<span class=\"yes\">\(done)</span>"
            case .remove:
                return "<span class=\"yes\">\(t["admin.shelf.removed", ["size": .text(ByteSize.text(job.size, t.language))]])</span>"
            }
        case .failed(let error):
            return "<span class=\"no\">\(t[error.messageKey, error.arguments(t.language)])</span>"
        }
    }
}
