#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where reminders are sent: DANGBO_SMTP_HOST (and DANGBO_SMTP_PORT, default 25; DANGBO_SMTP_FROM). Plain SMTP to a
/// relay on a closed network (the bloc's own mail server or a local postfix); no TLS, no authentication.
struct SMTPConfiguration: Sendable {
    var host: String
    var port: Int
    var from: String

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SMTPConfiguration? {
        guard let host = environment["DANGBO_SMTP_HOST"], !host.isEmpty else { return nil }
        return SMTPConfiguration(host: host, port: Int(environment["DANGBO_SMTP_PORT"] ?? "") ?? 25,
                                 from: environment["DANGBO_SMTP_FROM"] ?? "dangbo@localhost")
    }
}

struct SMTPError: Error, CustomStringConvertible {
    var description: String
}

/// A minimal SMTP client (RFC 5321): EHLO, MAIL FROM, RCPT TO, DATA, QUIT, over a blocking socket.
struct SMTPMailer: Sendable {
    let configuration: SMTPConfiguration

    /// Blocks the calling task while the message is delivered (reminders are sent from the command line).
    func send(to recipient: String, subject: String, body: String) async throws {
        try Self.deliver(configuration: configuration, to: recipient, subject: subject, body: body)
    }

    static func deliver(configuration: SMTPConfiguration, to recipient: String, subject: String, body: String) throws {
        guard recipient.contains("@"), !recipient.contains("\r"), !recipient.contains("\n") else {
            throw SMTPError(description: "Địa chỉ thư không hợp lệ: \(recipient)")
        }
        let socket = try connect(host: configuration.host, port: configuration.port)
        defer { close(socket) }
        var reader = LineReader(socket: socket)
        func expect(_ code: String) throws {
            while true {
                let line = try reader.line()
                guard line.hasPrefix(code) else { throw SMTPError(description: "Máy chủ thư trả lời: \(line)") }
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return }
            }
        }
        func command(_ text: String, _ code: String) throws {
            try write(socket, text + "\r\n")
            try expect(code)
        }
        try expect("220")
        try command("EHLO dangbo", "250")
        try command("MAIL FROM:<\(configuration.from)>", "250")
        try command("RCPT TO:<\(recipient)>", "25")
        try command("DATA", "354")
        let encodedSubject = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        let message = ["From: <\(configuration.from)>", "To: <\(recipient)>", "Subject: \(encodedSubject)", "MIME-Version: 1.0",
                       "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""] + lines + ["."]
        try command(message.joined(separator: "\r\n"), "250")
        try? write(socket, "QUIT\r\n")
    }

    static func connect(host: String, port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw SMTPError(description: "Không tìm thấy máy chủ thư \(host)")
        }
        defer { freeaddrinfo(result) }
        var pointer: UnsafeMutablePointer<addrinfo>? = first
        while let info = pointer {
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0 {
                var timeout = timeval(tv_sec: 15, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return descriptor }
                close(descriptor)
            }
            pointer = info.pointee.ai_next
        }
        throw SMTPError(description: "Không kết nối được máy chủ thư \(host):\(port)")
    }

    static func write(_ socket: Int32, _ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw SMTPError(description: "Mất kết nối với máy chủ thư") }
            bytes = bytes.dropFirst(sent)
        }
    }

    struct LineReader {
        let socket: Int32
        var buffer: [UInt8] = []

        mutating func line() throws -> String {
            while true {
                if let index = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<index], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    buffer.removeSubrange(...index)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 1024)
                let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw SMTPError(description: "Máy chủ thư không trả lời") }
                buffer += chunk[..<count]
                guard buffer.count < 65_536 else { throw SMTPError(description: "Máy chủ thư trả lời quá dài") }
            }
        }
    }
}
