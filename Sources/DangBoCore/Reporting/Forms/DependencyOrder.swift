import Foundation

/// Orders formulas so that each is computed after what it reads, and finds the cycles that make that impossible.
enum DependencyOrder {
    /// `dependencies[node]` lists the nodes (among `nodes`) that `node` reads. The order keeps the declared order
    /// where it can; each cycle is reported once, as a path that returns to its first node ("c6 → c7 → c6").
    static func sort(_ nodes: [String], dependencies: [String: [String]]) -> (order: [String], cycles: [[String]]) {
        let known = Set(nodes)
        var state: [String: Bool] = [:] // false = on the current path, true = done
        var order: [String] = []
        var cycles: [[String]] = []
        var cycleSets: Set<Set<String>> = []
        var path: [String] = []

        func visit(_ node: String) {
            if let done = state[node] {
                if !done, let start = path.firstIndex(of: node) {
                    let cycle = Array(path[start...]) + [node]
                    if cycleSets.insert(Set(cycle)).inserted { cycles.append(cycle) }
                }
                return
            }
            state[node] = false
            path.append(node)
            for dependency in dependencies[node] ?? [] where known.contains(dependency) {
                visit(dependency)
            }
            path.removeLast()
            state[node] = true
            order.append(node)
        }

        for node in nodes { visit(node) }
        return (order, cycles)
    }
}
