import Foundation
import Testing
@testable import Repertoire

/// The pages' dates and numbers are written by hand (``Formats/longDay(_:language:)``,
/// ``Formats/number(_:language:)``): they must say exactly what Foundation's formatters said.
@Suite struct FormatsTests {
    @Test func everyDayIsWrittenAsFoundationWritesIt() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Formats.quebecTime
        var day = try #require(calendar.date(from: DateComponents(year: 1899, month: 12, day: 25, hour: 12)))
        let end = try #require(calendar.date(from: DateComponents(year: 2101, month: 1, day: 5, hour: 12)))
        var checked = 0
        while day < end {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let start = try #require(CalendarDay.parse(text))
            #expect(Formats.longDay(text, language: .fr) == start.formatted(Formats.dayFrench), "\(text)")
            #expect(Formats.longDay(text, language: .en) == start.formatted(Formats.dayEnglish), "\(text)")
            day = try #require(calendar.date(byAdding: .day, value: 1, to: day))
            checked += 1
        }
        #expect(checked > 73_000)
    }

    @Test func onlyRealDaysAreDays() {
        let texts = ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2025-04-31", "2025-04-30", "2025-13-01", "2025-00-10",
                     "2025-01-00", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01 ", "２０２５-01-01", "abcd-ef-gh", "", "2025-12-31",
                     "1582-10-10", "1500-02-29", "0000-01-01", "9999-12-31"]
        for text in texts {
            if !text.hasPrefix("1") && !text.hasPrefix("0") {
                #expect((CalendarDay.components(text) != nil) == (CalendarDay.parse(text) != nil), "\(text)")
            }
            #expect(Formats.longDay(text, language: .fr) == CalendarDay.parse(text)?.formatted(Formats.dayFrench), "\(text)")
        }
        #expect(Formats.longDay("2024-02-29", language: .fr) == "29 février 2024")
        #expect(Formats.longDay("2025-08-01", language: .en) == "August 1, 2025")
    }

    @Test func numbersAreGroupedAsFoundationGroupsThem() {
        var generator = SystemRandomNumberGenerator()
        var values = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 9_999, 10_000, 12_345, 100_000, 999_999, 1_000_000, 1_234_567, -1_234_567,
                      Int.max, Int.min + 1]
        for digits in 1...15 { values.append(Int.random(in: 0..<Int(pow(10, Double(digits))), using: &generator)) }
        for value in values {
            #expect(Formats.number(value, language: .fr) == value.formatted(Formats.numberFrench), "\(value)")
            #expect(Formats.number(value, language: .en) == value.formatted(Formats.numberEnglish), "\(value)")
        }
        #expect(Formats.number(12_345, language: .fr) == "12\u{00A0}345")
    }
}
