import Mustache

/// A page model as the template engine sees it: a reference to the model instead of the model.
///
/// swift-mustache keeps the objects it renders as `Any` and, for every tag, casts each object of
/// its context stack to `MustacheParent` until one has the name. A page model is a struct larger
/// than an existential's inline buffer, so every such cast copied the whole struct into a new
/// box (a result card with its 15 fields once per tag, the page's ~30 fields and the ~100 words
/// of `Strings` once per `{{t.…}}`): half of a results page's time. Wrapped in this class, a cast
/// retains one pointer. Nested models, lists of models and the interface's words are wrapped as
/// they are first read; everything else (text, numbers, flags, ``SafeHTML``) is given as it is.
///
/// Created and read by one render only (``WebRenderer``), never shared between threads.
final class TemplateNode: MustacheParent {
    private let model: any MustacheParent
    /// The interface's words (`t`), wrapped once per page rather than once per `{{t.…}}`.
    private var words: TemplateNode?

    private init(_ model: any MustacheParent) {
        self.model = model
    }

    func child(named name: String) -> Any? {
        if name == "t" {
            if let words { return words }
            let wrapped = Self.wrap(model.child(named: name))
            words = wrapped as? TemplateNode
            return wrapped
        }
        return Self.wrap(model.child(named: name))
    }

    /// `value` ready for the template engine: a model or list of models wrapped, the rest as is.
    static func wrap(_ value: Any?) -> Any? {
        switch value {
        case .none:
            return nil
        case let text as String:
            return text
        case let flag as Bool:
            return flag
        case let node as TemplateNode:
            return node
        case let model as any MustacheParent:
            return TemplateNode(model)
        case let models as [any MustacheParent]:
            return models.map { TemplateNode($0) }
        case .some(let other):
            return other
        }
    }
}
