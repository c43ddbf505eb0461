/// Identifiers and contact details that must look real, pass validation, and be obviously fictional.
enum DemoIdentifiers {
    /// A 10-digit NEQ starting like real ones (`11…` for legal persons, `33…` for co-operatives'
    /// older series) whose last digit makes the Luhn check over the last 8 digits pass.
    static func neq(_ rng: inout DemoRandom) -> String {
        var digits = [rng.chance(0.7) ? 1 : 3, rng.chance(0.7) ? 1 : 3]
        digits[1] = digits[0]
        for _ in 0..<7 { digits.append(rng.int(0...9)) }
        digits.append(checkDigit(forFirstNine: digits))
        return String(digits.map { Character(String($0)) })
    }

    /// The digit that completes `nine` (the first nine digits) so the Luhn sum over digits 3–10 is a multiple of 10.
    static func checkDigit(forFirstNine nine: [Int]) -> Int {
        var sum = 0
        // Digits 3–9, read from the right: the one next to the check digit is doubled.
        for (offset, value) in nine[2..<9].reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += value
            }
        }
        return (10 - sum % 10) % 10
    }

    private static let postalLetters = Array("ABCEGHJKLMNPRSTVWXYZ")

    /// A postal code in one of the town's real forward sortation areas, normalised as `J4K 2B7`.
    static func postalCode(_ rng: inout DemoRandom, prefixes: [String]) -> String {
        let prefix = rng.pick(prefixes)
        var code = prefix
        code.append(" ")
        code.append(String(rng.int(0...9)))
        code.append(rng.pick(postalLetters))
        code.append(String(rng.int(0...9)))
        return code
    }

    /// North American 555-01XX numbers are reserved for fiction, so no real line is ever shown.
    /// No extensions: `ContactRules.phone` rejects its own normalised `…, poste 12` form (the
    /// comma), so a demo record with one could not be saved again after an edit.
    static func phone(_ rng: inout DemoRandom, areaCode: String) -> String {
        areaCode + " 555-01" + pad2(rng.int(0...99))
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    /// Days in each month, for turning a day offset into `YYYY-MM-DD` without Foundation calendars.
    private static func monthLengths(_ year: Int) -> [Int] {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    }

    /// Days from 2023-01-01 to 2026-10-31 inclusive: the span verification dates fall in.
    static let verificationSpan = 365 + 366 + 365 + 304

    /// The date `offset` days after 2023-01-01, as `YYYY-MM-DD`.
    static func day(offsetFrom2023 offset: Int) -> String {
        var remaining = offset
        var year = 2023
        while true {
            let length = monthLengths(year).reduce(0, +)
            if remaining < length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        for length in monthLengths(year) {
            if remaining < length { break }
            remaining -= length
            month += 1
        }
        return String(year) + "-" + pad2(month) + "-" + pad2(remaining + 1)
    }
}
