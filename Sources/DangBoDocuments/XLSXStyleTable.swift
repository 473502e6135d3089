import Foundation

/// Collects the distinct cell styles of a workbook and writes xl/styles.xml.
/// Each distinct `XLSXStyle` becomes one entry of cellXfs; fonts, fills, borders and
/// number formats are shared between entries.
struct XLSXStyleTable {
    static let fontName = "Times New Roman"

    private struct Font: Hashable {
        var bold: Bool
        var italic: Bool
        var underline: Bool
        var size: Double
        var color: String?
    }

    private struct Format: Hashable {
        var numberFormatId: Int
        var fontId: Int
        var fillId: Int
        var borderId: Int
        var horizontal: XLSXStyle.HorizontalAlignment
        var vertical: XLSXStyle.VerticalAlignment
        var wrapText: Bool
    }

    private var styleIndex: [XLSXStyle: Int] = [:]
    private var formats: [Format] = []
    private var formatIndex: [Format: Int] = [:]
    private var fonts: [Font] = []
    private var fontIndex: [Font: Int] = [:]
    /// Solid fill colours after the two fills every workbook starts with (none, gray125).
    private var fillColors: [String] = []
    private var customFormats: [String] = []

    init() {
        _ = index(of: .plain)
    }

    /// The cellXfs index of a style (its `s` attribute), adding it when new.
    mutating func index(of style: XLSXStyle) -> Int {
        if let known = styleIndex[style] { return known }
        let size = (1...409).contains(style.fontSize) ? style.fontSize : XLSXStyle.defaultFontSize
        let font = Font(bold: style.bold, italic: style.italic, underline: style.underline, size: size,
                        color: style.fontColor.flatMap(XLSXStyle.argb))
        let format = Format(numberFormatId: numberFormatId(style.numberFormat), fontId: fontId(font),
                            fillId: fillId(style.fill), borderId: borderId(style.border),
                            horizontal: style.horizontal, vertical: style.vertical, wrapText: style.wrapText)
        let index: Int
        if let known = formatIndex[format] {
            index = known
        } else {
            index = formats.count
            formats.append(format)
            formatIndex[format] = index
        }
        styleIndex[style] = index
        return index
    }

    private mutating func fontId(_ font: Font) -> Int {
        if let known = fontIndex[font] { return known }
        fonts.append(font)
        fontIndex[font] = fonts.count - 1
        return fonts.count - 1
    }

    private mutating func fillId(_ fill: XLSXStyle.Fill) -> Int {
        let color: String?
        switch fill {
        case .none: color = nil
        case .gray: color = "FFD9D9D9"
        case .rgb(let text): color = XLSXStyle.argb(text)
        }
        guard let color else { return 0 }
        if let known = fillColors.firstIndex(of: color) { return known + 2 }
        fillColors.append(color)
        return fillColors.count + 1
    }

    private func borderId(_ border: XLSXStyle.Border) -> Int {
        switch border {
        case .none: return 0
        case .thin: return 1
        case .medium: return 2
        }
    }

    private mutating func numberFormatId(_ format: XLSXStyle.NumberFormat) -> Int {
        if let builtin = format.builtinId { return builtin }
        guard let code = format.code else { return 0 }
        if let known = customFormats.firstIndex(of: code) { return 164 + known }
        customFormats.append(code)
        return 164 + customFormats.count - 1
    }

    /// The xl/styles.xml part.
    var xml: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !customFormats.isEmpty {
            xml += #"<numFmts count="\#(customFormats.count)">"#
            for (offset, code) in customFormats.enumerated() {
                xml += #"<numFmt numFmtId="\#(164 + offset)" formatCode="\#(XMLText.escape(code, attribute: true))"/>"#
            }
            xml += "</numFmts>"
        }
        xml += #"<fonts count="\#(fonts.count)">"#
        for font in fonts {
            xml += "<font>"
            if font.bold { xml += "<b/>" }
            if font.italic { xml += "<i/>" }
            if font.underline { xml += "<u/>" }
            xml += #"<sz val="\#(XMLText.number(font.size))"/>"#
            if let color = font.color { xml += #"<color rgb="\#(color)"/>"# }
            xml += #"<name val="\#(Self.fontName)"/><family val="1"/><charset val="163"/></font>"#
        }
        xml += "</fonts>"
        xml += #"<fills count="\#(fillColors.count + 2)"><fill><patternFill patternType="none"/></fill>"#
        xml += #"<fill><patternFill patternType="gray125"/></fill>"#
        for color in fillColors {
            xml += #"<fill><patternFill patternType="solid"><fgColor rgb="\#(color)"/><bgColor indexed="64"/></patternFill></fill>"#
        }
        xml += "</fills>"
        xml += #"<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        for weight in ["thin", "medium"] {
            xml += "<border>"
            for side in ["left", "right", "top", "bottom"] {
                xml += #"<\#(side) style="\#(weight)"><color indexed="64"/></\#(side)>"#
            }
            xml += "<diagonal/></border>"
        }
        xml += "</borders>"
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += #"<cellXfs count="\#(formats.count)">"#
        for format in formats {
            xml += #"<xf numFmtId="\#(format.numberFormatId)" fontId="\#(format.fontId)" fillId="\#(format.fillId)""#
            xml += #" borderId="\#(format.borderId)" xfId="0""#
            if format.numberFormatId != 0 { xml += #" applyNumberFormat="1""# }
            if format.fontId != 0 { xml += #" applyFont="1""# }
            if format.fillId != 0 { xml += #" applyFill="1""# }
            if format.borderId != 0 { xml += #" applyBorder="1""# }
            xml += #" applyAlignment="1"><alignment"#
            if format.horizontal != .general { xml += #" horizontal="\#(format.horizontal.rawValue)""# }
            if format.vertical != .bottom { xml += #" vertical="\#(format.vertical.rawValue)""# }
            if format.wrapText { xml += #" wrapText="1""# }
            xml += "/></xf>"
        }
        xml += "</cellXfs>"
        xml += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        xml += #"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>"#
        xml += "</styleSheet>"
        return xml
    }
}
