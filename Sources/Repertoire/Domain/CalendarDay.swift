import Foundation

/// Dates without a time of day (`2025-06-30`), as people write them in Quebec forms.
public enum CalendarDay {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Toronto") ?? .gmt
        return calendar
    }()

    /// The start of that day in Quebec, or nil unless the text is a real `YYYY-MM-DD` date.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        return date
    }

    /// Year, month and day of a real `YYYY-MM-DD` date (Gregorian), or nil: what ``parse``
    /// accepts, without making a `Date`.
    public static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return (year, month, day)
    }

    /// Today's date in Quebec as `YYYY-MM-DD`.
    public static func string(from date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// Moments as people write them in Quebec forms: a day and a time of day (`2026-03-12` and
/// `13:30`), in Quebec's time zone, daylight saving included.
public enum QuebecTime {
    static let timeZone = TimeZone(identifier: "America/Toronto") ?? .gmt

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The moment, or nil unless the day is a real date and the time `H:MM` or `HH:MM` (24 h).
    public static func moment(day: String, time: String) -> Date? {
        guard CalendarDay.parse(day) != nil else { return nil }
        let parts = time.replacingOccurrences(of: "h", with: ":").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        let dayParts = day.split(separator: "-").compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: dayParts[0], month: dayParts[1], day: dayParts[2], hour: hour, minute: minute))
    }

    /// `13:30`, in Quebec.
    public static func time(from date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `2026-03-12`, in Quebec.
    public static func day(from date: Date) -> String { CalendarDay.string(from: date) }
}
