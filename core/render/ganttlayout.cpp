// SPDX-License-Identifier: MIT
#include "ganttlayout.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
constexpr qint64 kMinRangeNs = 1000; // 1 µs
}

GanttLayout::GanttLayout(const QRectF &plot, qint64 startNs, qint64 endNs, double rowHeight, int rowCount)
    : m_plot(plot)
    , m_startNs(startNs)
    , m_endNs(std::max(endNs, startNs + kMinRangeNs))
    , m_rowHeight(rowHeight)
    , m_rowCount(rowCount)
{ }

GanttLayout::GanttLayout(
    const QRectF &plot, qint64 startNs, qint64 endNs, const std::vector<double> &rowHeights)
    : GanttLayout(plot, startNs, endNs, rowHeights.empty() ? 24 : rowHeights.front(),
        static_cast<int>(rowHeights.size()))
{
    if (std::any_of(rowHeights.begin(), rowHeights.end(), [this](double h) { return h != m_rowHeight; })) {
        m_tops.reserve(rowHeights.size() + 1);
        double y = 0;
        for (const double h : rowHeights) {
            m_tops.push_back(y);
            y += h;
        }
        m_tops.push_back(y);
    }
}

double GanttLayout::mapTimeToX(qint64 ns) const
{
    return m_plot.left()
        + static_cast<double>(ns - m_startNs) * m_plot.width() / static_cast<double>(m_endNs - m_startNs);
}

qint64 GanttLayout::mapXToTime(double x) const
{
    return m_startNs
        + static_cast<qint64>(std::llround(
            (x - m_plot.left()) * static_cast<double>(m_endNs - m_startNs) / std::max(m_plot.width(), 1.0)));
}

double GanttLayout::nsPerPixel() const
{
    return static_cast<double>(m_endNs - m_startNs) / std::max(m_plot.width(), 1.0);
}

QRectF GanttLayout::rowRect(int row) const
{
    return QRectF(m_plot.left(), rowTop(row), m_plot.width(), rowHeightOf(row));
}

int GanttLayout::rowAt(double y) const
{
    if (y < m_plot.top() || m_rowHeight <= 0) {
        return -1;
    }
    if (!m_tops.empty()) {
        const auto it = std::upper_bound(m_tops.begin(), m_tops.end(), y - m_plot.top());
        const auto row = static_cast<int>(it - m_tops.begin()) - 1;
        return row >= 0 && row < m_rowCount ? row : -1;
    }
    const int row = static_cast<int>((y - m_plot.top()) / m_rowHeight);
    return row < m_rowCount ? row : -1;
}

void GanttLayout::zoomTo(qint64 fromNs, qint64 toNs)
{
    if (toNs < fromNs) {
        std::swap(fromNs, toNs);
    }
    if (toNs - fromNs < kMinRangeNs) {
        const qint64 mid = fromNs + (toNs - fromNs) / 2;
        fromNs = mid - kMinRangeNs / 2;
        toNs = fromNs + kMinRangeNs;
    }
    m_startNs = fromNs;
    m_endNs = toNs;
}

void GanttLayout::zoomAt(double x, double factor)
{
    if (factor <= 0) {
        return;
    }
    const qint64 anchor = mapXToTime(x);
    const double fraction = (x - m_plot.left()) / std::max(m_plot.width(), 1.0);
    const double newRange
        = std::max(static_cast<double>(kMinRangeNs), static_cast<double>(rangeNs()) / factor);
    const qint64 from = anchor - static_cast<qint64>(std::llround(fraction * newRange));
    zoomTo(from, from + static_cast<qint64>(std::llround(newRange)));
}

void GanttLayout::panBy(double dx)
{
    const auto shift = static_cast<qint64>(std::llround(dx * nsPerPixel()));
    m_startNs += shift;
    m_endNs += shift;
}

qint64 GanttLayout::niceStep(qint64 rangeNs, double widthPixels, double minPixels)
{
    if (rangeNs <= 0 || widthPixels <= 0) {
        return 1;
    }
    const double maxTicks = std::max(1.0, widthPixels / minPixels);
    const double raw = static_cast<double>(rangeNs) / maxTicks;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (;;) {
        for (const double m : {1.0, 2.0, 5.0}) {
            if (m * magnitude >= raw) {
                return std::max<qint64>(1, static_cast<qint64>(std::llround(m * magnitude)));
            }
        }
        magnitude *= 10;
    }
}

std::vector<qint64> GanttLayout::ticks(double minPixels) const
{
    const qint64 step = niceStep(rangeNs(), m_plot.width(), minPixels);
    std::vector<qint64> out;
    // First multiple of step at or after start (floor division that works for negatives).
    qint64 t = m_startNs >= 0 ? (m_startNs + step - 1) / step * step : -((-m_startNs) / step * step);
    for (; t <= m_endNs; t += step) {
        out.push_back(t);
    }
    return out;
}

QString GanttLayout::formatTick(qint64 ns, qint64 stepNs)
{
    if (ns == 0) {
        return u"0"_s;
    }
    struct Unit
    {
        qint64 ns;
        const char16_t *name;
    };
    static constexpr Unit kUnits[] = {{1'000'000'000, u"s"}, {1'000'000, u"ms"}, {1'000, u"µs"}, {1, u"ns"}};
    for (const Unit &unit : kUnits) {
        if (stepNs >= unit.ns / 10 || unit.ns == 1) {
            // Enough decimals to tell neighbouring ticks apart.
            const double ratio = static_cast<double>(stepNs) / static_cast<double>(unit.ns);
            const int decimals
                = ratio >= 1 ? 0 : std::min(3, static_cast<int>(std::ceil(-std::log10(ratio))));
            return QString::number(static_cast<double>(ns) / static_cast<double>(unit.ns), 'f', decimals)
                + u' ' + QString::fromUtf16(unit.name);
        }
    }
    return QString::number(ns);
}

QString GanttLayout::formatDuration(qint64 ns)
{
    const double s = static_cast<double>(ns) / 1e9;
    if (std::abs(s) >= 0.1) {
        return QString::number(s, 'f', 3) + u" s"_s;
    }
    if (std::abs(s) >= 1e-3) {
        return QString::number(s * 1e3, 'f', std::abs(s) >= 0.01 ? 1 : 2) + u" ms"_s;
    }
    return QString::number(s * 1e6, 'f', 0) + u" µs"_s;
}

} // namespace Coroscope
