/// A workshop session a mediator runs: what staff typed when starting it, and when it began on
/// this boot's monotonic clock. Phones seen while it runs are its participants (the same daily
/// keyed device numbers as every event: nothing more is stored about them).
public struct WorkshopSession: Sendable, Equatable {
    public var title: String
    public var place: String
    public var mediator: String
    /// How many people were expected (for the report's "against the number expected").
    public var expected: Int?
    /// Names the session in the database until it ends.
    public var key: String
    /// Seconds since boot when it started.
    public var startedAt: Double

    public init(title: String, place: String = "", mediator: String = "", expected: Int? = nil, key: String, startedAt: Double) {
        self.title = title
        self.place = place
        self.mediator = mediator
        self.expected = expected
        self.key = key
        self.startedAt = startedAt
    }
}
