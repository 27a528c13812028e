import Foundation
import HTTPServer

/// `/take-home` ("Emporter"), when the kiosk allows downloads (`[library] downloads = on`;
/// otherwise 404): how to read the kiosk's books on one's own phone after the visit — the reader
/// apps staff put in the apps folder (`/take-home/apps/<file>`, with how to install them), then
/// each book with its size and its `/download/` link (resumable). No JavaScript.
struct TakeHomePage: RouteHandler {
    let context: KioskContext

    /// The apps folder: `[library] apps`, else `apps` in the books folder.
    var apps: ReaderApps {
        let settings = context.settings.current
        let library = context.admin.libraryDirectory ?? settings.libraryDirectory
        return ReaderApps(folder: settings.appsDirectory ?? library.map { $0 + "/apps" })
    }

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard context.settings.current.bookDownloads else { throw .notFound }
        let parts = Array(segments.filter { !$0.isEmpty })
        switch parts.count {
        case 0: return page(language: context.language(for: request))
        case 2 where parts[0] == "apps":
            guard let app = apps.app(named: parts[1]) else { throw .notFound }
            var response = Response(status: 200, body: .file(path: app.path, offset: 0, count: app.size))
            response.headers.set("Content-Type", app.contentType)
            response.headers.set("Content-Disposition", "attachment; filename*=UTF-8''\(URLPath.encodeSegment(app.fileName))")
            response.headers.set("Cache-Control", "public, max-age=3600")
            return response
        default: throw .notFound
        }
    }

    private func page(language: String) -> Response {
        let strings = context.strings
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        var body: HTML = "<h1>\(t("takehome.title"))</h1>\n<p>\(t("takehome.intro"))</p>\n"
        body += "<h2>\(t("takehome.apps"))</h2>\n"
        let apps = apps.all
        if apps.isEmpty {
            body += "<p>\(t("takehome.apps.none"))</p>\n"
        } else {
            var items: HTML = .empty
            for app in apps {
                let size = ByteSize.text(app.size, language)
                items += "<li><div><b dir=\"ltr\">\(app.fileName)</b><br><a href=\"/take-home/apps/\(URLPath.encodeSegment(app.fileName))\" "
                    + "download>\(t("takehome.download", ["size": .text(size)]))</a></div></li>\n"
            }
            body += "<ul class=\"books\">\n\(items)</ul>\n"
            if apps.contains(where: \.isAndroid) { body += "<p>\(t("takehome.apps.android"))</p>\n" }
            body += "<p>\(t("takehome.apps.ios"))</p>\n"
        }
        body += "<h2>\(t("takehome.books"))</h2>\n<p>\(t("takehome.space"))</p>\n"
        var items: HTML = .empty
        for book in context.library.books {
            let size = ByteSize.text(book.fileSize, language)
            items += "<li><div><b>\(book.title)</b><br><span class=\"meta\">\(book.description)</span><br>"
                + "<a href=\"\(DownloadHandler.path(of: book, in: context.library))\" download>"
                + "\(t("takehome.download", ["size": .text(size)]))</a></div></li>\n"
        }
        body += "<ul class=\"books\">\n\(items)</ul>\n<p>\(t("takehome.books.how"))</p>\n"
        body += "<p><a href=\"/\">\(t("external.home"))</a></p>"
        var response = Response.page(VisitorPage.render(title: strings.text("takehome.title", language), language: language,
                                                        body: body), language: language)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Vary", "Accept-Language")
        return response
    }
}
