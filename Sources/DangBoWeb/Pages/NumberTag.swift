import DangBoCore
import Leaf
import LeafKit

/// `#number(x)` in a template: an integer — or the count of a list — written with the app's one number formatter
/// (7.390), so that no template prints a bare `#count(...)` or a raw row number.
struct NumberTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(1)
        let parameter = ctx.parameters[0]
        if let list = parameter.array { return .string(VietnameseNumberFormat.integer(list.count)) }
        guard let value = parameter.int else {
            throw LeafError(.unknownError("#number(): the parameter is neither an integer nor a list"))
        }
        return .string(VietnameseNumberFormat.integer(value))
    }
}
