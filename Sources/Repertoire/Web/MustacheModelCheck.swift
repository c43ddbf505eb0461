import Foundation
import Mustache

/// Page models give the templates their fields through `MustacheParent` (a `switch` per type)
/// instead of reflection, which cost 70 times the JSON answer per page. A field added to a model
/// but not to its `child(named:)` would silently render nothing; debug builds (every test run)
/// therefore compare each rendered model with its reflection, and refuse to render one whose
/// access is incomplete.
enum MustacheModelCheck {
    struct Incomplete: Error, CustomStringConvertible {
        var problems: [String]
        var description: String { "page model incomplete for its templates: " + problems.joined(separator: "; ") }
    }

    /// The problems found in `model` and every value it holds: a struct that is not a
    /// `MustacheParent`, or a stored field its `child(named:)` does not give.
    static func problems(in model: Any) -> [String] {
        var problems: [String] = []
        visit(model, path: String(describing: type(of: model)), problems: &problems)
        return problems
    }

    static func verify(_ model: Any) throws {
        let found = problems(in: model)
        if !found.isEmpty { throw Incomplete(problems: found) }
    }

    private static func visit(_ value: Any, path: String, problems: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first?.value { visit(wrapped, path: path, problems: &problems) }
        case .collection, .set:
            for (index, element) in mirror.children.enumerated() {
                visit(element.value, path: "\(path)[\(index)]", problems: &problems)
            }
        case .struct, .class:
            if value is String || value is Substring || value is Date || value is any Numeric || value is SafeHTML { return }
            guard let parent = value as? MustacheParent else {
                problems.append("\(path) (\(type(of: value))) is not a MustacheParent")
                return
            }
            for child in mirror.children {
                guard let label = child.label else { continue }
                let held = Mirror(reflecting: child.value)
                let isNil = held.displayStyle == .optional && held.children.isEmpty
                if !isNil && parent.child(named: label) == nil {
                    problems.append("\(path).\(label) is missing from child(named:) of \(type(of: value))")
                }
                visit(child.value, path: "\(path).\(label)", problems: &problems)
            }
        default:
            return
        }
    }
}
