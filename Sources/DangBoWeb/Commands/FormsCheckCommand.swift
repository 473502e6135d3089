import DangBoCore
import Foundation

/// `dangbo forms check [FILE|DIRECTORY ...]`: validates form definitions with the same loader the server uses at
/// start-up, without a database and without loading the forms it checks. With no argument it checks the forms
/// directory (DANGBO_FORMS_DIR or ./Forms). Prints one line per file and one per problem; exit status 1 when any
/// definition is broken, 2 for a wrong call.
public enum FormsCheckCommand {
    /// Whether the command line asks for this command (`dangbo forms ...`), which runs before the app is configured.
    public static func handles(_ arguments: [String]) -> Bool {
        arguments.dropFirst().first == "forms"
    }

    public static let usage = "Cách dùng: dangbo forms check [TỆP.json | THƯ_MỤC ...]\n  Kiểm tra định nghĩa biểu mẫu như máy chủ nạp lúc khởi động (mặc định: thư mục Forms hoặc DANGBO_FORMS_DIR)."

    /// Runs the command and returns its exit status; `print` receives each output line.
    public static func run(arguments: [String], environment: [String: String], workingDirectory: String,
                           print: (String) -> Void) -> Int32 {
        let words = Array(arguments.dropFirst(2))
        guard arguments.dropFirst().first == "forms", arguments.count >= 3, arguments[2] == "check" else {
            print(usage)
            return 2
        }
        if words.contains("--help") || words.contains("-h") {
            print(usage)
            return 0
        }
        let base = URL(fileURLWithPath: workingDirectory)
        let targets = words.dropFirst().isEmpty
            ? [environment["DANGBO_FORMS_DIR"] ?? "Forms"]
            : Array(words.dropFirst())
        var files: [(url: URL, name: String)] = []
        var problems: [FormDefinitionError.Entry] = []
        for target in targets {
            let url = target.hasPrefix("/") ? URL(fileURLWithPath: target) : base.appendingPathComponent(target)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                problems.append(.init(file: target, path: "", message: "không có tệp hoặc thư mục này"))
                continue
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                let json = names.filter { $0.lowercased().hasSuffix(".json") }.sorted()
                if json.isEmpty { problems.append(.init(file: target, path: "", message: "thư mục không có tệp .json nào")) }
                files += json.map { (url.appendingPathComponent($0), (target as NSString).appendingPathComponent($0)) }
            } else {
                files.append((url, target))
            }
        }
        let formsPath = environment["DANGBO_FORMS_DIR"] ?? "Forms"
        let formsDirectory = formsPath.hasPrefix("/") ? URL(fileURLWithPath: formsPath) : base.appendingPathComponent(formsPath)
        var elements = DataElementCatalog.empty
        do {
            elements = try DataElementCatalog.load(formsDirectory: formsDirectory)
        } catch {
            problems += error.entries
        }
        let checked = FormCatalog.check(files: files, elements: elements)
        problems += checked.problems
        // The whole directory, as the server loads it: older layouts (versions/), the terms and the review levels too.
        if words.dropFirst().isEmpty, problems.isEmpty {
            do {
                _ = try FormCatalog.load(directory: formsDirectory)
                _ = try TermCalendar.load(formsDirectory: formsDirectory)
                _ = try ReviewLevels.load(formsDirectory: formsDirectory)
            } catch let error as FormDefinitionError {
                problems += error.entries
            } catch let error as TermCalendarError {
                problems += error.problems.map { .init(file: formsPath, path: "terms", message: $0) }
            } catch let error as ReviewLevelsError {
                problems += error.problems.map { .init(file: formsPath, path: "levels", message: $0) }
            } catch {
                problems.append(.init(file: formsPath, path: "", message: "\(error)"))
            }
        }
        let broken = Set(problems.compactMap(\.file))
        for (name, form) in checked.forms {
            print("\(name): đạt — \(form.code) (\(form.appendix)), \(form.rows.count) dòng, \(form.columns.count) cột")
        }
        for problem in problems { print(problem.description) }
        print(problems.isEmpty
              ? "Tất cả \(checked.forms.count) biểu mẫu hợp lệ."
              : "Có \(VietnameseNumberFormat.integer(problems.count)) lỗi trong \(VietnameseNumberFormat.integer(broken.count)) tệp; máy chủ sẽ không khởi động với các tệp này.")
        return problems.isEmpty ? 0 : 1
    }
}
