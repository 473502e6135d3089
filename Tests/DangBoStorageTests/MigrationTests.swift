@testable import DangBoStorage
import DangBoTestSupport
import FluentKit
import SQLKit
import XCTest

final class MigrationTests: XCTestCase {
    func testMigrateRevertMigrate() async throws {
        let test = try await TestDatabase.make()
        let fixture = Fixture()
        _ = try await fixture.load(into: test.database)
        try await test.revertAll()
        // After revert the tables are gone.
        do {
            _ = try await OrganizationRecord.query(on: test.database).count()
            XCTFail("organizations table should not exist after revert")
        } catch {}
        try await test.migrator.prepareBatch().get()
        let count = try await OrganizationRecord.query(on: test.database).count()
        XCTAssertEqual(count, 0)
        _ = try await fixture.load(into: test.database)
        let reloaded = try await OrganizationRecord.query(on: test.database).count()
        XCTAssertEqual(reloaded, 7)
        await test.shutdown()
    }

    func testUniqueCardNumberIsEnforcedByTheDatabase() async throws {
        let test = try await TestDatabase.make()
        let fixture = Fixture()
        let members = try await fixture.load(into: test.database)
        var copy = members[1]
        copy.id = UUID()
        copy.fields.cardNumber = members[0].fields.cardNumber
        do {
            try await MemberRecord(copy).create(on: test.database)
            XCTFail("duplicate card number accepted")
        } catch {}
        await test.shutdown()
    }
}
