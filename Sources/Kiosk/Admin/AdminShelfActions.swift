import Foundation
import HTTPServer

/// The Books page's forms: add or replace a book from a stick, cancel a copy, and remove a book
/// (after a page that says what it frees). Success redirects to the page (303), which shows the
/// job; a refusal shows the page again with the reason.
struct AdminShelfActions {
    let area: AdminArea
    let library: AdminLibraryPage

    func add(_ request: Request, _ page: AdminPage) -> Response {
        guard let shelf = area.options.shelf else { return refused(.noLibraryFolder, page) }
        let replace = request.form["replace"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            try shelf.add(stickPath: request.form["file"] ?? "", replacing: replace)
        } catch {
            return refused(error, page)
        }
        return AdminResponse.redirect("/admin/library#activity")
    }

    /// "Look for updates": starts the search; the page shows it running, then what it found.
    func checkForUpdates(_ page: AdminPage) -> Response {
        guard let shelf = area.options.shelf else { return refused(.noLibraryFolder, page) }
        do {
            try shelf.checkForUpdates()
        } catch {
            return refused(error, page)
        }
        return AdminResponse.redirect("/admin/library#updates")
    }

    /// "Update": downloads the newer edition found for `book` and replaces it.
    func update(_ request: Request, _ page: AdminPage) -> Response {
        guard let shelf = area.options.shelf else { return refused(.noLibraryFolder, page) }
        do {
            try shelf.update(bookNamed: request.form["book"] ?? "")
        } catch {
            return refused(error, page)
        }
        return AdminResponse.redirect("/admin/library#activity")
    }

    func cancel(_ request: Request) -> Response {
        if let id = request.form["job"].flatMap(Int.init) { area.options.shelf?.cancel(id) }
        return AdminResponse.redirect("/admin/library#activity")
    }

    /// "Remove « title »?": the file, what it frees, what stops working, and the two buttons.
    func confirmRemoval(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let name = request.query["book"] ?? ""
        guard let shelf = area.options.shelf, let book = shelf.removable(name) else {
            return refused(.notRemovable(book: name), page)
        }
        let freed = ByteSize.text(book.fileSize, t.language)
        let after = shelf.free.map { ByteSize.text($0 + book.fileSize, t.language) } ?? "?"
        let others = area.context.library.books.filter { $0 !== book && $0.editionKey == book.editionKey }
        let consequence: HTML = others.isEmpty ? t["admin.shelf.remove.links"]
            : t["admin.shelf.remove.other", ["name": .text(book.editionKey)]]
        let body: HTML = """
            <div class="card"><p>\(t["admin.shelf.remove.what", ["file": .text((book.path as NSString).lastPathComponent)]])</p>
            <p>\(t["admin.shelf.remove.frees", ["size": .text(freed), "after": .text(after)]])</p>
            <p>\(consequence)</p>
            <form method="post" action="/admin/library/remove">\(page.csrfField)\
            <input type="hidden" name="book" value="\(book.name)">\
            <button type="submit">\(t["admin.shelf.remove.confirm"])</button> \
            <a class="button" href="/admin/library">\(t["admin.shelf.remove.keep"])</a></form></div>
            """
        let title = t.plain("admin.shelf.remove.title", ["title": .text(book.title)])
        return AdminResponse.html(page.render(title: title, active: "/admin/library", body: body), nonce: page.nonce)
    }

    func remove(_ request: Request, _ page: AdminPage) -> Response {
        guard let shelf = area.options.shelf else { return refused(.noLibraryFolder, page) }
        do {
            try shelf.remove(bookNamed: request.form["book"] ?? "")
        } catch {
            return refused(error, page)
        }
        return AdminResponse.redirect("/admin/library#activity")
    }

    /// The Books page with the reason on top: 409 when the library's state is in the way
    /// (no room, a name taken, a read-only folder), 400 when the form named nothing usable.
    private func refused(_ error: ShelfError, _ page: AdminPage) -> Response {
        let status: Int
        switch error {
        case .notOnStick, .notRemovable, .unusable: status = 400
        default: status = 409
        }
        let notice = AdminPage.notice(page.t[error.messageKey, error.arguments(page.t.language)], kind: "error")
        return library.page(page, notice: notice, status: status)
    }
}
