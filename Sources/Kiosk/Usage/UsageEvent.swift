import HTTPServer

/// Something a visitor did that the evaluation counts. Built by handlers, handed to a
/// `UsageRecording`, which must never store the visitor's address or user agent as such.
public struct UsageEvent: Sendable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// The landing page (`/`) was shown.
        case landingView
        /// An article (an HTML entry) was read.
        case articleView(book: String, path: String, title: String, arrival: Arrival)
        /// A search ran: normalised query, number of results, books searched, and how it relates
        /// to a spelling correction.
        case search(query: String, results: Int, books: [String], spelling: SearchSpelling = .none)
        /// A title-suggestion request (counted, not stored per keystroke).
        case suggestion(book: String)
        /// A QR sign's short link was scanned.
        case signScan(signID: String)
        /// A captive-portal step for a device.
        case portal(PortalStep)
        /// The OPDS catalog or a book download was requested.
        case catalog(kind: String)
        /// An answer to the satisfaction questionnaire: the question's id (`q1`) and the checked
        /// value ("4", "yes", an option's index, or a short free text).
        case answer(question: String, value: String)
    }

    /// A search and spelling correction (folded queries).
    public enum SearchSpelling: Sendable, Equatable {
        case none
        /// The search was corrected to this query (results shown or correction offered).
        case corrected(String)
        /// The visitor followed the correction offered for this query.
        case follows(String)

        /// As stored in the event's `detail` column (`ReportQueries` reads it back).
        var detail: String? {
            switch self {
            case .none: nil
            case .corrected(let query): "correction:" + query
            case .follows(let query): "corrects:" + query
            }
        }
    }

    /// How the visitor arrived on an article. `qrpedia` and `wikipedia`: from an outside
    /// address the hotspot brought to the kiosk (an old QRpedia plaque, a printed Wikipedia link).
    public enum Arrival: String, Sendable, Equatable {
        case search, sign, link, landing, direct, qrpedia, wikipedia
    }

    /// Captive-portal steps.
    public enum PortalStep: String, Sendable, Equatable {
        /// The first connectivity probe of a device (it joined the Wi-Fi).
        case firstProbe
        /// The visitor chose to continue from the captive sheet.
        case continued
    }

    public let kind: Kind
    /// In memory only: the store derives a daily keyed hash from it and drops it.
    public let clientAddress: String?
    /// In memory only: the store keeps a coarse device class and drops it.
    public let userAgent: String?

    public init(_ kind: Kind, clientAddress: String?, userAgent: String?) {
        self.kind = kind
        self.clientAddress = clientAddress
        self.userAgent = userAgent
    }

    /// An event from `request`'s visitor.
    public init(_ kind: Kind, from request: Request) {
        self.init(kind, clientAddress: request.remoteAddress, userAgent: request.headers["User-Agent"])
    }
}
