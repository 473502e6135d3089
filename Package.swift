// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DangBo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dangbo", targets: ["dangbo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", exact: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", exact: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", exact: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", exact: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", exact: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf.git", exact: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        .target(name: "DangBoCore", path: "Sources/DangBoCore"),
        .target(
            name: "DangBoStorage",
            dependencies: [
                "DangBoCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            path: "Sources/DangBoStorage"
        ),
        .target(
            name: "DangBoDocuments",
            dependencies: ["DangBoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/DangBoDocuments"
        ),
        .target(
            name: "DangBoWeb",
            dependencies: [
                "DangBoCore", "DangBoStorage", "DangBoDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
            ],
            path: "Sources/DangBoWeb"
        ),
        .executableTarget(name: "dangbo", dependencies: ["DangBoWeb"], path: "Sources/dangbo"),
        .testTarget(name: "DangBoCoreTests", dependencies: ["DangBoCore"], path: "Tests/DangBoCoreTests"),
        .testTarget(name: "DangBoDocumentsTests", dependencies: ["DangBoDocuments"], path: "Tests/DangBoDocumentsTests"),
        .target(
            name: "DangBoTestSupport",
            dependencies: ["DangBoCore", "DangBoStorage", .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver")],
            path: "Tests/DangBoTestSupport"
        ),
        .testTarget(name: "DangBoStorageTests", dependencies: ["DangBoStorage", "DangBoTestSupport"], path: "Tests/DangBoStorageTests"),
        .testTarget(
            name: "DangBoWebTests",
            dependencies: ["DangBoWeb", "DangBoDocuments", "DangBoTestSupport", .product(name: "SQLKit", package: "sql-kit"), .product(name: "XCTVapor", package: "vapor"), .product(name: "VaporTesting", package: "vapor")],
            path: "Tests/DangBoWebTests"
        ),
    ]
)
