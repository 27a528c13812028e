import HTTPServer

/// Counts page views in the usage statistics: an HTML entry of `/content/` answered 200 or 304
/// to a GET (stylesheets, scripts, images and `/raw/` don't count), with how the visitor got
/// there (`ArticleArrival.of`).
struct PageViews: Middleware {
    let usage: any UsageRecording

    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        guard let resource, resource.isPageView, request.method == .get,
              response.status == 200 || response.status == 304,
              resource.item.mimeType.hasPrefix("text/html") else { return }
        let item = resource.item
        let title = item.title.isEmpty ? item.path : item.title
        usage.record(UsageEvent(.articleView(book: resource.book.name, path: item.path, title: title,
                                             arrival: ArticleArrival.of(request)), from: request))
    }
}
