/// Where handlers send usage events. Implementations must return at once (a request never
/// waits on the disk) and must never store client addresses or raw user agents.
public protocol UsageRecording: Sendable {
    func record(_ event: UsageEvent)
}

/// Records nothing: statistics switched off, and tests that don't look at them.
public struct NoUsageRecording: UsageRecording {
    public init() {}
    public func record(_ event: UsageEvent) {}
}
