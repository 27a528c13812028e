/// Edit distances between words, counted in Unicode scalars.
enum EditDistance {
    /// Whether `a` becomes `b` with at most one edit: deleting, inserting or changing one
    /// letter, or swapping two neighbouring ones (the optimal-string-alignment distance ≤ 1).
    static func isAtMostOne(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a.count == b.count {
            var first = -1
            for index in a.indices where a[index] != b[index] {
                if first < 0 {
                    first = index
                    continue
                }
                // A second difference: only a swap of the two neighbouring letters is one edit.
                guard index == first + 1, a[first] == b[index], a[index] == b[first] else { return false }
                return a[(index + 1)...] == b[(index + 1)...]
            }
            return true
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var skipped = false
        var i = 0, j = 0
        while i < long.count, j < short.count {
            if long[i] == short[j] {
                i += 1
                j += 1
            } else {
                if skipped { return false }
                skipped = true
                i += 1
            }
        }
        return true
    }
}
