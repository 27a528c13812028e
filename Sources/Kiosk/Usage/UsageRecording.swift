/// Where handlers send usage events. Implementations must return at once (a request never
/// waits on the disk) and must never store client addresses or raw user agents.
public protocol UsageRecording: Sendable {
    func record(_ event: UsageEvent)
    /// A visitor's phone says it is `phoneTime` (seconds since 1970): used to date events
    /// while the kiosk's own clock is not synchronised. Defaults to ignoring it.
    func recordClientClock(phoneTime: Double, clientAddress: String?, userAgent: String?)
}

/// Records nothing: statistics switched off, and tests that don't look at them.
public struct NoUsageRecording: UsageRecording {
    /// Why statistics are off when they were asked for (the database could not be opened, or
    /// was written by a newer WikiKiosk): the staff dashboard shows it. nil: switched off.
    public let problem: String?

    public init(problem: String? = nil) { self.problem = problem }
    public func record(_ event: UsageEvent) {}
}

extension UsageRecording {
    /// Default: phones' clocks are ignored.
    public func recordClientClock(phoneTime: Double, clientAddress: String?, userAgent: String?) {}
}
