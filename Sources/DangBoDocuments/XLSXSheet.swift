import Foundation

/// One worksheet to write: its cells and its layout for screen and print.
///
/// Rows are given in order (`rows[0]` is row 1). Where the layout names rows by number
/// (`rowHeights`, `headerRows`), the numbers are Excel's 1-based row numbers.
public struct XLSXSheet: Hashable, Sendable {
    /// Tab name. Characters Excel forbids (`[ ] : * ? / \`) are replaced, and names are cut to
    /// 31 characters and made unique within the workbook.
    public var name: String
    public var rows: [[XLSXCell]]
    /// Column widths in characters; index 0 is column A. Zero or less leaves the default width.
    public var columnWidths: [Double]
    /// Row heights in points, keyed by 1-based row number.
    public var rowHeights: [Int: Double]
    /// Merged areas such as "A1:C1". Cells covered by an area that are missing or plain empty
    /// take the style of the area's top-left cell, so borders and fills cover the whole area.
    public var mergedRanges: [String]
    /// 1-based row numbers repeated at the top of every printed page (`'Sheet'!$3:$5`).
    public var headerRows: ClosedRange<Int>?
    public var pageSetup: PageSetup
    public var freezePane: FreezePane?
    /// Drop-down lists that limit what can be typed into cells.
    public var listValidations: [ListValidation]

    public init(name: String, rows: [[XLSXCell]] = [], columnWidths: [Double] = [], rowHeights: [Int: Double] = [:],
                mergedRanges: [String] = [], headerRows: ClosedRange<Int>? = nil, pageSetup: PageSetup = PageSetup(),
                freezePane: FreezePane? = nil, listValidations: [ListValidation] = []) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.mergedRanges = mergedRanges
        self.headerRows = headerRows
        self.pageSetup = pageSetup
        self.freezePane = freezePane
        self.listValidations = listValidations
    }

    /// Adds a row at the bottom and returns its 1-based row number.
    @discardableResult
    public mutating func appendRow(_ cells: [XLSXCell], height: Double? = nil) -> Int {
        rows.append(cells)
        if let height { rowHeights[rows.count] = height }
        return rows.count
    }

    /// Merges the area between two cells given by 0-based indexes.
    public mutating func merge(fromRow: Int, fromColumn: Int, toRow: Int, toColumn: Int) {
        mergedRanges.append(CellRange(fromRow: fromRow, fromColumn: fromColumn, toRow: toRow, toColumn: toColumn).description)
    }

    /// Rows and columns kept in view while scrolling.
    public struct FreezePane: Hashable, Sendable {
        /// How many rows at the top stay in view.
        public var rows: Int
        /// How many columns at the left stay in view.
        public var columns: Int

        public init(rows: Int, columns: Int = 0) {
            self.rows = rows
            self.columns = columns
        }
    }

    /// A drop-down list on an area: only the listed values may be typed in.
    public struct ListValidation: Hashable, Sendable {
        /// An area such as "C2:C1000".
        public var range: String
        /// The values offered. Excel limits the joined list to 255 characters and forbids commas in them.
        public var options: [String]
        public var allowBlank: Bool
        /// Shown (in Vietnamese) when a value outside the list is typed.
        public var errorMessage: String?

        public init(range: String, options: [String], allowBlank: Bool = true, errorMessage: String? = nil) {
            self.range = range
            self.options = options
            self.allowBlank = allowBlank
            self.errorMessage = errorMessage
        }
    }

    /// Paper, orientation, scaling and margins for printing.
    public struct PageSetup: Hashable, Sendable {
        public enum Orientation: String, Hashable, Sendable {
            case portrait, landscape
        }

        public static let paperA4 = 9
        public static let paperA3 = 8

        public var orientation: Orientation
        /// Excel's paper size code: 9 is A4, 8 is A3.
        public var paperSize: Int
        /// Shrinks the printout so that all columns fit the page width (pages still break by height).
        public var fitToWidth: Bool
        /// Centres the printed table between the left and right margins.
        public var centerHorizontally: Bool
        /// Margins in centimetres.
        public var margins: Margins
        /// Text in the middle of the page footer; Excel codes work, such as "Trang &P/&N".
        public var centerFooter: String?

        public init(orientation: Orientation = .portrait, paperSize: Int = PageSetup.paperA4, fitToWidth: Bool = false,
                    centerHorizontally: Bool = false, margins: Margins = Margins(), centerFooter: String? = nil) {
            self.orientation = orientation
            self.paperSize = paperSize
            self.fitToWidth = fitToWidth
            self.centerHorizontally = centerHorizontally
            self.margins = margins
            self.centerFooter = centerFooter
        }
    }

    /// Page margins in centimetres; the defaults suit Vietnamese administrative documents
    /// (left 3 cm for binding, right 1.5 cm, top and bottom 2 cm).
    public struct Margins: Hashable, Sendable {
        public var left: Double
        public var right: Double
        public var top: Double
        public var bottom: Double
        public var header: Double
        public var footer: Double

        public init(left: Double = 3, right: Double = 1.5, top: Double = 2, bottom: Double = 2,
                    header: Double = 0.8, footer: Double = 0.8) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
            self.header = header
            self.footer = footer
        }
    }
}
