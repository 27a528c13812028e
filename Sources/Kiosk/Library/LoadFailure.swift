/// A ZIM file that could not be served, and why, in plain words.
public struct LoadFailure: Sendable, Hashable {
    public let path: String
    public let reason: String
    public let fingerprint: FileFingerprint?
}
