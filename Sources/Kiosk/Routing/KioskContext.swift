import HTTPServer

/// What every handler may use: the books, the response helpers, the strings, the log, the usage log.
public struct KioskContext: Sendable {
    public let library: Library
    public let responder: ContentResponder
    public let localizer: Localizer
    public let log: Log
    /// Where usage events go (statistics); `NoUsageRecording` when switched off.
    public let usage: any UsageRecording

    public init(library: Library, responder: ContentResponder, localizer: Localizer = Localizer(), log: Log,
                usage: any UsageRecording = NoUsageRecording()) {
        self.library = library
        self.responder = responder
        self.localizer = localizer
        self.log = log
        self.usage = usage
    }

    /// The visitor's interface language for this request.
    public func language(for request: Request) -> String {
        localizer.language(explicit: request.query["lang"], acceptLanguage: request.acceptLanguage)
    }
}
