// SPDX-License-Identifier: MIT
#include "sweepfigure.h"

#include "async/errors.h"
#include "experiments/sweep.h"
#include "timeline/savefile.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

constexpr double kMargin = 20;
constexpr double kLabelHeight = 24; ///< a panel's "limit = 4 · 0.201 s" line
constexpr double kPanelGap = 6;
constexpr double kMinWidth = 420; ///< narrower is drawn scaled down
constexpr double kStackedBelow = 900; ///< narrower: the curve above the timelines
constexpr double kCurveBelow = 70; ///< under the curve's plot: its x labels, title and legend
constexpr double kTableTitle = 30; ///< the table's title line
constexpr double kTableRow = 19;
constexpr double kFooterHeight = 22;

QString secondsText(double s)
{
    if (s <= 0) {
        return u"0"_s;
    }
    if (s < 1) {
        return u"%1 ms"_s.arg(s * 1000, 0, 'f', s < 0.01 ? 2 : (s < 0.1 ? 1 : 0));
    }
    return u"%1 s"_s.arg(s, 0, 'f', s < 10 ? 3 : 2);
}

/// An axis label: "0", "40 ms", "1.5 s", without trailing zeros.
QString tickText(double s)
{
    if (s <= 0) {
        return u"0"_s;
    }
    const bool inMs = s < 1;
    QString n = QString::number(inMs ? s * 1000 : s, 'f', 3);
    while (n.contains(u'.') && (n.endsWith(u'0') || n.endsWith(u'.'))) {
        n.chop(1);
    }
    return n + (inMs ? u" ms"_s : u" s"_s);
}

/// A "nice" tick step at or above v: 1, 2, 2.5 or 5 × 10^k.
double niceStep(double v)
{
    if (v <= 0) {
        return 0.2;
    }
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
        if (m * p >= v * 0.999) {
            return m * p;
        }
    }
    return 10 * p;
}

bool isNumeric(const ParamSpec &spec)
{
    return spec.type == ParamType::Number || spec.type == ParamType::Integer;
}

} // namespace

struct SweepFigure::Panel
{
    const SweepPoint *point = nullptr;
    std::unique_ptr<GanttModel> model;
    GanttPaintOptions paint;
    double height = 0; ///< the chart's, without the label line
};

