/// A connectivity probe: the request an operating system sends on joining a network to learn
/// whether it reaches the Internet, and the exact answer that means "online" to it.
public struct Probe: Sendable, Equatable {
    /// Which system sends it (for tests and the log).
    public let system: String
    /// What "online" looks like to this system.
    public let online: OnlineAnswer

    /// The answer a system takes for "the Internet is here".
    public enum OnlineAnswer: Sendable, Equatable {
        /// 204 with an empty body (Android, Chrome OS, Ubuntu).
        case noContent
        /// 200 with exactly this body.
        case body(String, contentType: String)
        /// Always a redirect to the landing page (Windows opens `/redirect` in the browser).
        case landing
    }
}
