import DangBoCore
import DangBoStorage
import Foundation
import Vapor

struct FormCatalogKey: StorageKey {
    typealias Value = FormCatalog
}

extension Application {
    /// The report forms loaded from `Forms/` (or DANGBO_FORMS_DIR) at start-up.
    var forms: FormCatalog {
        get { storage[FormCatalogKey.self] ?? (try! FormCatalog(forms: [])) }
        set { storage[FormCatalogKey.self] = newValue }
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