SweepFigure::SweepFigure(const SweepResult &sweep, GanttTheme theme, GanttPaintOptions paint, double width)
    : m_sweep(sweep)
    , m_theme(std::move(theme))
    , m_width(std::max(width, kMinWidth))
    , m_stacked(m_width < kStackedBelow)
{
    // The curve beside the timelines (a third of the width, within 320–560 px); in a narrow
    // figure (the app's side-by-side pane), above them, the timelines then full width.
    const double curveWidth = m_stacked ? m_width : std::clamp(m_width * 0.32, 320.0, 560.0);
    m_panelsWidth = m_stacked ? m_width : m_width - curveWidth;
    m_headerHeight = kMargin * 0.8 + 26 + 20 + 8;
    const double curveHeight
        = m_stacked ? std::clamp(m_width * 0.5, 220.0, 340.0) : std::clamp(curveWidth * 0.85, 280.0, 480.0);
    m_curve = m_stacked ? QRectF(kMargin, m_headerHeight + 4, m_width - 2 * kMargin, curveHeight)
                        : QRectF(m_panelsWidth, m_headerHeight + 4, curveWidth - kMargin, curveHeight);
    m_panelsTop = m_stacked ? m_curve.bottom() + kCurveBelow : m_headerHeight;

    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        auto panel = std::make_unique<Panel>();
        panel->point = &sweep.points[i];
        panel->model = std::make_unique<GanttModel>(*sweep.points[i].run);
        panel->paint = paint;
        panel->paint.header = false;
        panel->paint.footer = false;
        panel->paint.legend = i + 1 == sweep.points.size();
        panel->paint.labelWidth = 0;
        m_labelWidth = std::max(m_labelWidth, GanttPainter(*panel->model, m_theme, panel->paint).labelColumnWidth());
        m_panels.push_back(std::move(panel));
    }
    // Small multiples: the timelines are drawn smaller (down to 0.8×, where their lane names
    // still read on a slide) to keep the figure near 4:3; the labels and the curve stay full
    // size.
    double natural = 0;
    for (auto &panel : m_panels) {
        panel->paint.labelWidth = m_labelWidth;
        natural += GanttPainter(*panel->model, m_theme, panel->paint).preferredHeight(m_panelsWidth);
    }
    const double labels = static_cast<double>(m_panels.size()) * (kLabelHeight + kPanelGap);
    const double target = m_width * 0.75 - m_headerHeight - labels;
    // (Stacked, the figure scrolls in its pane: the timelines keep their size.)
    m_scale = natural > 0 && !m_stacked ? std::clamp(target / natural, 0.8, 1.0) : 1.0;
    double y = m_panelsTop;
    for (auto &panel : m_panels) {
        // Laid out wider by 1/scale, then drawn scaled: the panel fills its column.
        panel->height = GanttPainter(*panel->model, m_theme, panel->paint).preferredHeight(m_panelsWidth / m_scale);
        y += kLabelHeight + panel->height * m_scale + kPanelGap;
    }
    // Beside the timelines there is room under the curve: the values as a table.
    double right = m_curve.bottom() + kCurveBelow;
    if (!m_stacked && !m_panels.empty()) {
        m_table = QRectF(m_curve.left(), right + 12, m_curve.width(),
            kTableTitle + kTableRow * static_cast<double>(m_panels.size() + 2));
        right = m_table.bottom();
    }
    m_footer = QRectF(kMargin, std::max(y, right) + 6, m_width - 2 * kMargin, kFooterHeight);
    m_size = QSizeF(m_width, std::ceil(m_footer.bottom() + kMargin * 0.6));

    // The curve's x: by value for numbers (a log scale when they grow, not evenly spaced, by a
    // factor of 8 or more in all), by position for choices.
    const bool numeric = isNumeric(sweep.spec);
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const double v = numeric ? sweep.points[i].value.toDouble() : static_cast<double>(i);
        m_x.push_back(v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    // Evenly spaced values (1..10) stay linear; growing ones (1, 2, 4, 8) get a log axis.
    bool even = true;
    for (std::size_t i = 2; i < m_x.size(); ++i) {
        even = even && std::abs((m_x[i] - m_x[i - 1]) - (m_x[1] - m_x[0])) <= 1e-9 * std::max(1.0, std::abs(hi));
    }
    m_logX = numeric && m_x.size() > 2 && !even && lo > 0 && hi / lo >= 8;
}

SweepFigure::~SweepFigure() = default;

QString SweepFigure::title() const
{
    return tr("%1 — sweep over %2").arg(m_sweep.experiment, m_sweep.spec.key);
}

QString SweepFigure::subtitle() const
{
    const int values = static_cast<int>(m_sweep.points.size());
    QStringList parts;
    parts.append(translated(m_sweep.title));
    if (const QString fixed = m_sweep.fixedSummary(); !fixed.isEmpty()) {
        parts.append(fixed);
    }
    parts.append(m_sweep.repeat > 1 ? tr("%n value(s), median of %1 runs each", nullptr, values).arg(m_sweep.repeat)
                                    : tr("%n value(s), one run each", nullptr, values));
    if (m_sweep.cancelled) {
        parts.append(tr("stopped after %1 of %n value(s)", nullptr, m_sweep.plannedValues).arg(values));
    }
    return parts.join(u" · "_s);
}

double SweepFigure::xFraction(std::size_t point) const
{
    if (m_x.size() < 2 || point >= m_x.size()) {
        return 0.5;
    }
    const auto [lo, hi] = std::minmax_element(m_x.begin(), m_x.end());
    const double v = m_x[point];
    if (*hi <= *lo) {
        return 0.5;
    }
    if (m_logX) {
        return (std::log(v) - std::log(*lo)) / (std::log(*hi) - std::log(*lo));
    }
    return (v - *lo) / (*hi - *lo);
}

