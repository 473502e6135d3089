import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a part reader does with the stream of XML events. Element names arrive without their
/// namespace prefix ("x:row" becomes "row"); attribute names are likewise stripped of prefixes.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, attributes: [String: String]) throws(DocumentError)
    func end(_ name: String) throws(DocumentError)
    func text(_ text: String)
}

extension XMLEventHandler {
    func end(_ name: String) throws(DocumentError) {}
    func text(_ text: String) {}
}

/// A thin SAX layer over Foundation's XMLParser that turns parse failures and handler errors
/// into `DocumentError` values naming the part.
enum XMLEventParser {
    static func parse(_ data: Data, part: String, handler: XMLEventHandler) throws(DocumentError) {
        try XMLScreen.check(data, part: part)
        // Fed from a stream, the parser gets the part in chunks; handed the whole Data at once,
        // libxml2 on Linux gives up on parts over about 10 MB (large sheets are that big).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler: handler)
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        // Foundation on Linux parses in recovery mode: parse() can return true after an error,
        // and reports nothing for a document cut short, so errors and depth are checked here too.
        var position = delegate.syntaxError
        if position == nil, !ok || parser.parserError != nil { position = (parser.lineNumber, parser.columnNumber) }
        if let position {
            throw .malformedXML(part: part, detail: "sai cú pháp XML ở dòng \(position.line), cột \(position.column)")
        }
        guard delegate.sawRoot, delegate.depth == 0 else {
            throw .malformedXML(part: part, detail: "nội dung XML bị cắt ngang hoặc thiếu thẻ đóng")
        }
    }

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let handler: XMLEventHandler
        var failure: DocumentError?
        var syntaxError: (line: Int, column: Int)?
        var depth = 0
        var sawRoot = false

        init(handler: XMLEventHandler) {
            self.handler = handler
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard failure == nil, syntaxError == nil else { return }
            depth += 1
            sawRoot = true
            var attributes: [String: String] = [:]
            attributes.reserveCapacity(attributeDict.count)
            for (key, value) in attributeDict {
                if key.hasPrefix("xmlns") { continue }
                let local = XMLEventParser.localName(key)
                // Unprefixed attributes win over prefixed ones with the same local name.
                if attributes[local] == nil || !key.contains(":") { attributes[local] = value }
            }
            do {
                try handler.start(XMLEventParser.localName(elementName), attributes: attributes)
            } catch {
                stop(parser, error)
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            guard failure == nil, syntaxError == nil else { return }
            depth -= 1
            do {
                try handler.end(XMLEventParser.localName(elementName))
            } catch {
                stop(parser, error)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard failure == nil, syntaxError == nil else { return }
            handler.text(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard failure == nil, syntaxError == nil else { return }
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard syntaxError == nil else { return }
            syntaxError = (parser.lineNumber, parser.columnNumber)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
            self.parser(parser, parseErrorOccurred: validationError)
        }

        private func stop(_ parser: XMLParser, _ error: DocumentError) {
            failure = error
            parser.abortParsing()
        }
    }
}
