/// One page of the demo book.
struct DemoPage: Sendable {
    let path: String
    let title: String
    /// BCP 47 language of the page (`fr`, `en`).
    let language: String
    /// The page's body HTML (trusted, written by the project).
    let body: String
    /// The same page in the other language, for the language link.
    let translation: String?
}
