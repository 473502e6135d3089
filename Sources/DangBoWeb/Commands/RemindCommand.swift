import DangBoCore
import DangBoStorage
import Fluent
import Vapor

/// `dangbo remind --form CODE --period P [--org CODE]`: lists the organizations that have not submitted by the
/// deadline and queues a reminder for each in the outbox (read on /outbox).
struct RemindCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "form", help: "Mã biểu, ví dụ PL8.1") var form: String?
        @Option(name: "period", help: "Kỳ báo cáo, ví dụ 2023-Q1") var period: String?
        @Option(name: "org", help: "Mã tổ chức gốc (mặc định: Đảng bộ Khối)") var org: String?
        @Option(name: "database", help: "Cơ sở dữ liệu (như serve --database)") var database: String?
        init() {}
    }

    let help = "Liệt kê đơn vị chưa nộp báo cáo quá hạn và xếp thư nhắc vào hộp thư."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let lines = try await Reminder.run(app: app, formCode: signature.form ?? "", periodText: signature.period ?? "",
                                           rootCode: signature.org, today: Day(Date()))
        lines.forEach { context.console.print($0) }
    }
}

enum Reminder {
    /// The command's work, callable from tests.
    static func run(app: Application, formCode: String, periodText: String, rootCode: String?, today: Day,
                    smtp: SMTPConfiguration? = SMTPConfiguration.fromEnvironment()) async throws -> [String] {
        guard let form = app.forms.form(code: formCode) else {
            throw DomainError.notFound("Không có biểu \"\(formCode)\"; có: \(app.forms.codes.joined(separator: ", "))")
        }
        guard let period = Period(code: periodText) ?? Period(parsing: periodText), period.kind == form.periodType else {
            throw DomainError.invalid([.init(field: "period", message: "Kỳ \"\(periodText)\" không phải kỳ \(form.periodType.label.lowercased()) của \(form.code)")])
        }
        let organizations = OrganizationStore(database: app.db)
        let root: Organization?
        if let rootCode { root = try await organizations.find(code: rootCode) } else { root = try await organizations.root() }
        guard let root else { throw DomainError.notFound("Không tìm thấy tổ chức gốc") }
        let expected = try await organizations.subtreeOrganizations(root: root.id, on: period.end, levels: form.reporters.levels)
            .filter { form.isExpected($0, in: period) }
        let entries = try await ReportStore(database: app.db, forms: app.forms).summaries(form: form.code, period: period.code, root: root.id, on: period.end)
        let due = form.dueDate(for: period)
        let overdue = expected.filter { organization in
            let status = entries[organization.id]?.status
            return status != .submitted && status != .approved && due < today
        }
        let contacts = try await ReporterDirectory(database: app.db).contacts(under: root.id, on: period.end)
        var lines = ["\(form.appendix) — \(period.label), hạn \(due.vietnamese): \(overdue.count)/\(expected.count) đơn vị chưa nộp"]
        let outbox = OutboxStore(database: app.db)
        var sent = 0
        for organization in overdue {
            let contact = contacts[organization.id]
            var recipient = organization.name
            if let email = contact?.emails.first {
                recipient = email
            } else if let secretary = contact?.secretaryName {
                recipient = "Bí thư \(secretary) (\(organization.name))"
            }
            let state = entries[organization.id]?.status.label ?? "chưa nhập"
            lines.append("- \(organization.name) (\(organization.code)): \(state); \(contact?.display ?? "chưa có liên hệ")")
            let subject = "Nhắc nộp \(form.appendix) — \(period.label)"
            let body = "Kính gửi \(organization.name),\n\nĐến nay đơn vị chưa gửi \(form.appendix) \"\(form.title)\" kỳ \(period.label) "
                + "(hạn \(due.vietnamese); tình trạng: \(state)). Đề nghị đơn vị hoàn thành và gửi trên DangBo.\n\nĐảng ủy Khối"
            let id = try await outbox.enqueue(recipient: recipient, subject: subject, body: body, organizationID: organization.id)
            // With a mail server configured, messages to an e-mail address go out now; the outbox records the result.
            if let smtp, recipient.contains("@") {
                do {
                    try await SMTPMailer(configuration: smtp).send(to: recipient, subject: subject, body: body)
                    try await outbox.markSent(id)
                    sent += 1
                } catch {
                    try await outbox.markSent(id, error: String(describing: error))
                    lines.append("  không gửi được thư tới \(recipient): \(error)")
                }
            }
        }
        if !overdue.isEmpty {
            lines.append("Đã xếp \(overdue.count) thư nhắc vào hộp thư (/outbox)" + (smtp == nil ? "; chưa cấu hình DANGBO_SMTP_HOST nên chưa gửi thư." : "; đã gửi \(sent) thư."))
        }
        return lines
    }
}