void SweepFigure::paint(QPainter &p) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const double inner = m_width - 2 * kMargin;
    // Header: the title and what was held fixed.
    p.setPen(m_theme.text);
    p.setFont(GanttPainter::chartFont(18, true));
    const double top = kMargin * 0.8;
    p.drawText(QRectF(kMargin, top, inner, 26), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(p.font()).elidedText(title(), Qt::ElideRight, inner));
    p.setPen(m_theme.mutedText);
    p.setFont(GanttPainter::chartFont(13));
    p.drawText(QRectF(kMargin, top + 26, inner, 20), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(p.font()).elidedText(subtitle(), Qt::ElideRight, inner));

    // The timelines, one per value, on one time axis.
    const qint64 longest = std::max<qint64>(m_sweep.longestWallNs(), 1);
    const qint64 endNs = longest + longest / 40;
    double y = m_panelsTop;
    const QString key = m_sweep.spec.key;
    for (const auto &panel : m_panels) {
        const SweepPoint &point = *panel->point;
        const QRectF label(kMargin, y, m_panelsWidth - 2 * kMargin, kLabelHeight);
        p.setFont(GanttPainter::chartFont(14, true));
        p.setPen(m_theme.text);
        const QString head = u"%1 = %2%3"_s.arg(key, point.valueText,
            m_sweep.spec.unit.isEmpty() ? QString() : u' ' + m_sweep.spec.unit);
        p.drawText(label, Qt::AlignLeft | Qt::AlignBottom, head);
        const double headWidth = QFontMetricsF(p.font()).horizontalAdvance(head);
        p.setFont(GanttPainter::chartFont(13));
        QString what;
        if (point.status == RunStatus::Ok) {
            p.setPen(m_theme.mutedText);
            what = m_sweep.repeat > 1
                ? tr("%1 median, p95 %2, ideal %3")
                      .arg(secondsText(point.wallMedianS), secondsText(point.wallP95S),
                          secondsText(point.run->stats.idealS))
                : tr("%1, ideal %2")
                      .arg(secondsText(point.wallMedianS), secondsText(point.run->stats.idealS));
        } else {
            p.setPen(m_theme.error);
            what = point.status == RunStatus::Cancelled ? tr("stopped — what it did until then")
                                                        : tr("failed: %1").arg(printable(point.error, 200));
        }
        const QRectF whatRect = label.adjusted(headWidth + 14, 0, 0, 0);
        p.drawText(whatRect, Qt::AlignLeft | Qt::AlignBottom,
            QFontMetricsF(p.font()).elidedText(what, Qt::ElideRight, whatRect.width()));
        y += kLabelHeight;
        const GanttPainter painter(*panel->model, m_theme, panel->paint);
        const QSizeF chart(m_panelsWidth / m_scale, panel->height);
        p.save();
        p.translate(0, y);
        p.scale(m_scale, m_scale);
        painter.paint(p, chart, painter.layout(chart, 0, endNs));
        p.restore();
        y += panel->height * m_scale + kPanelGap;
    }
    paintCurve(p, m_curve);
    if (!m_table.isEmpty()) {
        paintTable(p, m_table);
    }
    // Footer: with what and when (the values' own parameters are in their labels).
    if (!m_sweep.points.empty()) {
        // The first value's run's, or the first that talked to PostgreSQL (it names libpq).
        QStringList parts;
        for (const SweepPoint &point : m_sweep.points) {
            const QStringList env = GanttPainter::environmentParts(*point.run);
            if (parts.isEmpty()) {
                parts = env;
            }
            if (env.join(u' ').contains(u"libpq "_s)) {
                parts = env;
                break;
            }
        }
        p.setFont(GanttPainter::chartFont(11));
        p.setPen(m_theme.mutedText);
        p.drawText(m_footer, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(p.font()).elidedText(parts.join(u"  ·  "_s), Qt::ElideRight, m_footer.width()));
    }
}

