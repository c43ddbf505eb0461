import Mustache

/// A page whose body is written in Swift with ``HTMLWriter`` (the buyers' workspace): the
/// site's frame from `layout.mustache`, and markup that escapes every value it prints.
struct WrittenPage: Sendable {
    var t: Strings
    var layout: LayoutModel
    var body: SafeHTML
}

extension WrittenPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "body": self.body
        default: nil
        }
    }
}
