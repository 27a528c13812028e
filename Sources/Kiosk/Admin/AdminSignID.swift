/// Whether a sign id can be given to a new sign: free, taken (by which article, with a free id
/// that reads alike: `NDPARIS2`), or malformed. The signs form says it as the id is typed.
struct AdminSignID {
    let id: String
    /// "free", "taken" or "invalid".
    let kind: String
    /// The title of the article the id's sign shows, when taken.
    let takenTitle: String?
    /// A free id to use instead, when taken or malformed.
    let proposal: String?

    init(id: String, catalog: SignCatalog?, composer: SignComposer) {
        self.id = id
        let taken = Set(catalog?.signs.map(\.id) ?? [])
        guard Sign.isValidID(id) else {
            kind = "invalid"
            takenTitle = nil
            let base = Sign.suggestedID(from: id)
            proposal = base.isEmpty ? nil : Sign.freeID(base, taken: taken)
            return
        }
        guard let sign = catalog?.sign(id: id) else {
            kind = "free"
            takenTitle = nil
            proposal = nil
            return
        }
        kind = "taken"
        takenTitle = composer.title(of: sign)
        proposal = Sign.freeID(id, taken: taken)
    }

    /// What the form says under the id field.
    func message(_ t: AdminText) -> HTML {
        switch kind {
        case "free": return "<span class=\"yes\">\(t["admin.signs.id.free", ["id": .text(id)]])</span>"
        case "taken":
            return "<span class=\"no\">\(t["admin.signs.id.taken", ["id": .text(id), "title": .text(takenTitle ?? ""), "proposal": .text(proposal ?? "")]])</span>"
        default:
            return "<span class=\"no\">\(t["admin.signs.id.invalid"])</span>"
                + (proposal.map { " " + t["admin.signs.id.proposal", ["proposal": .text($0)]] } ?? .empty)
        }
    }
}
