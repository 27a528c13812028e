import Foundation
import HTTPServer

/// Sends each phone of the running session to the questionnaire once, on its next page, after
/// the mediator offered it (`QuestionnaireInvitations`): a 303 to `/questionnaire?next=<page>`,
/// whose "later" link and thanks lead on to the page it asked for. Only page navigations are
/// redirected (a browser asking for `text/html`), never the staff area, the presenter screen,
/// the questionnaire itself, assets, APIs, downloads or QR sign links.
struct QuestionnaireInvitation: Middleware {
    let context: KioskContext

    /// First path segments that are never interrupted.
    static let exempt: Set<String> = ["admin", "presenter", "questionnaire", "landing", "portal", "usage", "api", "catalog",
                                      "suggest", "signs", "s", "S", "download", "raw", "skin", "favicon.ico", "robots.txt"]

    func before(_ request: Request) throws(KioskError) -> Response? {
        guard request.method == .get, context.invitations.isStanding, request.headers["Accept"]?.contains("text/html") == true,
              let address = request.remoteAddress, let log = context.usage as? UsageLog,
              !Self.exempt.contains(request.pathSegments?.first ?? ""),
              context.settings.current.questionnaire.enabled,
              context.invitations.shouldInvite(address, during: log.currentSession?.key) else { return nil }
        var response = Response.redirect(to: "/questionnaire?next=" + Self.encoded(request.target), status: 303)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `target` as a query value.
    static func encoded(_ target: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return target.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// `next` when it is a path on this kiosk ("/…", not "//host" nor "/\host"), else nil.
    static func localTarget(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 2_000,
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return next
    }
}
