import Foundation

/// Recursive-descent parser for `ReportExpression`:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | primary
///     primary    := number | key | "sum" "(" expression ("," expression)* ")" | "(" expression ")"
///
/// Numbers use "." for decimals (JSON style). Keys start with a letter or "_" and continue with letters, digits,
/// "_", "." and ":" (so that rules can name cells as `row:column`).
struct ExpressionParser {
    private enum Token: Equatable {
        case number(Double)
        case name(String)
        case symbol(Character)
        case end
    }

    private let characters: [Character]
    private var position = 0
    private var token: Token = .end
    private var tokenStart = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func parseAll() throws(ExpressionSyntaxError) -> ReportExpression {
        try advance()
        if token == .end { throw ExpressionSyntaxError(offset: 0, message: "biểu thức trống") }
        let expression = try parseExpression()
        guard token == .end else { throw error("thừa \(describe(token)) sau biểu thức") }
        return expression
    }

    private mutating func parseExpression() throws(ExpressionSyntaxError) -> ReportExpression {
        var result = try parseTerm()
        while case .symbol(let symbol) = token, symbol == "+" || symbol == "-" {
            try advance()
            let right = try parseTerm()
            result = .binary(symbol == "+" ? .add : .subtract, result, right)
        }
        return result
    }

    private mutating func parseTerm() throws(ExpressionSyntaxError) -> ReportExpression {
        var result = try parseUnary()
        while case .symbol(let symbol) = token, symbol == "*" || symbol == "/" {
            try advance()
            let right = try parseUnary()
            result = .binary(symbol == "*" ? .multiply : .divide, result, right)
        }
        return result
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> ReportExpression {
        if token == .symbol("-") {
            try advance()
            let operand = try parseUnary()
            if case .number(let value) = operand { return .number(-value) }
            return .negate(operand)
        }
        if token == .symbol("+") {
            try advance()
            return try parseUnary()
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> ReportExpression {
        switch token {
        case .number(let value):
            try advance()
            return .number(value)
        case .name(let name):
            let nameStart = tokenStart
            try advance()
            guard token == .symbol("(") else { return .reference(name) }
            guard name.lowercased() == "sum" else {
                throw ExpressionSyntaxError(offset: nameStart, message: "hàm \"\(name)\" không được hỗ trợ (chỉ có sum)")
            }
            try advance()
            if token == .symbol(")") { throw error("sum() cần ít nhất một đối số") }
            var arguments = [try parseExpression()]
            while token == .symbol(",") {
                try advance()
                arguments.append(try parseExpression())
            }
            try expect(")")
            return .sum(arguments)
        case .symbol("("):
            try advance()
            let inner = try parseExpression()
            try expect(")")
            return inner
        default:
            throw error(token == .end ? "thiếu toán hạng ở cuối biểu thức" : "thiếu toán hạng trước \(describe(token))")
        }
    }

    private mutating func expect(_ symbol: Character) throws(ExpressionSyntaxError) {
        guard token == .symbol(symbol) else { throw error("thiếu dấu \"\(symbol)\"") }
        try advance()
    }

    private func error(_ message: String) -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: tokenStart, message: message)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let value): return "số \(ReportExpression.text(of: value))"
        case .name(let name): return "\"\(name)\""
        case .symbol(let symbol): return "\"\(symbol)\""
        case .end: return "cuối biểu thức"
        }
    }

    private static func isNameStart(_ character: Character) -> Bool {
        character.isLetter || character == "_"
    }

    private static func isNamePart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == ":"
    }

    private mutating func advance() throws(ExpressionSyntaxError) {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        tokenStart = position
        guard position < characters.count else {
            token = .end
            return
        }
        let character = characters[position]
        if character.isASCII, character.isNumber {
            var text = ""
            while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                text.append(characters[position])
                position += 1
            }
            if position < characters.count, characters[position] == "." {
                text.append(".")
                position += 1
                let fractionStart = position
                while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                    text.append(characters[position])
                    position += 1
                }
                if position == fractionStart {
                    throw ExpressionSyntaxError(offset: position, message: "thiếu chữ số sau dấu \".\"")
                }
            }
            if position < characters.count, ExpressionParser.isNamePart(characters[position]) {
                throw ExpressionSyntaxError(offset: position, message: "thiếu toán tử giữa số và \"\(characters[position])\"")
            }
            token = .number(Double(text) ?? 0)
            return
        }
        if ExpressionParser.isNameStart(character) {
            var name = ""
            while position < characters.count, ExpressionParser.isNamePart(characters[position]) {
                name.append(characters[position])
                position += 1
            }
            token = .name(name)
            return
        }
        if "+-*/(),".contains(character) {
            position += 1
            token = .symbol(character)
            return
        }
        throw ExpressionSyntaxError(offset: position, message: "ký tự không hợp lệ \"\(character)\"")
    }
}
