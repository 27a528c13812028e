import Foundation
import HTTPServer
import ZimKit

/// `/admin/library`: the books being served (size, articles, date, language, full-text index),
/// with "Remove"; the books on USB sticks with "Add" or "Replace" and the copies in progress
/// (`AdminShelfSection`); the files that failed to load and why, the free space of the library
/// and state folders, the memory, and which build of WikiKiosk runs (version and commit).
struct AdminLibraryPage {
    let area: AdminArea

    /// `/admin/library[/add|/cancel|/remove]`.
    func handle(_ parts: [String], _ request: Request, _ page: AdminPage) -> Response? {
        let actions = AdminShelfActions(area: area, library: self)
        switch (parts.first ?? "", request.method == .post) {
        case ("", false) where parts.isEmpty: return self.page(page)
        case ("add", true): return actions.add(request, page)
        case ("cancel", true): return actions.cancel(request)
        case ("check", true): return actions.checkForUpdates(page)
        case ("update", true): return actions.update(request, page)
        case ("remove", false): return actions.confirmRemoval(request, page)
        case ("remove", true): return actions.remove(request, page)
        default: return nil
        }
    }

    /// The page, with `notice` on top (the outcome of a form just sent).
    func page(_ page: AdminPage, notice: HTML = .empty, status: Int = 200) -> Response {
        let t = page.t
        let library = area.context.library
        let shelf = area.options.shelf
        var body: HTML = notice + "<h2>\(t["admin.library.books"])</h2>\n"
        let books = library.books
        if books.isEmpty {
            body += "<p>\(t["admin.library.nobooks"])</p>\n"
        } else {
            var rows: HTML = .empty
            for book in books {
                let index: HTML = book.hasFullTextIndex
                    ? "<span class=\"yes\">\(t["admin.yes"])</span>" : "<span class=\"no\">\(t["admin.no"])</span>"
                let stable = library.stableName(of: book)
                let names: HTML = stable == book.name ? "<code>\(book.name)</code>" : "<code>\(stable)</code> (<code>\(book.name)</code>)"
                rows += "<tr><td><a href=\"\(URLPath.content(book: stable, path: ""))\">\(book.title)</a>"
                    + "<br>\(names)</td>"
                    + "<td class=\"n\" data-label=\"\(t.plain("admin.library.size"))\">\(ByteSize.text(book.fileSize, t.language))</td>"
                    + "<td class=\"n\" data-label=\"\(t.plain("admin.library.articles"))\">\(t.number(Int(book.articleCount)))</td>"
                    + "<td data-label=\"\(t.plain("admin.library.date"))\">\(book.date)</td>"
                    + "<td data-label=\"\(t.plain("admin.library.language"))\">\(book.language)</td>"
                    + "<td data-label=\"\(t.plain("admin.library.fulltext"))\">\(index)</td>"
                    + "<td>\(removeLink(book, shelf, t))</td></tr>\n"
            }
            body += """
                <div class="scroll"><table class="stack"><thead><tr><th>\(t["admin.library.book"])</th><th>\(t["admin.library.size"])</th>\
                <th>\(t["admin.library.articles"])</th><th>\(t["admin.library.date"])</th><th>\(t["admin.library.language"])</th>\
                <th>\(t["admin.library.fulltext"])</th><th>\(t["admin.shelf.actions"])</th></tr></thead><tbody>
                \(rows)</tbody></table></div>\n
                """
        }
        let section = AdminShelfSection(shelf: shelf, library: library, t: t, csrf: page.csrfField)
        body += section.render()
        body += "<h2>\(t["admin.library.failures"])</h2>\n"
        let failures = library.failures
        if failures.isEmpty {
            body += "<p>\(t["admin.library.nofailures"])</p>\n"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th>\(t["admin.library.file"])</th><th>\(t["admin.library.reason"])</th></tr></thead><tbody>\n"
            for failure in failures {
                body += "<tr><td><code>\(failure.path)</code></td><td>\(failure.reason)</td></tr>\n"
            }
            body += "</tbody></table></div>\n<p class=\"hint\">\(t["admin.library.failurehint"])</p>\n"
        }
        body += "<h2>\(t["admin.library.disk"])</h2>\n<div class=\"grid\">\n"
        for (key, folder) in folders() {
            let free = BookShelf.freeBytes(folder)
            body += "<div class=\"num\"><b>\(free.map { ByteSize.text($0, t.language) } ?? "?")</b>"
                + "<span>\(t[key])<br><code>\(folder)</code></span></div>\n"
        }
        body += "</div>\n" + memory(t)
        body += "<h2>\(t["admin.library.software"])</h2>\n<p id=\"version\">"
            + "\(t["admin.library.version", ["version": .text(area.options.build.version), "commit": .text(area.options.build.commit)]])</p>\n"
        let refresh = section.isBusy ? (seconds: 2, url: "/admin/library") : nil
        return AdminResponse.html(page.render(title: t.plain("admin.nav.library"), active: "/admin/library", body: body,
                                              refresh: refresh),
                                  status: status, nonce: page.nonce)
    }

