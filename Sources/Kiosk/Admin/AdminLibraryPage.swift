import Foundation
import HTTPServer
import ZimKit

/// `/admin/library`: the books being served (size, articles, date, language, full-text index),
/// the files that failed to load and why, the free space of the library and state folders, the
/// memory, and which build of WikiKiosk runs (version and commit).
struct AdminLibraryPage {
    let area: AdminArea

    func page(_ page: AdminPage) -> Response {
        let t = page.t
        let library = area.context.library
        var body: HTML = "<h2>\(t["admin.library.books"])</h2>\n"
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
                    + "<td class=\"n\">\(Self.size(book.fileSize, t.language))</td>"
                    + "<td class=\"n\">\(t.number(Int(book.articleCount)))</td>"
                    + "<td>\(book.date)</td><td>\(book.language)</td><td>\(index)</td></tr>\n"
            }
            body += """
                <div class="scroll"><table><thead><tr><th>\(t["admin.library.book"])</th><th>\(t["admin.library.size"])</th>\
                <th>\(t["admin.library.articles"])</th><th>\(t["admin.library.date"])</th><th>\(t["admin.library.language"])</th>\
                <th>\(t["admin.library.fulltext"])</th></tr></thead><tbody>
                \(rows)</tbody></table></div>\n
                """
        }
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
            let free = Self.freeSpace(folder)
            body += "<div class=\"num\"><b>\(free.map { Self.size($0, t.language) } ?? "?")</b>"
                + "<span>\(t[key])<br><code>\(folder)</code></span></div>\n"
        }
        body += "</div>\n" + memory(t)
        body += "<h2>\(t["admin.library.software"])</h2>\n<p id=\"version\">"
            + "\(t["admin.library.version", ["version": .text(area.options.build.version), "commit": .text(area.options.build.commit)]])</p>\n"
        return AdminResponse.html(page.render(title: t.plain("admin.nav.library"), active: "/admin/library", body: body),
                                  nonce: page.nonce)
    }

    /// The memory the board has now and what the two caches were given and hold.
    private func memory(_ t: AdminText) -> HTML {
        let limits = MemoryLimits.read()
        let clusters = Archive.decodedClusterCacheStats
        let pages = area.context.compressedBodies
        func size(_ bytes: Int) -> String { Self.size(UInt64(max(0, bytes)), t.language) }
        var cells: [(String, String)] = []
        if let limits {
            cells.append((size(limits.available), t.plain("admin.library.memory.available")))
            if let cgroup = limits.cgroupLimit { cells.append((size(cgroup), t.plain("admin.library.memory.cgroup"))) }
        }
        cells.append(("\(size(pages.byteCount)) / \(size(pages.budget))", t.plain("admin.library.memory.pages")))
        cells.append(("\(size(clusters.bytes)) / \(size(clusters.budget))", t.plain("admin.library.memory.clusters")))
        var html: HTML = "<h2>\(t["admin.library.memory"])</h2>\n<div class=\"grid\">\n"
        for (value, label) in cells { html += "<div class=\"num\"><b>\(value)</b><span>\(label)</span></div>\n" }
        return html + "</div>\n<p class=\"hint\">\(t["admin.library.memory.hint"])</p>\n"
    }

    /// The folders whose free space matters: the library's (or the books' own) and the state folder.
    private func folders() -> [(String, String)] {
        var result: [(String, String)] = []
        let libraryFolder = area.options.libraryDirectory ?? area.context.settings.current.libraryDirectory
            ?? area.context.library.books.first.map { ($0.path as NSString).deletingLastPathComponent }
        if let libraryFolder { result.append(("admin.library.free.library", libraryFolder)) }
        if let state = area.options.stateDirectory { result.append(("admin.library.free.state", state)) }
        return result
    }

    /// Bytes free for the kiosk's user in the file system holding `folder`.
    static func freeSpace(_ folder: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    /// "1,2 Go" / "1.2 GB".
    static func size(_ bytes: UInt64, _ language: String) -> String {
        let french = language == "fr"
        let units = french ? ["o", "Ko", "Mo", "Go", "To"] : ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        var text = unit == 0 ? String(bytes) : String(format: value < 10 ? "%.1f" : "%.0f", value)
        if french { text = text.replacingOccurrences(of: ".", with: ",") }
        return text + "\u{00A0}" + units[unit]
    }
}