std::vector<SweepFigure::Column> SweepFigure::tableColumns(double width, QStringList *dropped) const
{
    const auto &points = m_sweep.points;
    const bool repeated = m_sweep.repeat > 1;
    const auto okText = [&](auto text) {
        std::vector<QString> cells;
        for (const SweepPoint &pt : points) {
            cells.push_back(pt.status == RunStatus::Ok ? text(pt) : QString());
        }
        return cells;
    };
    std::vector<Column> columns;
    std::vector<QString> values;
    for (const SweepPoint &pt : points) {
        values.push_back(printable(pt.valueText, 16));
    }
    columns.push_back({m_sweep.spec.unit.isEmpty() ? m_sweep.spec.key
                                                   : u"%1, %2"_s.arg(m_sweep.spec.key, m_sweep.spec.unit),
        values});
    columns.push_back({repeated ? tr("median") : tr("total"),
        okText([](const SweepPoint &pt) { return secondsText(pt.wallMedianS); })});
    if (repeated) {
        columns.push_back({tr("p95"), okText([](const SweepPoint &pt) { return secondsText(pt.wallP95S); })});
    }
    columns.push_back(
        {tr("ideal"), okText([](const SweepPoint &pt) { return secondsText(pt.run->stats.idealS); })});
    columns.push_back({tr("over ideal"), okText([](const SweepPoint &pt) {
                           const double over = pt.wallMedianS - pt.run->stats.idealS;
                           return (over < 0 ? u"−"_s : u"+"_s) + secondsText(std::abs(over));
                       })});
    columns.push_back({tr("in flight"),
        okText([](const SweepPoint &pt) { return QString::number(pt.run->stats.maxConcurrency); })});
    // The loop's longest stall only where some value's loop stalled for a tenth of its run.
    if (std::any_of(points.begin(), points.end(), [](const SweepPoint &pt) {
            return pt.status == RunStatus::Ok
                && pt.run->stats.longestStallS >= std::max(0.001, 0.1 * pt.wallMedianS);
        })) {
        columns.push_back({tr("loop stall"),
            okText([](const SweepPoint &pt) { return secondsText(pt.run->stats.longestStallS); })});
    }
    const QFontMetricsF bold(GanttPainter::chartFont(12, true));
    const QFontMetricsF fm(GanttPainter::chartFont(12));
    for (Column &c : columns) {
        c.width = bold.horizontalAdvance(c.header);
        for (const QString &cell : c.cells) {
            c.width = std::max(c.width, fm.horizontalAdvance(cell));
        }
        c.width += 14;
    }
    // Too wide: the least telling columns go first — how many in flight where it is the same
    // for every value, over ideal, in flight, the stall — and the table says which.
    const auto total = [&] {
        double w = 0;
        for (const Column &c : columns) {
            w += c.width;
        }
        return w;
    };
    QStringList order;
    const auto inFlight = std::find_if(
        columns.begin(), columns.end(), [](const Column &c) { return c.header == tr("in flight"); });
    if (inFlight != columns.end()
        && std::adjacent_find(inFlight->cells.begin(), inFlight->cells.end(), std::not_equal_to<>())
            == inFlight->cells.end()) {
        order.append(tr("in flight"));
    }
    order << tr("over ideal") << tr("in flight") << tr("loop stall");
    for (const QString &drop : std::as_const(order)) {
        if (total() <= width) {
            break;
        }
        if (std::erase_if(columns, [&](const Column &c) { return c.header == drop; }) > 0) {
            dropped->append(drop);
        }
    }
    return columns;
}

void SweepFigure::paintTable(QPainter &p, const QRectF &rect) const
{
    const auto &points = m_sweep.points;
    p.save();
    p.setPen(m_theme.text);
    p.setFont(GanttPainter::chartFont(14, true));
    p.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), 22), Qt::AlignLeft | Qt::AlignBottom, tr("The values"));
    QStringList dropped;
    const std::vector<Column> columns = tableColumns(rect.width(), &dropped);
    const QFont small = GanttPainter::chartFont(12);
    const QFontMetricsF fm(small);
    double rowTop = rect.top() + kTableTitle;
    // The header, then a row per value: the value left, the figures right-aligned.
    const auto row = [&](const std::vector<QString> &texts, bool header, const QColor &color) {
        double x = rect.left();
        p.setFont(header ? GanttPainter::chartFont(12, true) : small);
        p.setPen(color);
        for (std::size_t c = 0; c < columns.size() && c < texts.size(); ++c) {
            const QRectF cell(x, rowTop, columns[c].width - 14, kTableRow);
            p.drawText(cell, (c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, texts[c]);
            x += columns[c].width;
        }
        rowTop += kTableRow;
    };
    std::vector<QString> headers;
    for (const Column &c : columns) {
        headers.push_back(c.header);
    }
    row(headers, true, m_theme.mutedText);
    p.setPen(QPen(m_theme.grid, 1));
    p.drawLine(QPointF(rect.left(), rowTop - 1.5), QPointF(rect.right(), rowTop - 1.5));
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i % 2 == 1) {
            p.fillRect(QRectF(rect.left() - 4, rowTop, rect.width() + 4, kTableRow), m_theme.laneStripe);
        }
        if (points[i].status != RunStatus::Ok) {
            // A failed or stopped value: its message across the figures' columns, in red.
            p.setFont(small);
            p.setPen(m_theme.error);
            const double x = rect.left() + columns.front().width;
            p.drawText(QRectF(rect.left(), rowTop, columns.front().width - 14, kTableRow),
                Qt::AlignLeft | Qt::AlignVCenter, columns.front().cells[i]);
            const QString why = points[i].status == RunStatus::Cancelled
                ? tr("stopped")
                : tr("failed: %1").arg(printable(points[i].error, 200));
            // Cut in the middle: an error's end says why ("… Connection refused").
            p.drawText(QRectF(x, rowTop, rect.right() - x, kTableRow), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(why, Qt::ElideMiddle, rect.right() - x));
            rowTop += kTableRow;
            continue;
        }
        std::vector<QString> texts;
        for (const Column &c : columns) {
            texts.push_back(c.cells[i]);
        }
        row(texts, false, m_theme.text);
    }
    if (!dropped.isEmpty()) {
        p.setFont(GanttPainter::chartFont(11));
        p.setPen(m_theme.mutedText);
        p.drawText(QRectF(rect.left(), rowTop + 2, rect.width(), kTableRow), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(p.font()).elidedText(
                tr("Left out for room, in the CSV: %1").arg(dropped.join(u", "_s)), Qt::ElideRight,
                rect.width()));
    }
    p.restore();
}

