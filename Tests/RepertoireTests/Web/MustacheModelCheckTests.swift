import Foundation
import Mustache
import Testing
@testable import Repertoire

/// Page models are read by the templates through `child(named:)`, not reflection; the debug
/// check must catch a field left out, or a nested model that is not a `MustacheParent`.
@Suite("Page models without reflection")
struct MustacheModelCheckTests {
    struct Inner: Sendable { var label: String }
    struct Complete: MustacheParent {
        var title: String
        var note: String?
        var items: [LinkModel]
        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "note": note
            case "items": items
            default: nil
            }
        }
    }
    struct Forgetful: MustacheParent {
        var title: String
        var added: String
        var inner: Inner
        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "inner": inner
            default: nil
            }
        }
    }

    @Test("a complete model passes, an absent optional needs no entry")
    func completeModelPasses() {
        let model = Complete(title: "Titre", note: nil, items: [LinkModel(url: "/", label: "Accueil")])
        #expect(MustacheModelCheck.problems(in: model).isEmpty)
    }

    @Test("a field missing from child(named:) and a nested struct without access are both reported")
    func forgottenFieldIsReported() {
        let problems = MustacheModelCheck.problems(in: Forgetful(title: "Titre", added: "nouveau", inner: Inner(label: "x")))
        #expect(problems.contains { $0.contains(".added is missing") })
        #expect(problems.contains { $0.contains(".inner (Inner) is not a MustacheParent") })
        #expect(throws: MustacheModelCheck.Incomplete.self) {
            try MustacheModelCheck.verify(Forgetful(title: "Titre", added: "nouveau", inner: Inner(label: "x")))
        }
    }

    @Test("the words of both languages are read without reflection, all of them")
    func stringsAreComplete() {
        for strings in [Strings.french, Strings.english] {
            #expect(MustacheModelCheck.problems(in: strings).isEmpty)
            #expect(strings.child(named: "searchButton") as? String == strings.searchButton)
        }
    }
}
