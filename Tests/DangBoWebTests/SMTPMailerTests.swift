import DangBoCore
import DangBoStorage
@testable import DangBoWeb
import Foundation
import XCTest

/// The reminder mailer against a real SMTP peer: Python's smtpd debugging server on a loopback port.
final class SMTPMailerTests: XCTestCase {
    func testDeliversToARealSMTPServer() throws {
        let port = 20_000 + Int.random(in: 0 ..< 20_000)
        let server = Process()
        let output = Pipe()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-W", "ignore", "-u", "-m", "smtpd", "-n", "-c", "DebuggingServer", "127.0.0.1:\(port)"]
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, from: "duk@example.vn")
        var delivered = false
        for _ in 0 ..< 100 where !delivered {
            do {
                try SMTPMailer.deliver(configuration: configuration, to: "chibo@example.vn", subject: "Nhắc nộp PHỤ LỤC 8.1",
                                       body: "Kính gửi đơn vị,\n.dòng bắt đầu bằng dấu chấm\nhết")
                delivered = true
            } catch {
                usleep(100_000) // the server is still starting
            }
        }
        XCTAssertTrue(delivered, "the SMTP server never accepted the message")
        server.terminate()
        server.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(printed.contains("chibo@example.vn"), printed)
        XCTAssertTrue(printed.contains("Subject: =?UTF-8?B?"), printed)
        XCTAssertTrue(printed.contains("hết") || printed.contains("h\\xe1\\xba\\xbft"), printed)
    }

    func testRefusesAddressesThatCouldInjectHeaders() {
        XCTAssertThrowsError(try SMTPMailer.deliver(configuration: SMTPConfiguration(host: "127.0.0.1", port: 1, from: "a@b"),
                                                    to: "x@y\r\nBcc: z@w", subject: "s", body: "b"))
    }

    func testConfigurationFromEnvironment() {
        XCTAssertNil(SMTPConfiguration.fromEnvironment([:]))
        let configuration = SMTPConfiguration.fromEnvironment(["DANGBO_SMTP_HOST": "mail.duk.vn", "DANGBO_SMTP_PORT": "2525"])
        XCTAssertEqual(configuration?.port, 2525)
        XCTAssertEqual(configuration?.from, "dangbo@localhost")
    }
}

/// `dangbo remind` with a mail server: the reporter with an e-mail address gets the message, the outbox records it.
/// The SMTP peer is started in the synchronous setUp (Foundation's Process is not used inside the async test).
final class ReminderMailTests: XCTestCase {
    var server: Process!
    var port = 0

    override func setUp() {
        port = 20_000 + Int.random(in: 0 ..< 20_000)
        server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-W", "ignore", "-u", "-m", "smtpd", "-n", "-c", "DebuggingServer", "127.0.0.1:\(port)"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try? server.run()
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, from: "duk@example.vn")
        for _ in 0 ..< 100 {
            if (try? SMTPMailer.deliver(configuration: configuration, to: "probe@example.vn", subject: "probe", body: "probe")) != nil { break }
            usleep(100_000)
        }
    }

    override func tearDown() {
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
    }

    func testRemindSendsToReportersWithAnEmailAddress() async throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, from: "duk@example.vn")
        try await TestApp.with { test in
            _ = try await AccountStore(database: test.app.db).create(AccountDraft(
                username: "vanthu-a1", displayName: "Văn thư A1", passwordHash: "x", role: .grassrootsSecretary,
                scopeOrganizationID: test.fixture.cellA1.id, email: "vanthu.a1@example.vn"))
            let lines = try await Reminder.run(app: test.app, formCode: "KT1", periodText: "2021-Q1", rootCode: nil, today: Day(Date()),
                                               smtp: configuration)
            XCTAssertTrue(lines.last?.contains("đã gửi 1 thư") ?? false, lines.joined(separator: "\n"))
            let messages = try await OutboxStore(database: test.app.db).list()
            XCTAssertEqual(messages.filter { $0.sentAt != nil }.map(\.recipient), ["vanthu.a1@example.vn"])
            XCTAssertEqual(messages.count, 6, "every overdue reporter has a message in the outbox")
        }
    }
}
