import DangBoCore
import DangBoStorage
import Foundation
import Vapor

struct FormCatalogKey: StorageKey {
    typealias Value = FormCatalog
}

struct TermCalendarKey: StorageKey {
    typealias Value = TermCalendar
}

struct ReviewLevelsKey: StorageKey {
    typealias Value = ReviewLevels
}

extension Application {
    /// The report forms loaded from `Forms/` (or DANGBO_FORMS_DIR) at start-up.
    var forms: FormCatalog {
        get { storage[FormCatalogKey.self] ?? (try! FormCatalog(forms: [])) }
        set { storage[FormCatalogKey.self] = newValue }
    }

    /// The configured terms (`Forms/terms/terms.json`), loaded with the forms.
    var terms: TermCalendar {
        get { storage[TermCalendarKey.self] ?? .empty }
        set { storage[TermCalendarKey.self] = newValue }
    }

    /// Who reviews whose reports (`Forms/levels/review.json`), loaded with the forms.
    var reviewLevels: ReviewLevels {
        get { storage[ReviewLevelsKey.self] ?? .everyAncestor }
        set { storage[ReviewLevelsKey.self] = newValue }
    }

    /// Renders a form's printed table with the configured terms.
    func renderer(_ form: FormDefinition) -> TableRenderer {
        TableRenderer(form: form, terms: terms)
    }

    /// Loads every form definition; a broken one stops start-up with the file and the place.
    func loadForms(from override: URL? = nil) throws {
        let directory = override ?? Environment.get("DANGBO_FORMS_DIR").map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: directory.workingDirectory).appendingPathComponent("Forms")
        do {
            forms = try FormCatalog.load(directory: directory)
        } catch {
            throw FormsNotLoaded(details: error.description)
        }
        do {
            terms = try TermCalendar.load(formsDirectory: directory)
        } catch {
            throw FormsNotLoaded(details: error.description)
        }
        do {
            reviewLevels = try ReviewLevels.load(formsDirectory: directory)
        } catch {
            throw FormsNotLoaded(details: error.description)
        }
    }
}

struct FormsNotLoaded: Error, CustomStringConvertible {
    var details: String
    var description: String { "Không nạp được biểu mẫu báo cáo:\n\(details)" }
}

extension Request {
    var forms: FormCatalog { application.forms }

    func form(_ code: String?) throws -> FormDefinition {
        guard let code, let form = application.forms.form(code: code) else {
            throw DomainError.notFound("Không có biểu mẫu \"\(code?.prefix(30) ?? "")\"")
        }
        return form
    }
}

extension Period {
    /// The slot storage keeps for an entry period.
    var slot: PeriodSlot { PeriodSlot(code: code, start: start, end: end) }
}
