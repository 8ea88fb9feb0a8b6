// SPDX-License-Identifier: MIT
#pragma once

#include <QRectF>
#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <vector>

namespace Coroscope {

/**
 * Where things go on the chart: time ↔ x in the plot area, row ↔ y, "nice" tick steps, zoom
 * and pan. A plain value type (after Hotspot's TimeLineData): the painter, the GUI's mouse
 * handling and the tests share it.
 */
class GanttLayout
{
public:
    GanttLayout() = default;
    /// `plot` is the area bars are drawn in; rows start at plot.top(), `rowHeight` apart.
    GanttLayout(const QRectF &plot, qint64 startNs, qint64 endNs, double rowHeight, int rowCount);
    /// Rows of their own heights (a lane with sub-rows is taller).
    GanttLayout(const QRectF &plot, qint64 startNs, qint64 endNs, const std::vector<double> &rowHeights);

    [[nodiscard]] const QRectF &plot() const { return m_plot; }
    [[nodiscard]] qint64 startNs() const { return m_startNs; }
    [[nodiscard]] qint64 endNs() const { return m_endNs; }
    [[nodiscard]] qint64 rangeNs() const { return m_endNs - m_startNs; }
    [[nodiscard]] double rowHeight() const { return m_rowHeight; }
    [[nodiscard]] int rowCount() const { return m_rowCount; }

    [[nodiscard]] double mapTimeToX(qint64 ns) const;
    [[nodiscard]] qint64 mapXToTime(double x) const;
    /// Nanoseconds one pixel stands for.
    [[nodiscard]] double nsPerPixel() const;

    [[nodiscard]] double rowTop(int row) const
    {
        return m_plot.top()
            + (m_tops.empty() ? row * m_rowHeight
                              : m_tops[static_cast<std::size_t>(std::clamp(row, 0, m_rowCount))]);
    }
    [[nodiscard]] double rowHeightOf(int row) const { return rowTop(row + 1) - rowTop(row); }
    [[nodiscard]] QRectF rowRect(int row) const;
    /// The row under y, or -1.
    [[nodiscard]] int rowAt(double y) const;

    /// Shows [fromNs, toNs) (at least 1 µs wide).
    void zoomTo(qint64 fromNs, qint64 toNs);
    /// Zooms by `factor` (> 1 zooms in) keeping the time under x fixed.
    void zoomAt(double x, double factor);
    /// Moves the view by dx pixels (positive: later times come into view from the right).
    void panBy(double dx);

    /// A 1/2/5 × 10^k ns step giving ticks at least `minPixels` apart over `widthPixels`.
    [[nodiscard]] static qint64 niceStep(qint64 rangeNs, double widthPixels, double minPixels = 80);
    /// Tick times (multiples of the nice step) inside the view.
    [[nodiscard]] std::vector<qint64> ticks(double minPixels = 80) const;
    /// "0", "250 ms", "1.5 s", "20 µs": the unit follows the step.
    [[nodiscard]] static QString formatTick(qint64 ns, qint64 stepNs);
    /// A duration for people: "0.302 s", "12.5 ms", "850 µs".
    [[nodiscard]] static QString formatDuration(qint64 ns);

private:
    QRectF m_plot;
    qint64 m_startNs = 0;
    qint64 m_endNs = 1;
    double m_rowHeight = 24;
    int m_rowCount = 0;
    std::vector<double> m_tops; ///< offsets of each row's top (and the end), if heights vary
};

} // namespace Coroscope
