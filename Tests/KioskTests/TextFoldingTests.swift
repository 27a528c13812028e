import Testing
@testable import Kiosk

@Suite("Text folding: accents, case and punctuation")
struct TextFoldingTests {
    @Test func foldsFrenchTheLazyWay() {
        #expect(TextFolding.fold("États-Unis") == "etats unis")
        #expect(TextFolding.fold("L'École") == "l ecole")
        #expect(TextFolding.fold("Œuvre") == "oeuvre")
        #expect(TextFolding.fold("«\u{A0}Cathédrale\u{A0}»") == "cathedrale")
        #expect(TextFolding.fold("l’été — chaud…") == "l ete chaud")
        #expect(TextFolding.fold("zéro\u{200B}width") == "zerowidth")
        #expect(TextFolding.fold("Straße") == "strasse")
        #expect(TextFolding.fold("1er mai") == "1er mai")
        #expect(TextFolding.fold("Ørsted") == "ørsted")  // Ø has no decomposition (scalar path)
        #expect(TextFolding.fold("anti\u{AD}constitutionnel") == "anticonstitutionnel")
        #expect(TextFolding.fold("Μοσχάτο") == "μοσχατο")
        #expect(TextFolding.fold("  ") == "")
        #expect(TextFolding.fold("Cathédrale"[...]) == "cathedrale")
    }

    /// The UTF-8 fast path gives exactly what the Unicode-scalar path gives, on random text
    /// mixing what it covers with characters it must hand over (ª, ², Ø, ‰, Greek, emoji...).
    @Test func fastPathAgreesWithScalarPath() {
        var scalars: [Unicode.Scalar] = []
        for value in UInt32(0x20)...0x7E { scalars.append(Unicode.Scalar(value)!) }
        for value in UInt32(0xA0)...0xFF { scalars.append(Unicode.Scalar(value)!) }
        for value in UInt32(0x2000)...0x2046 { scalars.append(Unicode.Scalar(value)!) }
        scalars += ["\n", "\t", "Œ", "œ", "ß", "α", "Ω", "😀", "\u{301}", "ﬁ", "Ā", "ı", "\u{2070}", "\u{2074}"]
        var generator = SplitMix64(seed: 42)
        var covered = 0
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.append(scalars.randomElement(using: &generator)!)
            }
            let string = String(text)
            let scalar = TextFolding.foldScalars(string)
            if let fast = TextFolding.foldCommonUTF8(string.utf8) {
                covered += 1
                #expect(fast == scalar, "\(Array(string.unicodeScalars.map { String($0.value, radix: 16) }))")
            }
            #expect(TextFolding.fold(string) == scalar)
        }
        #expect(covered > 1_000, "the fast path took \(covered) of 5,000")
    }
}
