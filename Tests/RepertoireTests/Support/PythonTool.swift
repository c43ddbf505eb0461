import Foundation
import Testing

/// Runs a Python script with the interpreter named by `REPERTOIRE_TEST_PYTHON` (scripts/test sets
/// it to .venv's, where openpyxl is installed). Without it the check is skipped, unless
/// `REPERTOIRE_REQUIRE_PYTHON=1` (set by scripts/test) makes that a failure.
enum PythonTool {
    static var interpreter: String? {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["REPERTOIRE_TEST_PYTHON"], !path.isEmpty, FileManager.default.isExecutableFile(atPath: path) else {
            if environment["REPERTOIRE_REQUIRE_PYTHON"] == "1" {
                Issue.record("REPERTOIRE_REQUIRE_PYTHON=1 but REPERTOIRE_TEST_PYTHON names no Python interpreter")
            }
            return nil
        }
        return path
    }

    /// Runs `script` with `arguments`; returns its standard output, or nil when Python is missing.
    static func run(_ script: String, arguments: [String]) throws -> String? {
        guard let interpreter else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptURL = folder.appendingPathComponent("check.py")
        try Data(script.utf8).write(to: scriptURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [scriptURL.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("python failed (\(process.terminationStatus)): \(String(decoding: errorData, as: UTF8.self))")
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `bytes` to a temporary file, runs `body` with its path, then removes it.
    static func withTemporaryFile<T>(_ bytes: [UInt8], suffix: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}
