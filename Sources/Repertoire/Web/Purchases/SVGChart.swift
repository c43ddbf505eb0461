import Foundation

/// Charts drawn by the server as inline SVG: no JavaScript, they print as they show. Each has a
/// title and a description read by screen readers, labelled axes and figures in the page's number
/// format; the page puts the same figures in a table beside it.
enum SVGChart {
    struct Bar: Sendable, Equatable {
        var label: String
        var value: Int64
        /// The figure as written on the bar (`12 345 $`).
        var valueText: String
    }

    struct Series: Sendable, Equatable {
        var name: String
        /// One value per category, in the categories' order.
        var values: [Int64]
    }

    /// Fills with at least 3:1 contrast against white (WCAG 1.4.11), told apart by pattern too.
    static let colours = ["#1d4e89", "#b3541e", "#2f6b3a", "#6b3fa0"]

    /// Horizontal bars, one per label, longest first as given: for sectors, procedures, kinds.
    static func bars(id: String, title: String, description: String, axis: String, bars: [Bar]) -> SafeHTML {
        let rowHeight = 30, labelWidth = 300, barArea = 300, top = 8
        let width = labelWidth + barArea + 130
        let height = top + bars.count * rowHeight + 40
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        var w = HTMLWriter(capacity: 2048 + bars.count * 300)
        open(&w, id: id, title: title, description: description, width: width, height: height)
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = bar.value <= 0 ? 0 : max(2, Int((Double(bar.value) / Double(maximum) * Double(barArea)).rounded()))
            w.markup("<text x=\""); w.text(String(labelWidth - 8)); w.markup("\" y=\""); w.text(String(y + 19)); w.markup("\" text-anchor=\"end\" class=\"chart-label\">")
            w.text(shortened(bar.label, to: 40)); w.markup("</text>")
            w.markup("<rect x=\""); w.text(String(labelWidth)); w.markup("\" y=\""); w.text(String(y + 5)); w.markup("\" width=\""); w.text(String(length))
            w.markup("\" height=\"20\" fill=\""); w.text(colours[0]); w.markup("\"></rect>")
            w.markup("<text x=\""); w.text(String(labelWidth + length + 6)); w.markup("\" y=\""); w.text(String(y + 19)); w.markup("\" class=\"chart-value\">")
            w.text(bar.valueText); w.markup("</text>")
        }
        let axisY = top + bars.count * rowHeight + 4
        w.markup("<line x1=\""); w.text(String(labelWidth)); w.markup("\" y1=\""); w.text(String(top)); w.markup("\" x2=\""); w.text(String(labelWidth))
        w.markup("\" y2=\""); w.text(String(axisY)); w.markup("\" stroke=\"#333\"></line>")
        w.markup("<line x1=\""); w.text(String(labelWidth)); w.markup("\" y1=\""); w.text(String(axisY)); w.markup("\" x2=\""); w.text(String(labelWidth + barArea))
        w.markup("\" y2=\""); w.text(String(axisY)); w.markup("\" stroke=\"#333\"></line>")
        w.markup("<text x=\""); w.text(String(labelWidth + barArea / 2)); w.markup("\" y=\""); w.text(String(axisY + 26)); w.markup("\" text-anchor=\"middle\" class=\"chart-axis\">")
        w.text(axis); w.markup("</text></svg>")
        return w.result
    }

    /// Vertical stacked columns, one per category (a year), one colour per series (a procedure),
    /// with a value axis of round ticks and a legend.
    static func stackedColumns(id: String, title: String, description: String, categories: [String], series: [Series],
                               axis: String, categoryAxis: String, tick: (Int64) -> String) -> SafeHTML {
        let left = 110, top = 12, plotHeight = 220, columnWidth = 44, gap = 22
        let plotWidth = max(200, categories.count * (columnWidth + gap) + gap)
        let legendTop = top + plotHeight + 56
        let width = left + plotWidth + 20
        let height = legendTop + series.count * 22 + 8
        let totals = categories.indices.map { index in series.reduce(Int64(0)) { $0 + (index < $1.values.count ? $1.values[index] : 0) } }
        let step = niceStep(max(1, totals.max() ?? 1))
        let top4 = step * 4 >= (totals.max() ?? 0) ? step * 4 : step * 5
        let ticks = Int(top4 / step)
        var w = HTMLWriter(capacity: 4096)
        open(&w, id: id, title: title, description: description, width: width, height: height)
        func y(_ value: Int64) -> Int { top + plotHeight - Int((Double(value) / Double(top4) * Double(plotHeight)).rounded()) }
        for index in 0...ticks {
            let value = step * Int64(index), line = y(value)
            w.markup("<line x1=\""); w.text(String(left)); w.markup("\" y1=\""); w.text(String(line)); w.markup("\" x2=\""); w.text(String(left + plotWidth))
            w.markup("\" y2=\""); w.text(String(line)); w.markup(index == 0 ? "\" stroke=\"#333\"></line>" : "\" stroke=\"#ccc\"></line>")
            w.markup("<text x=\""); w.text(String(left - 6)); w.markup("\" y=\""); w.text(String(line + 4)); w.markup("\" text-anchor=\"end\" class=\"chart-tick\">")
            w.text(tick(value)); w.markup("</text>")
        }
        w.markup("<line x1=\""); w.text(String(left)); w.markup("\" y1=\""); w.text(String(top)); w.markup("\" x2=\""); w.text(String(left))
        w.markup("\" y2=\""); w.text(String(top + plotHeight)); w.markup("\" stroke=\"#333\"></line>")
        for (index, category) in categories.enumerated() {
            let x = left + gap + index * (columnWidth + gap)
            var base: Int64 = 0
            for (seriesIndex, serie) in series.enumerated() {
                let value = index < serie.values.count ? serie.values[index] : 0
                guard value > 0 else { continue }
                let upper = y(base + value), lower = y(base)
                w.markup("<rect x=\""); w.text(String(x)); w.markup("\" y=\""); w.text(String(upper)); w.markup("\" width=\""); w.text(String(columnWidth))
                w.markup("\" height=\""); w.text(String(max(1, lower - upper))); w.markup("\" fill=\""); w.text(colours[seriesIndex % colours.count])
                w.markup("\" stroke=\"#fff\"></rect>")
                base += value
            }
            w.markup("<text x=\""); w.text(String(x + columnWidth / 2)); w.markup("\" y=\""); w.text(String(top + plotHeight + 18))
            w.markup("\" text-anchor=\"middle\" class=\"chart-label\">"); w.text(category); w.markup("</text>")
        }
        w.markup("<text x=\""); w.text(String(left + plotWidth / 2)); w.markup("\" y=\""); w.text(String(top + plotHeight + 40))
        w.markup("\" text-anchor=\"middle\" class=\"chart-axis\">"); w.text(categoryAxis); w.markup("</text>")
        w.markup("<text x=\"14\" y=\""); w.text(String(top + plotHeight / 2)); w.markup("\" text-anchor=\"middle\" class=\"chart-axis\" transform=\"rotate(-90 14 ")
        w.text(String(top + plotHeight / 2)); w.markup(")\">"); w.text(axis); w.markup("</text>")
        for (index, serie) in series.enumerated() {
            let row = legendTop + index * 22
            w.markup("<rect x=\""); w.text(String(left)); w.markup("\" y=\""); w.text(String(row)); w.markup("\" width=\"14\" height=\"14\" fill=\"")
            w.text(colours[index % colours.count]); w.markup("\"></rect><text x=\""); w.text(String(left + 20)); w.markup("\" y=\""); w.text(String(row + 12))
            w.markup("\" class=\"chart-label\">"); w.text(serie.name); w.markup("</text>")
        }
        w.markup("</svg>")
        return w.result
    }

    /// 1, 2 or 5 times a power of ten, so that four steps cover `maximum`.
    static func niceStep(_ maximum: Int64) -> Int64 {
        let raw = Double(maximum) / 4
        let power = pow(10, floor(log10(max(raw, 1))))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= raw { return Int64(factor * power) }
        return Int64(10 * power)
    }

    private static func open(_ w: inout HTMLWriter, id: String, title: String, description: String, width: Int, height: Int) {
        w.markup("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 "); w.text(String(width)); w.markup(" "); w.text(String(height))
        w.markup("\" width=\""); w.text(String(width)); w.markup("\" aria-labelledby=\""); w.text(id + "-titre " + id + "-desc"); w.markup("\"><title id=\"")
        w.text(id + "-titre"); w.markup("\">"); w.text(title); w.markup("</title><desc id=\""); w.text(id + "-desc"); w.markup("\">"); w.text(description); w.markup("</desc>")
    }

    private static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
