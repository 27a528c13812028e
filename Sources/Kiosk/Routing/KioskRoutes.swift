import HTTPServer

/// The kiosk's routing table. URL paths follow kiwix-serve's where it has one, so Kiwix links
/// and clients keep working.
public enum KioskRoutes {
    /// The router for a kiosk serving `context`.
    public static func router(_ context: KioskContext) -> Router {
        let content = ContentHandler(context: context)
        let raw = RawHandler(context: context)
        let home = HomePage(context: context)
        let books = BooksAPI(context: context)
        let random = RandomHandler(context: context)
        let illustration = IllustrationHandler(context: context)
        let legacy = LegacyPathHandler(context: context)
        return Router(
            routes: [
                Route("") { home.handle($0, $1) },
                Route("content") { content.handle($0, $1) },
                Route("raw") { raw.handle($0, $1) },
                Route("random") { random.handle($0, $1) },
                Route("catalog") { illustration.handle($0, $1) },
                Route("api") { books.handle($0, $1) },
            ],
            fallback: Route("*") { legacy.handle($0, $1) })
    }
}
