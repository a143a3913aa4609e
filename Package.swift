// swift-tools-version:6.2
// Kechuang (科创): a science and innovation service platform for a district S&T bureau.
// Module layout and the reasons behind it: ../shared/design/architecture.md and docs/.

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kechuang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kechuang", targets: ["KechuangCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Shared values: USCC, Money, typed ids, dates. Foundation only.
        .target(name: "Kernel", swiftSettings: strict),
        // The enterprise registry (一企一档): pure domain, no I/O.
        .target(name: "Registry", dependencies: ["Kernel"], swiftSettings: strict),
        // Qualification rules (科技型中小企业, 高企, 专精特新 …) as versioned data, evaluated by pure code.
        .target(name: "Qualification", dependencies: ["Kernel", "Registry"], swiftSettings: strict),
        // 企业创新积分制: indicators, stages, weights, normalisers, scoring over columns (pure).
        .target(name: "InnovationPoints", dependencies: ["Kernel"], swiftSettings: strict),
        // Loans the district follows: the register, risk compensation, the circuit breaker (pure).
        .target(name: "Lending", dependencies: ["Kernel", "Registry"], swiftSettings: strict),
        // 政策兑现: policies as data, eligibility and amounts, the application's typed states, working days (pure).
        .target(name: "Cashout", dependencies: ["Kernel", "Registry"], swiftSettings: strict),
        // Expert matching for reviews and needs: affinity, conflicts of interest (fail safe), capacity, moderation (pure).
        .target(name: "Matching", dependencies: ["Kernel", "Accounts"], swiftSettings: strict),
        // 研发投入动态监测: quarters, the three R&D bases, district indicators, targets and their split (pure).
        .target(name: "RDMonitoring", dependencies: ["Kernel"], swiftSettings: strict),
        // Accounts, roles and the access policy: pure.
        .target(name: "Accounts", dependencies: ["Kernel", "Registry"], swiftSettings: strict),
        // Spreadsheets (CSV, XLSX) as rows of strings; no knowledge of enterprises.
        .systemLibrary(name: "KechuangZlib", pkgConfig: "zlib"),
        .target(
            name: "Spreadsheet",
            dependencies: ["KechuangZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Ports (protocols) the services use, with an in-memory implementation for tests.
        .target(name: "Storage", dependencies: ["Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching"], swiftSettings: strict),
        // SQLKit over SQLite and PostgreSQL: migrations and the stores.
        .target(
            name: "StorageSQL",
            dependencies: [
                "Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Use cases: one transaction each, audit rows, import/export, the demo district.
        .target(
            name: "Services",
            dependencies: [
                "Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage", "Spreadsheet",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        // HTML views: pure functions from view models to HTML, zh-CN and en.
        .target(name: "WebPages", dependencies: ["Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage", "Services"], swiftSettings: strict),
        // HTTP: routes, error mapping, composition root.
        .target(
            name: "WebServer",
            dependencies: [
                "Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage", "StorageSQL", "Services", "Spreadsheet", "WebPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "KechuangCLI",
            dependencies: [
                "Kernel", "Registry", "Accounts", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage", "StorageSQL", "Services", "Spreadsheet", "WebPages", "WebServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/kechuang",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ImportBenchmark",
            dependencies: ["Kernel", "Registry", "Storage", "StorageSQL", "Services", "Spreadsheet", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/ImportBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "AssessBenchmark",
            dependencies: ["Kernel", "Registry", "Qualification", "Services"],
            path: "Benchmarks/AssessBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "StatisticsBenchmark",
            dependencies: ["Kernel", "Services", "Storage", "StorageSQL", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/StatisticsBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PointsBenchmark",
            dependencies: ["InnovationPoints"],
            path: "Benchmarks/PointsBenchmark",
            swiftSettings: strict
        ),
        // Test-only helpers: a fresh database per test on SQLite, and on PostgreSQL when
        // KECHUANG_TEST_DATABASE_URL is set (a schema of its own per test).
        .target(
            name: "KechuangTestSupport",
            dependencies: ["StorageSQL", .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"], swiftSettings: strict),
        .testTarget(name: "RegistryTests", dependencies: ["Kernel", "Registry"], swiftSettings: strict),
        .testTarget(name: "QualificationTests", dependencies: ["Kernel", "Registry", "Qualification"], swiftSettings: strict),
        .testTarget(name: "InnovationPointsTests", dependencies: ["Kernel", "InnovationPoints"], swiftSettings: strict),
        .testTarget(name: "LendingTests", dependencies: ["Kernel", "Registry", "Lending"], swiftSettings: strict),
        .testTarget(name: "CashoutTests", dependencies: ["Kernel", "Registry", "Cashout"], swiftSettings: strict),
        .testTarget(name: "MatchingTests", dependencies: ["Kernel", "Accounts", "Matching"], swiftSettings: strict),
        .testTarget(name: "RDMonitoringTests", dependencies: ["Kernel", "RDMonitoring"], swiftSettings: strict),
        .testTarget(name: "AccountsTests", dependencies: ["Kernel", "Registry", "Accounts"], swiftSettings: strict),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"], swiftSettings: strict),
        .testTarget(
            name: "StorageSQLTests",
            dependencies: [
                "Kernel", "Registry", "Qualification", "InnovationPoints", "Lending", "RDMonitoring", "Cashout", "Matching", "Storage", "StorageSQL", "Services", "Spreadsheet", "KechuangTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WebServerTests",
            dependencies: [
                "WebServer", "Services", "StorageSQL", "KechuangTestSupport", "Accounts", "Kernel", "Registry", "Storage", "Cashout", "Matching", "Spreadsheet", "WebPages",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
    ]
)