    /// "Remove" for a book in the books folder (the staff area deletes no other file).
    private func removeLink(_ book: Book, _ shelf: BookShelf?, _ t: AdminText) -> HTML {
        guard let shelf, shelf.removable(book.name) != nil else { return .empty }
        return "<a href=\"/admin/library/remove?book=\(URLPath.encodeQueryValue(book.name))\">\(t["admin.shelf.remove"])</a>"
    }

    /// The memory the board has now and what the two caches were given and hold.
    private func memory(_ t: AdminText) -> HTML {
        let limits = MemoryLimits.read()
        let clusters = Archive.decodedClusterCacheStats
        let pages = area.context.compressedBodies
        func size(_ bytes: Int) -> String { ByteSize.text(UInt64(max(0, bytes)), t.language) }
        var cells: [(String, String)] = []
        if let limits {
            cells.append((size(limits.available), t.plain("admin.library.memory.available")))
            if let cgroup = limits.cgroupLimit { cells.append((size(cgroup), t.plain("admin.library.memory.cgroup"))) }
        }
        cells.append(("\(size(pages.byteCount)) / \(size(pages.budget))", t.plain("admin.library.memory.pages")))
        cells.append(("\(size(clusters.bytes)) / \(size(clusters.budget))", t.plain("admin.library.memory.clusters")))
        /// "71 %" of `all` lookups answered, once there were any.
        func share(_ hits: Int, of all: Int, _ key: String) {
            guard all > 0 else { return }
            cells.append(("\(hits * 100 / all) %", t.plain(key, ["count": .number(all)])))
        }
        let pageLookups = pages.lookups
        share(pageLookups.hits, of: pageLookups.all, "admin.library.memory.pagehits")
        share(clusters.hits, of: clusters.hits + clusters.misses, "admin.library.memory.clusterhits")
        if let spill = pages.spill {
            cells.append(("\(size(spill.usage.bytes)) / \(size(spill.budget))", t.plain("admin.library.memory.disk")))
            let diskLookups = spill.lookups
            share(diskLookups.hits, of: diskLookups.all, "admin.library.memory.diskhits")
        }
        var html: HTML = "<h2>\(t["admin.library.memory"])</h2>\n<div class=\"grid\">\n"
        for (value, label) in cells { html += "<div class=\"num\"><b>\(value)</b><span>\(label)</span></div>\n" }
        return html + "</div>\n<p class=\"hint\">\(t["admin.library.memory.hint"])</p>\n"
    }

    /// The folders whose free space matters: the library's (or the books' own) and the state folder.
    func folders() -> [(String, String)] {
        var result: [(String, String)] = []
        let libraryFolder = area.options.libraryDirectory ?? area.context.settings.current.libraryDirectory
            ?? area.context.library.books.first.map { ($0.path as NSString).deletingLastPathComponent }
        if let libraryFolder { result.append(("admin.library.free.library", libraryFolder)) }
        if let state = area.options.stateDirectory { result.append(("admin.library.free.state", state)) }
        return result
    }
}