void SweepFigure::paintCurve(QPainter &p, const QRectF &rect) const
{
    const auto &points = m_sweep.points;
    p.save();
    // Frame: a title, the plot, the x labels and the legend below.
    p.setFont(GanttPainter::chartFont(14, true));
    p.setPen(m_theme.text);
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), 22), Qt::AlignLeft | Qt::AlignBottom,
        tr("Total time against %1").arg(m_sweep.spec.key));
    const QFont small = GanttPainter::chartFont(12);
    const QFontMetricsF fm(small);
    const QRectF plot(rect.left() + 58, rect.top() + 34, rect.width() - 58 - 12, rect.height() - 34 - 46);

    double top = 0;
    bool allAsync = false;
    for (const SweepPoint &pt : points) {
        const RunStats &s = pt.run->stats;
        // (A failed value's cross is drawn at when it failed.)
        top = std::max(top, pt.status == RunStatus::Ok ? std::max(pt.wallP95S, s.idealS) : s.wallS);
        if (pt.status == RunStatus::Ok && s.madeAsync > 0 && s.idealAllAsyncS > 0) {
            allAsync = true;
            top = std::max(top, s.idealAllAsyncS);
        }
    }
    const double step = niceStep(top * 1.08 / 5);
    const int steps = std::max(1, static_cast<int>(std::ceil(top * 1.08 / step - 1e-9)));
    top = step * steps;
    const auto yOf = [&](double s) { return plot.bottom() - plot.height() * std::clamp(s / top, 0.0, 1.05); };
    const auto xOf = [&](std::size_t i) { return plot.left() + plot.width() * (0.04 + 0.92 * xFraction(i)); };

    // Grid and y labels: about five steps.
    p.setFont(small);
    for (int k = 0; k <= steps; ++k) {
        const double s = step * k;
        const double gy = yOf(s);
        p.setPen(QPen(k == 0 ? m_theme.axis : m_theme.grid, 1));
        p.drawLine(QPointF(plot.left(), gy), QPointF(plot.right(), gy));
        p.setPen(m_theme.mutedText);
        p.drawText(QRectF(rect.left(), gy - 9, 52, 18), Qt::AlignRight | Qt::AlignVCenter, tickText(s));
    }
    p.setPen(QPen(m_theme.axis, 1));
    p.drawLine(plot.bottomLeft(), plot.topLeft());

    // x labels: every value (thinned when they would overlap), the parameter's name below.
    double lastRight = -1e9;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = xOf(i);
        p.setPen(QPen(m_theme.axis, 1));
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        const QString text = printable(points[i].valueText, 16);
        const double w = fm.horizontalAdvance(text);
        if (x - w / 2 > lastRight + 6 || i + 1 == points.size()) {
            p.setPen(m_theme.mutedText);
            p.drawText(QRectF(x - w / 2 - 2, plot.bottom() + 5, w + 4, 16), Qt::AlignCenter, text);
            lastRight = x + w / 2;
        }
    }
    const QString label = translated(m_sweep.spec.label);
    // "Connection limit", not "limit (Connection limit)": a label holding the key says both.
    QString axisTitle = label.isEmpty() ? m_sweep.spec.key
        : label.contains(m_sweep.spec.key, Qt::CaseInsensitive) ? label
                                                                 : u"%1 (%2)"_s.arg(m_sweep.spec.key, label);
    if (!m_sweep.spec.unit.isEmpty()) {
        axisTitle += u", "_s + m_sweep.spec.unit;
    }
    p.setPen(m_theme.text);
    p.drawText(QRectF(plot.left(), plot.bottom() + 22, plot.width(), 18), Qt::AlignCenter,
        fm.elidedText(m_logX ? tr("%1 — log scale").arg(axisTitle) : axisTitle, Qt::ElideRight, plot.width()));

    // A series as a polyline through the values that ended ok.
    const auto series = [&](const QPen &pen, auto valueOf, bool dots) {
        QPainterPath path;
        bool started = false;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (points[i].status != RunStatus::Ok) {
                started = false; // a failed value breaks the line
                continue;
            }
            const QPointF at(xOf(i), yOf(valueOf(points[i])));
            if (started) {
                path.lineTo(at);
            } else {
                path.moveTo(at);
                started = true;
            }
        }
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        if (dots) {
            p.setBrush(pen.color());
            for (std::size_t i = 0; i < points.size(); ++i) {
                if (points[i].status == RunStatus::Ok) {
                    p.drawEllipse(QPointF(xOf(i), yOf(valueOf(points[i]))), 3.5, 3.5);
                }
            }
        }
    };
    series(
        QPen(m_theme.ideal, 2, Qt::DashLine), [](const SweepPoint &pt) { return pt.run->stats.idealS; },
        false);
    if (allAsync) {
        series(
            QPen(m_theme.counterfactual, 2, Qt::DotLine),
            [](const SweepPoint &pt) {
                const RunStats &s = pt.run->stats;
                return s.madeAsync > 0 ? s.idealAllAsyncS : s.idealScheduleS;
            },
            false);
    }
    // p95 whiskers when repeated.
    if (m_sweep.repeat > 1) {
        p.setPen(QPen(m_theme.total, 1.5));
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (points[i].status == RunStatus::Ok && points[i].wallP95S > points[i].wallMedianS) {
                const double x = xOf(i);
                p.drawLine(QPointF(x, yOf(points[i].wallMedianS)), QPointF(x, yOf(points[i].wallP95S)));
                p.drawLine(QPointF(x - 4, yOf(points[i].wallP95S)), QPointF(x + 4, yOf(points[i].wallP95S)));
            }
        }
    }
    series(QPen(m_theme.total, 2.5), [](const SweepPoint &pt) { return pt.wallMedianS; }, true);
    // Each measured value's number beside its dot; a failed value is a red cross on the axis.
    p.setFont(small);
    std::vector<QRectF> placed;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = xOf(i);
        if (points[i].status != RunStatus::Ok) {
            // At when it failed (or was stopped), not on the axis: that would read "took 0 s".
            p.setPen(QPen(m_theme.error, 2.5));
            const double cy = std::min(yOf(points[i].run->stats.wallS), plot.bottom() - 6);
            p.drawLine(QPointF(x - 5, cy - 5), QPointF(x + 5, cy + 5));
            p.drawLine(QPointF(x - 5, cy + 5), QPointF(x + 5, cy - 5));
            continue;
        }
        if (points.size() <= 12) {
            const QString text = secondsText(points[i].wallMedianS);
            const double w = fm.horizontalAdvance(text);
            // Beside the dot where the line does not pass: the first of above-right, above-left,
            // below-right, below-left whose box no neighbouring segment crosses.
            const QPointF dot(x, yOf(m_sweep.repeat > 1 ? points[i].wallP95S : points[i].wallMedianS));
            std::vector<std::pair<QPointF, QPointF>> segments;
            for (const std::size_t k : {i - 1, i + 1}) {
                if (k < points.size() && points[k].status == RunStatus::Ok) {
                    segments.emplace_back(QPointF(x, yOf(points[i].wallMedianS)), QPointF(xOf(k), yOf(points[k].wallMedianS)));
                }
            }
            const auto crossed = [&](const QRectF &box) {
                for (const auto &[a, b] : segments) {
                    for (int t = 0; t <= 24; ++t) {
                        if (box.contains(a + (b - a) * (t / 24.0))) {
                            return true;
                        }
                    }
                }
                return false;
            };
            QRectF box;
            bool found = false;
            for (const auto &[dx, dy] : std::initializer_list<std::pair<double, double>> {
                     {-w / 2 - 2, -22}, {4, -20}, {-w - 8, -20}, {-w / 2 - 2, 6}, {4, 4}, {-w - 8, 4}}) {
                QRectF candidate(dot.x() + dx, dot.y() + dy, w + 4, 16);
                candidate.moveLeft(std::clamp(candidate.left(), plot.left() + 2, plot.right() - candidate.width()));
                candidate.moveTop(std::clamp(candidate.top(), rect.top() + 22, plot.bottom() - 18));
                const bool overlaps = std::any_of(placed.begin(), placed.end(),
                    [&](const QRectF &other) { return other.intersects(candidate.adjusted(-2, 0, 2, 0)); });
                if (!overlaps && !crossed(candidate.adjusted(-1, -1, 1, 1))) {
                    box = candidate;
                    found = true;
                    break;
                }
            }
            if (!found) {
                continue; // no room: the table and the panel's label have the number
            }
            placed.push_back(box);
            p.setPen(m_theme.total);
            p.drawText(box, Qt::AlignCenter, text);
        }
    }

    // The legend under the x axis title.
    struct Item
    {
        QPen pen;
        QString text;
    };
    // The lines only where some value ended ok (they go through those alone).
    std::vector<Item> items;
    if (std::any_of(
            points.begin(), points.end(), [](const SweepPoint &pt) { return pt.status == RunStatus::Ok; })) {
        items.push_back(
            {QPen(m_theme.total, 2.5), m_sweep.repeat > 1 ? tr("measured (median, p95)") : tr("measured")});
        items.push_back({QPen(m_theme.ideal, 2, Qt::DashLine), tr("ideal")});
    }
    if (allAsync) {
        items.push_back({QPen(m_theme.counterfactual, 2, Qt::DotLine), tr("if every blocking step were async")});
    }
    if (std::any_of(points.begin(), points.end(), [](const SweepPoint &pt) { return pt.status != RunStatus::Ok; })) {
        items.push_back(
            {QPen(m_theme.error, 2.5), m_sweep.failures() > 0 ? tr("failed (when)") : tr("stopped (when)")});
    }
    double lx = plot.left();
    double ly = plot.bottom() + 50;
    for (const Item &item : items) {
        const double w = 26 + fm.horizontalAdvance(item.text) + 16;
        if (lx + w > rect.right() && lx > plot.left()) {
            lx = plot.left();
            ly += 18;
        }
        p.setPen(item.pen);
        p.drawLine(QPointF(lx, ly + 8), QPointF(lx + 20, ly + 8));
        p.setPen(m_theme.text);
        p.drawText(QRectF(lx + 26, ly, w, 16), Qt::AlignLeft | Qt::AlignVCenter, item.text);
        lx += w;
    }
    p.restore();
}

namespace Export {

bool writeSweep(const SweepResult &sweep, const QString &path, const ImageOptions &options, QString *error)
{
    const auto format = formatForPath(path);
    if (format == Format::Csv) {
        return saveFile(path, sweepCsv(sweep), error);
    }
    if (format == Format::RunJson) {
        return saveFile(path, sweepJson(sweep), error);
    }
    if (format == Format::ChromeTrace || !format) {
        if (error) {
            *error = QCoreApplication::translate("Coroscope::Export",
                "cannot write %1: a sweep exports as a figure (.png, .svg, .pdf), a table (.csv) or its runs (.json)")
                         .arg(path);
        }
        return false;
    }
    const SweepFigure figure(sweep, options.theme, options.paint, options.width);
    return writeDrawing(path, figure.size(), options.scale, options.theme.background,
        {figure.title(), figure.subtitle()}, [&figure](QPainter &p) { figure.paint(p); }, error);
}

} // namespace Export

} // namespace Coroscope
