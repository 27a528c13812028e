import Synchronization

/// "Proposer le questionnaire": when the mediator offers the questionnaire to the phones of the
/// running session, each of them is sent to it once, on its next page (`QuestionnaireInvitation`).
///
/// In memory only, never written: a phone is a keyed hash of its address (the key is random for
/// each run), kept until the next offer or the end of the session. A phone that opened the
/// questionnaire (invited or on its own) is not sent again for this offer; one that answered is
/// not sent again in this session.
public final class QuestionnaireInvitations: Sendable {
    private struct Offer {
        /// The session offered to (`WorkshopSession.key`) and when (monotonic seconds).
        var session: String
        var at: Double
        var invited: Set<Int> = []
        var answered: Set<Int> = []
    }

    private let offer = Mutex<Offer?>(nil)
    private let keys = AddressKeys()
    /// Whether an offer stands: read without the lock on every page request, which then does
    /// nothing more while none does.
    private let standing = Atomic<Bool>(false)
    /// At most this many phones are remembered per offer (a room, not a city).
    static let capacity = 5_000

    public init() {}

    /// Offers the questionnaire to the phones of `session`; phones that answered in this session stay answered.
    public func offer(to session: String, at monotonic: Double) {
        offer.withLock { current in
            let answered = current?.session == session ? current?.answered ?? [] : []
            current = Offer(session: session, at: monotonic, answered: answered)
        }
        standing.store(true, ordering: .releasing)
    }

    /// Takes the offer back (its session ended, or another started).
    public func withdraw() {
        standing.store(false, ordering: .releasing)
        offer.withLock { $0 = nil }
    }

    /// Whether an offer stands (a cheap check before `shouldInvite`).
    public var isStanding: Bool { standing.load(ordering: .acquiring) }

    /// Whether the phone at `address` should be sent to the questionnaire now, during `session`
    /// (the one running, if any); true once per offer: it is then counted as invited.
    public func shouldInvite(_ address: String, during session: String?) -> Bool {
        guard let session else { return false }
        let key = keys.key(address)
        return offer.withLock { current in
            guard let offered = current, offered.session == session, !offered.answered.contains(key),
                  offered.invited.count < Self.capacity else { return false }
            return current?.invited.insert(key).inserted ?? false
        }
    }

    /// The phone opened the questionnaire (`answered`: and sent at least one answer).
    public func opened(by address: String, answered: Bool) {
        let key = keys.key(address)
        offer.withLock { current in
            guard current != nil, (current?.invited.count ?? 0) < Self.capacity else { return }
            current?.invited.insert(key)
            if answered { current?.answered.insert(key) }
        }
    }

    /// The offer for `session`, if one was made: when, how many phones saw it, how many answered.
    public func status(of session: String?) -> (at: Double, invited: Int, answered: Int)? {
        offer.withLock { current in
            guard let current, current.session == session else { return nil }
            return (current.at, current.invited.count, current.answered.count)
        }
    }
}
