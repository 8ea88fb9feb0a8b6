// SPDX-License-Identifier: MIT
#include "ganttpainter.h"

#include "timeline/stats.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

constexpr double kTitleSize = 16;
constexpr double kHeadlineSize = 13;
constexpr double kLabelSize = 12;
constexpr double kSmallSize = 11;
constexpr double kBarHeight = 16;
constexpr double kWaitHeight = 8;
constexpr double kMarkerLine = 15;
constexpr double kAxisHeight = 24;
constexpr double kLegendRow = 20;
constexpr double kFooterHeight = 18;
constexpr double kGap = 10;

QString loadFontFamily()
{
    static QString family;
    static std::once_flag once;
    std::call_once(once, [] {
        const int regular = QFontDatabase::addApplicationFont(u":/coroscope/fonts/DejaVuSans.ttf"_s);
        QFontDatabase::addApplicationFont(u":/coroscope/fonts/DejaVuSans-Bold.ttf"_s);
        const QStringList families = QFontDatabase::applicationFontFamilies(regular);
        family = families.isEmpty() ? u"DejaVu Sans"_s : families.constFirst();
    });
    return family;
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
        static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

/// A straight arrow from `from` to `to` with a filled head at `to`.
void drawArrow(QPainter &p, QPointF from, QPointF to, const QColor &color, double width)
{
    const QLineF line(from, to);
    if (line.length() < 1) {
        return;
    }
    const QPointF unit = (to - from) / line.length();
    const QPointF normal(-unit.y(), unit.x());
    const double head = 4 + width * 1.5;
    const QPointF base = to - unit * head;
    p.setPen(QPen(color, width, Qt::SolidLine, Qt::FlatCap));
    p.drawLine(from, base);
    QPainterPath tip;
    tip.moveTo(to);
    tip.lineTo(base + normal * head * 0.55);
    tip.lineTo(base - normal * head * 0.55);
    tip.closeSubpath();
    p.fillPath(tip, color);
}

/// How a span is drawn; spans of one style that touch on screen merge into one bar.
struct Style
{
    SpanKind kind;
    SpanStatus status;
    bool holdsThread;
    bool operator==(const Style &) const = default;
};

/// Diagonal hatching drawn as lines clipped by arithmetic: Qt's pattern brushes come out as
/// SVG patterns not every renderer resolves, and QSvgGenerator 6.4 ignores clip rects — the
/// exports must match the screen.
void hatch(QPainter &p, const QRectF &rect, const QColor &color)
{
    if (rect.width() < 1 || rect.height() < 1) {
        return;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(color, 1));
    constexpr double kSpacing = 5;
    const double h = rect.height();
    // 45° lines from bottom-left to top-right, aligned to x so neighbouring bars line up.
    for (double x = std::floor((rect.left() - h) / kSpacing) * kSpacing; x < rect.right(); x += kSpacing) {
        double x0 = x;
        double y0 = rect.bottom();
        double x1 = x + h;
        double y1 = rect.top();
        if (x0 < rect.left()) {
            y0 -= rect.left() - x0;
            x0 = rect.left();
        }
        if (x1 > rect.right()) {
            y1 += x1 - rect.right();
            x1 = rect.right();
        }
        if (x1 > x0) {
            p.drawLine(QPointF(x0, y0), QPointF(x1, y1));
        }
    }
    p.restore();
}

struct Pending
{
    Style style {};
    double x0 = 0;
    double x1 = 0;
    int count = 0;
    quint32 first = 0; ///< the widest span merged into this bar (it gives the label)
    double widest = 0; ///< its width in pixels
};

} // namespace

struct GanttPainter::LegendItem
{
    enum class Swatch
    {
        Suspended,
        Solid,
        Wait,
        Error,
        Cancelled,
        Late,
        Line,
        DashedLine,
        Arrow,
        States,
        Ghost,
        DottedLine,
        Mark
    };
    Swatch swatch;
    QColor color;
    QString text;
};

GanttPainter::GanttPainter(const GanttModel &model, GanttTheme theme, GanttPaintOptions options)
    : m_model(model)
    , m_theme(std::move(theme))
    , m_options(options)
{ }

QFont GanttPainter::chartFont(double pixelSize, bool bold)
{
    QFont font(loadFontFamily());
    font.setPixelSize(static_cast<int>(std::lround(pixelSize)));
    font.setBold(bold);
    font.setHintingPreference(QFont::PreferNoHinting); // same glyph metrics on screen, PNG, SVG, PDF
    font.setStyleStrategy(QFont::PreferAntialias);
    return font;
}

QString GanttPainter::headline() const
{
    const RunData &run = m_model.run();
    const QString total = GanttLayout::formatDuration(run.wallNs);
    if (m_options.live && m_options.replayOfNs > 0) {
        const int inFlight = m_options.replayInFlight >= 0 ? m_options.replayInFlight
                                                           : maxConcurrency(run, run.wallNs, run.wallNs + 1);
        return tr("replay at %1 of %2 — %n in flight", nullptr, inFlight)
                   .arg(total, GanttLayout::formatDuration(m_options.replayOfNs))
            + (run.idealNs > 0 ? u" — "_s + tr("ideal %1").arg(GanttLayout::formatDuration(run.idealNs))
                               : QString());
    }
    if (m_options.live) {
        return tr("running… %1 so far").arg(total)
            + (run.idealNs > 0 ? u" — "_s + tr("ideal %1").arg(GanttLayout::formatDuration(run.idealNs))
                               : QString());
    }
    if (run.status == RunStatus::Cancelled) {
        return tr("cancelled after %1 — the partial timeline").arg(total);
    }
    if (run.status == RunStatus::Failed) {
        return tr("failed after %1: %2").arg(total, run.error);
    }
    QStringList parts {total};
    if (run.idealNs > 0) {
        parts.append(tr("ideal %1").arg(GanttLayout::formatDuration(run.idealNs)));
    }
    if (const qint64 allAsync = allAsyncNs(); allAsync > 0) {
        parts.append(tr("all async %1").arg(GanttLayout::formatDuration(allAsync)));
    }
    const qint64 sequential = m_model.sequentialNs();
    if (sequential > run.wallNs + run.wallNs / 50) {
        parts.append(tr("sequential would be %1").arg(GanttLayout::formatDuration(sequential)));
    } else if (sequential > 0) {
        parts.append(tr("nothing overlapped"));
    }
    if (run.stats.totalStallS > 0) {
        parts.append(tr("event loop frozen %1")
                         .arg(GanttLayout::formatDuration(static_cast<qint64>(run.stats.totalStallS * 1e9))));
    }
    if (run.predictedNs != kUnknownTime) {
        parts.append(predictionVerdict(run.predictedNs, static_cast<double>(run.wallNs) / 1e9, false));
    }
    if (!m_model.overlapVerdict().isEmpty()) {
        parts.append(m_model.overlapVerdict());
    }
    return parts.join(u" — "_s);
}

QString GanttPainter::footerText() const
{
    const RunData &run = m_model.run();
    QStringList parts;
    QStringList params;
    for (const auto &[k, v] : run.params) {
        if (!v.toString().isEmpty()) {
            params.append(k + u'=' + v.toString());
        }
    }
    if (!params.isEmpty()) {
        parts.append(params.join(u' '));
    }
    parts.append(environmentParts(run));
    return parts.join(u"  ·  "_s);
}

QStringList GanttPainter::environmentParts(const RunData &run)
{
    QStringList parts;
    parts.append(u"Coroscope "_s + QCoreApplication::applicationVersion());
    if (!run.env.qt.isEmpty()) {
        parts.append(u"Qt "_s + run.env.qt);
    }
    if (!run.env.qcoro.isEmpty()) {
        parts.append(u"QCoro "_s + run.env.qcoro);
    }
    // libpq only when the run talked to PostgreSQL.
    const bool usedPostgres = std::any_of(
        run.spans.begin(), run.spans.end(), [](const Span &s) { return s.kind == SpanKind::Db; });
    if (!run.env.libpq.isEmpty() && usedPostgres) {
        parts.append(u"libpq "_s + run.env.libpq);
    }
    if (run.env.cores > 0) {
        parts.append(tr("%n cores", nullptr, run.env.cores));
    }
    if (run.startedAt.isValid()) {
        parts.append(run.startedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
    }
    return parts;
}

QString GanttPainter::titleText() const
{
    // The catalog's title in the language of the installed translators (run files keep English).
    // A pinned run's title carries a label after " · " (the parameters that tell it apart).
    const RunData &run = m_model.run();
    QString title = QCoreApplication::translate("Experiments", run.title.toUtf8().constData());
    if (const qsizetype cut = run.title.lastIndexOf(u" · "); title == run.title && cut > 0) {
        title = QCoreApplication::translate("Experiments", run.title.left(cut).toUtf8().constData())
            + run.title.mid(cut);
    }
    return title.isEmpty() ? run.experiment : run.experiment + u" — "_s + title;
}

double GanttPainter::wrappedHeight(const QString &text, const QFont &font, double width, double lineHeight)
{
    const QFontMetricsF fm(font);
    const QRectF r = fm.boundingRect(QRectF(0, 0, std::max(width, 10.0), 1e6), Qt::TextWordWrap, text);
    const double lines = std::clamp(std::ceil(r.height() / fm.lineSpacing() - 0.01), 1.0, kMaxTextLines);
    return lines <= 1 ? lineHeight : lines * fm.lineSpacing() + (lineHeight - fm.lineSpacing());
}

double GanttPainter::headerHeight(double width) const
{
    return wrappedHeight(titleText(), chartFont(kTitleSize, true), width, 22) + 2
        + wrappedHeight(headline(), chartFont(kHeadlineSize), width, 20);
}

std::pair<double, double> GanttPainter::headerAndMarkerHeights(double width) const
{
    const double plotWidth = width - labelColumnWidth();
    double header = m_options.header ? headerHeight(width) : 0;
    double markers = markerStripHeight(plotWidth);
    if (m_options.shapeOf) {
        GanttPaintOptions whole = m_options;
        whole.live = false;
        whole.replayOfNs = 0;
        whole.axisEndNs = 0;
        whole.shapeOf = nullptr;
        const GanttPainter painter(*m_options.shapeOf, m_theme, whole);
        header = std::max(header, m_options.header ? painter.headerHeight(width) : 0);
        markers = std::max(markers, painter.markerStripHeight(plotWidth));
    }
    return {header, markers};
}

double GanttPainter::footerHeight(double width) const
{
    return wrappedHeight(footerText(), chartFont(kSmallSize), width, kFooterHeight);
}

double GanttPainter::labelColumnWidth() const
{
    if (m_options.labelWidth > 0) {
        return m_options.labelWidth;
    }
    const QFontMetricsF fm(chartFont(kLabelSize));
    double widest = 0;
    for (const GanttRow &row : m_model.rows()) {
        widest = std::max(widest, fm.horizontalAdvance(displayName(row.label)));
    }
    return std::clamp(widest + 16, 90.0, 240.0);
}

std::vector<GanttPainter::LegendItem> GanttPainter::legendItems() const
{
    const RunData &run = m_model.run();
    const LegendFacts &facts = m_model.legendFacts();
    std::vector<LegendItem> items;
    for (int k = 0; k < kSpanKindCount; ++k) {
        const auto kind = static_cast<SpanKind>(k);
        const auto i = static_cast<std::size_t>(k);
        if (facts.suspended[i]) {
            const auto swatch
                = kind == SpanKind::Wait ? LegendItem::Swatch::Wait : LegendItem::Swatch::Suspended;
            items.push_back({swatch, m_theme.kindColor(kind), kindDescription(kind, false)});
        }
        if (facts.holding[i]) {
            items.push_back(
                {LegendItem::Swatch::Solid, m_theme.kindColor(kind), kindDescription(kind, true)});
        }
    }
    if (facts.late) {
        items.push_back({LegendItem::Swatch::Late, m_theme.mutedText, tr("ready, waiting for the loop")});
    }
    if (facts.blame && m_options.blame) {
        items.push_back(
            {LegendItem::Swatch::Arrow, m_theme.blame, tr("what held the loop → the step it delayed")});
    }
    if (m_options.states && facts.states) {
        items.push_back({LegendItem::Swatch::States, m_theme.loopRunning,
            tr("task state: running · suspended · ready · holding the thread")});
    }
    if (facts.error) {
        items.push_back({LegendItem::Swatch::Error, m_theme.error, tr("error")});
    }
    if (facts.cancelled) {
        items.push_back({LegendItem::Swatch::Cancelled, m_theme.cancelled, tr("cancelled")});
    }
    if (facts.marks) {
        items.push_back({LegendItem::Swatch::Mark, m_theme.mutedText, tr("event (print, result)")});
    }
    items.push_back({LegendItem::Swatch::Line, m_theme.total, m_options.live ? tr("now") : tr("total")});
    if (run.idealNs > 0) {
        items.push_back({LegendItem::Swatch::DashedLine, m_theme.ideal, tr("ideal")});
    }
    if (m_options.ideal && facts.ghosts && !m_options.live) {
        items.push_back(
            {LegendItem::Swatch::Ghost, m_theme.ideal, tr("where a step would be with zero overhead")});
    }
    if (m_options.ideal && allAsyncNs() > 0) {
        items.push_back({LegendItem::Swatch::DottedLine, m_theme.counterfactual,
            tr("if every blocking step were async")});
    }
    return items;
}

double GanttPainter::legendHeight(double width) const
{
    if (!m_options.legend) {
        return 0;
    }
    const QFontMetricsF fm(chartFont(kSmallSize));
    double x = 0;
    int lines = 1;
    for (const LegendItem &item : legendItems()) {
        const double w = 22 + fm.horizontalAdvance(item.text) + 18;
        if (x > 0 && x + w > width) {
            ++lines;
            x = 0;
        }
        x += w;
    }
    return lines * kLegendRow;
}

GanttPainter::Geometry GanttPainter::geometry(const QSizeF &size) const
{
    Geometry g;
    const double left = kMargin;
    const double right = size.width() - kMargin;
    const double width = std::max(right - left, 10.0);
    double y = kMargin * 0.8;
    const auto [headerH, markerStrip] = headerAndMarkerHeights(width);
    if (m_options.header) {
        g.header = QRectF(left, y, width, headerH);
        y += headerH + kGap;
    }
    const double labelWidth = labelColumnWidth();
    const double footer = m_options.footer ? footerHeight(width) : 0;
    const double legend = legendHeight(width);
    // A replay's frame drawn at the whole run's (taller) height keeps its rows, axis and legend
    // where its own height puts them: the room left is above the footer, not inside the rows.
    const double height = m_options.replayOfNs > 0 ? std::min(size.height(), preferredHeight(size.width())) : size.height();
    const double bottom = height - kMargin * 0.8 - footer - (legend > 0 ? legend + kGap : 0);
    g.markers = QRectF(left + labelWidth, y, width - labelWidth, markerStrip);
    y += markerStrip;
    const double rowsBottom = std::max(y + kRowHeight, bottom - kAxisHeight);
    g.labels = QRectF(left, y, labelWidth, rowsBottom - y);
    g.plot = QRectF(left + labelWidth, y, width - labelWidth, rowsBottom - y);
    g.axis = QRectF(g.plot.left(), rowsBottom, g.plot.width(), kAxisHeight);
    g.legend = QRectF(left, g.axis.bottom() + kGap, width, legend);
    g.footer = QRectF(left, size.height() - kMargin * 0.8 - footer, width, footer);
    return g;
}

std::vector<double> GanttPainter::rowHeights() const
{
    std::vector<double> out;
    out.reserve(m_model.rows().size());
    for (const GanttRow &row : m_model.rows()) {
        out.push_back(kRowHeight + (row.tracks - 1) * kTrackHeight);
    }
    return out;
}

double GanttPainter::preferredHeight(double width) const
{
    double rows = 0;
    for (const double h : rowHeights()) {
        rows += h;
    }
    const double inner = std::max(width - 2 * kMargin, 10.0);
    const auto [headerH, markerStrip] = headerAndMarkerHeights(inner);
    const double header = m_options.header ? headerH + kGap : 0;
    const double legend = legendHeight(inner);
    const double footer = m_options.footer ? footerHeight(inner) : 0;
    return std::ceil(kMargin * 1.6 + header + markerStrip + rows + kAxisHeight
        + (legend > 0 ? kGap + legend : 0) + footer + 4);
}

GanttLayout GanttPainter::layout(const QSizeF &size) const
{
    return layout(size, 0, axisEndNs());
}

qint64 GanttPainter::axisEndNs() const
{
    if (m_options.axisEndNs > 0) {
        return m_options.axisEndNs;
    }
    // A little room after the end so the total line is not on the edge; a prediction beyond the
    // end widens the axis to show it.
    const RunData &run = m_model.run();
    const qint64 last = std::max(m_model.endNs(), run.predictedNs != kUnknownTime && !m_options.live ? run.predictedNs : 0);
    return last + last / 40;
}

GanttLayout GanttPainter::layout(const QSizeF &size, qint64 fromNs, qint64 toNs) const
{
    const Geometry g = geometry(size);
    return GanttLayout(g.plot, fromNs, toNs, rowHeights());
}

void GanttPainter::paint(QPainter &p, const QSizeF &size, const GanttLayout &l) const
{
    const Geometry g = geometry(size);
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), size), m_theme.background);
    if (m_options.header) {
        paintHeader(p, g.header);
    }
    paintRows(p, g, l);
    paintNotes(p, g, l);
    paintMarkers(p, g, l);
    paintAxis(p, g, l);
    if (m_options.legend) {
        paintLegend(p, g.legend);
    }
    if (m_options.footer) {
        p.setFont(chartFont(kSmallSize));
        p.setPen(m_theme.mutedText);
        const QFontMetricsF fm(p.font());
        p.drawText(g.footer, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, footerText());
    }
    p.restore();
}

void GanttPainter::paintHeader(QPainter &p, const QRectF &rect) const
{
    const RunData &run = m_model.run();
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const QString title = titleText();
    // Both wrap (a figure's title is never cut), at most kMaxTextLines lines each.
    p.setFont(chartFont(kTitleSize, true));
    p.setPen(m_theme.text);
    const double titleHeight = wrappedHeight(title, p.font(), rect.width(), 22);
    // One line is centred in its row; several start at the top (never clipped at both ends).
    const auto vertical
        = [](double height, double oneLine) { return height > oneLine ? Qt::AlignTop : Qt::AlignVCenter; };
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), titleHeight),
        Qt::AlignLeft | vertical(titleHeight, 22) | Qt::TextWordWrap, title);
    p.setFont(chartFont(kHeadlineSize));
    p.setPen(run.status == RunStatus::Ok ? m_theme.mutedText : m_theme.error);
    const QString line = headline();
    const double lineHeight = wrappedHeight(line, p.font(), rect.width(), 20);
    p.drawText(QRectF(rect.left(), rect.top() + titleHeight + 2, rect.width(), lineHeight),
        Qt::AlignLeft | vertical(lineHeight, 20) | Qt::TextWordWrap, line);
}

void GanttPainter::paintRows(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    const auto &rows = m_model.rows();
    const QFont labelFont = chartFont(kLabelSize);
    const QFontMetricsF fm(labelFont);
    // Lane backgrounds and names.
    p.setRenderHint(QPainter::Antialiasing, false);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double top = l.rowTop(static_cast<int>(i));
        if (top > g.plot.bottom()) {
            break;
        }
        const QRectF full(
            g.labels.left(), top, g.labels.width() + g.plot.width(), l.rowHeightOf(static_cast<int>(i)));
        if (i % 2 == 1) {
            p.fillRect(full, m_theme.laneStripe);
        }
        if (rows[i].groupStart) {
            p.setPen(QPen(m_theme.separator, 1));
            p.drawLine(QPointF(full.left(), top), QPointF(full.right(), top));
        }
    }
    // Grid.
    p.setPen(QPen(m_theme.grid, 1));
    for (const qint64 t : l.ticks()) {
        const double x = std::round(l.mapTimeToX(t)) + 0.5;
        p.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
    }
    // Names.
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setFont(labelFont);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double top = l.rowTop(static_cast<int>(i));
        if (top > g.plot.bottom()) {
            break;
        }
        const GanttRow &row = rows[i];
        p.setPen(row.type == GanttRow::Type::Density || row.laneKind != LaneKind::Task ? m_theme.mutedText
                                                                                       : m_theme.text);
        const QRectF nameRect(
            g.labels.left(), top, g.labels.width() - 10, l.rowHeightOf(static_cast<int>(i)));
        p.drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(displayName(row.label), Qt::ElideMiddle, nameRect.width()));
    }
    // Bars, clipped to the plot.
    p.save();
    p.setClipRect(g.plot.adjusted(0, 0, 0, 1));
    int ghostBudget = kMaxGhosts; // outlines per frame: a huge run draws its first ones only
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const QRectF rect = l.rowRect(static_cast<int>(i));
        if (rect.top() > g.plot.bottom()) {
            break;
        }
        if (rows[i].type == GanttRow::Type::Density) {
            paintDensityRow(p, rows[i], rect, l);
        } else {
            if (m_options.states) {
                paintStates(p, rows[i], i, rect, l);
            }
            const bool task = rows[i].laneKind == LaneKind::Task;
            if (m_options.ideal && task) {
                paintGhosts(p, rows[i], rect, l, ghostBudget);
            }
            paintLaneRow(p, rows[i], rect, l);
            if (m_options.ideal && task) {
                paintOverhead(p, rows[i], rect, l);
            }
        }
    }
    if (m_options.blame) {
        paintBlame(p, g, l);
        paintWakeups(p, g, l);
    }
    p.restore();
}

QColor GanttPainter::stateColor(Analysis::TaskState state) const
{
    switch (state) {
    case Analysis::TaskState::Running:
        return m_theme.loopRunning;
    case Analysis::TaskState::Suspended:
        return blend(m_theme.background, m_theme.mutedText, 0.3);
    case Analysis::TaskState::Ready:
        return m_theme.blame;
    case Analysis::TaskState::Holding:
        return m_theme.kindColor(SpanKind::Blocking);
    }
    return m_theme.mutedText;
}

void GanttPainter::paintStates(
    QPainter &p, const GanttRow &, std::size_t rowIndex, const QRectF &rowRect, const GanttLayout &l) const
{
    const auto &states = m_model.states(rowIndex);
    if (states.empty()) {
        return;
    }
    // A 3-pixel strip along the bottom of the row, one colour per state; what is narrower
    // than a pixel joins its neighbour.
    const QRectF strip(rowRect.left(), rowRect.bottom() - 4, rowRect.width(), 3);
    const auto first = std::lower_bound(states.begin(), states.end(), l.startNs(),
        [](const Analysis::StateInterval &s, qint64 t) { return s.endNs < t; });
    p.setRenderHint(QPainter::Antialiasing, false);
    for (auto it = first; it != states.end() && it->beginNs < l.endNs(); ++it) {
        const double x0 = std::max(strip.left(), l.mapTimeToX(it->beginNs));
        const double x1 = std::min(strip.right(), l.mapTimeToX(it->endNs));
        if (x1 - x0 < 0.5) {
            continue;
        }
        p.fillRect(QRectF(x0, strip.top(), x1 - x0, strip.height()), stateColor(it->state));
    }
}

void GanttPainter::paintBlame(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    const RunData &run = m_model.run();
    const auto &places = m_model.blamePlaces();
    if (run.blame.empty() || places.size() != run.blame.size()) {
        return;
    }
    const QFont font = chartFont(kSmallSize, true);
    const QFontMetricsF fm(font);
    p.setFont(font);
    const bool focusing
        = m_options.focusSpan >= 0 && std::any_of(run.blame.begin(), run.blame.end(), [this](const Blame &b) {
              return b.culprit == m_options.focusSpan || b.victim == m_options.focusSpan;
          });
    const auto trackCenter = [&l, this](const SpanPlace &place) {
        const GanttRow &row = m_model.rows()[static_cast<std::size_t>(place.row)];
        const double h = l.rowHeightOf(place.row) / std::max(1, row.tracks);
        return l.rowTop(place.row) + (place.track + 0.5) * h;
    };
    // Labels already drawn: a later one that would overlap is left out (the tooltip and the
    // table have every figure).
    // With a span under the pointer, the others' arrows first (faded), then its own on top;
    // within a pass the largest delays come first and keep their label's place.
    std::vector<QRectF> labels;
    constexpr std::size_t kMaxArrows = 400;
    std::size_t drawn = 0;
    for (int pass = 0; pass < (focusing ? 2 : 1); ++pass) {
        labels.clear();
        drawn = 0; // each pass its own budget: the hovered span's arrows are always drawn
        for (std::size_t i = 0; i < run.blame.size() && drawn < kMaxArrows; ++i) {
            const Blame &b = run.blame[i];
            const auto &[cPlace, vPlace] = places[i];
            if (cPlace.row < 0 || vPlace.row < 0) {
                continue;
            }
            // Delays of under 1 % of the run are listed (CLI, table, tooltip), not drawn, unless
            // their culprit or victim is under the pointer.
            const bool focus
                = focusing && (b.culprit == m_options.focusSpan || b.victim == m_options.focusSpan);
            if (pass == 0 && !focus && b.delayNs < run.wallNs / 100) {
                break; // largest first: the rest are smaller still
            }
            if (focus != (pass == 1)) {
                continue;
            }
            const Span &culprit = run.spans[static_cast<std::size_t>(b.culprit)];
            const Span &victim = run.spans[static_cast<std::size_t>(b.victim)];
            // Where the culprit held the loop while the victim was ready.
            const qint64 from = std::max({victim.readyNs, victim.beginNs, culprit.beginNs});
            const qint64 to = std::min(victim.endNs, culprit.endNs);
            const double x0 = l.mapTimeToX(from);
            const double x1 = l.mapTimeToX(to);
            if (x1 - x0 < 3 || x1 < g.plot.left() || x0 > g.plot.right()) {
                continue;
            }
            QColor color = m_theme.blame;
            if (focusing && !focus) {
                color.setAlphaF(0.25f);
            }
            // Near where the delay began (the victim was ready, the culprit held the loop), the
            // label after it, over the rest of the delay.
            const double left = std::max(x0, g.plot.left());
            const double x
                = std::round(left + std::min(14.0, (std::min(x1, g.plot.right()) - left) / 2)) + 0.5;
            const double yc = trackCenter(cPlace);
            const double yv = trackCenter(vPlace);
            const double half = kBarHeight / 2;
            const double dir = yv < yc ? -1 : 1;
            const QPointF start(
                x, yc + dir * (cPlace.row == vPlace.row && cPlace.track == vPlace.track ? 0 : half));
            const QPointF end(x, yv - dir * (half + 1));
            p.setRenderHint(QPainter::Antialiasing, true);
            if (std::abs(end.y() - start.y()) >= 6) {
                drawArrow(p, start, end, color, focus ? 2.5 : 1.5);
            }
            // "+0.300 s · held by task 2" beside the arrow's head, on the victim's row (the
            // figure alone where the longer text does not fit).
            const QString delay = u"+"_s + GanttLayout::formatDuration(b.delayNs);
            QString by;
            if (culprit.kind == SpanKind::Stall) {
                by = tr("loop stalled");
            } else if (culprit.lane < static_cast<LaneId>(run.lanes.size())) {
                by = (culprit.nestedLoop ? tr("in the nested loop of %1") : tr("loop held by %1"))
                         .arg(run.lanes.at(culprit.lane).name);
            }
            const QString longText = by.isEmpty() ? delay : delay + u" · "_s + by;
            const bool roomy = fm.horizontalAdvance(longText) + 8 <= std::min(x1, g.plot.right()) - x - 6;
            const QString text = roomy ? longText : delay;
            const double w = fm.horizontalAdvance(text) + 8;
            QRectF box(x + 4, yv - 8, w, 16);
            if (box.right() > g.plot.right()) {
                box.moveRight(x - 4);
            }
            if (std::any_of(
                    labels.begin(), labels.end(), [&box](const QRectF &r) { return r.intersects(box); })) {
                ++drawn;
                continue;
            }
            labels.push_back(box);
            QColor fill = m_theme.background;
            if (focusing && !focus) {
                fill.setAlphaF(0.6f);
            }
            p.setPen(QPen(color, focus ? 1.5 : 1));
            p.setBrush(fill);
            p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
            p.setBrush(Qt::NoBrush);
            p.setRenderHint(QPainter::TextAntialiasing, true);
            p.setPen(color);
            p.drawText(box, Qt::AlignCenter, text);
            ++drawn;
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void GanttPainter::paintWakeups(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    // For the span under the pointer: what made it ready, and what it made ready — an arrow
    // from the end of the one to the resumption of the other.
    const qint32 focus = m_options.focusSpan;
    const RunData &run = m_model.run();
    const auto &wakers = m_model.wakers();
    if (focus < 0 || static_cast<std::size_t>(focus) >= run.spans.size()
        || wakers.size() != run.spans.size()) {
        return;
    }
    std::vector<std::pair<qint32, qint32>> pairs; // (waker, woken)
    if (wakers[static_cast<std::size_t>(focus)] >= 0) {
        pairs.emplace_back(wakers[static_cast<std::size_t>(focus)], focus);
    }
    for (std::size_t i = 0; i < wakers.size() && pairs.size() < 64; ++i) {
        if (wakers[i] == focus) {
            pairs.emplace_back(focus, static_cast<qint32>(i));
        }
    }
    const auto centre = [&l, this](const SpanPlace &place) {
        const GanttRow &row = m_model.rows()[static_cast<std::size_t>(place.row)];
        return l.rowTop(place.row) + (place.track + 0.5) * l.rowHeightOf(place.row) / std::max(1, row.tracks);
    };
    const QFont font = chartFont(kSmallSize);
    const QFontMetricsF fm(font);
    p.setFont(font);
    for (const auto &[waker, woken] : pairs) {
        const SpanPlace from = m_model.placeOf(waker);
        const SpanPlace to = m_model.placeOf(woken);
        if (from.row < 0 || to.row < 0 || (from.row == to.row && from.track == to.track)) {
            continue;
        }
        const Span &a = run.spans[static_cast<std::size_t>(waker)];
        const Span &b = run.spans[static_cast<std::size_t>(woken)];
        const double x0 = std::clamp(l.mapTimeToX(a.endNs), g.plot.left(), g.plot.right());
        const double x1 = std::clamp(l.mapTimeToX(b.endNs), g.plot.left(), g.plot.right());
        const double y0 = centre(from);
        const double y1 = centre(to);
        const double dir = y1 > y0 ? 1 : -1;
        p.setRenderHint(QPainter::Antialiasing, true);
        drawArrow(p, QPointF(x0, y0 + dir * kBarHeight / 2), QPointF(x1, y1 - dir * (kBarHeight / 2 + 1)),
            m_theme.wakeup, 1.5);
        // How long the loop took to resume it, when that is more than its ordinary latency.
        const qint64 latency = b.readyNs != kUnknownTime ? b.endNs - b.readyNs : 0;
        if (latency >= Analysis::kLateThresholdNs) {
            const QString text = tr("woke it · resumed %1 later").arg(GanttLayout::formatDuration(latency));
            const double w = fm.horizontalAdvance(text);
            const double x = std::min(x1 + 6, g.plot.right() - w);
            p.setRenderHint(QPainter::TextAntialiasing, true);
            p.setPen(m_theme.wakeup);
            p.drawText(QRectF(x, (y0 + y1) / 2 - 8, w + 2, 16), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

qint64 GanttPainter::allAsyncNs() const
{
    // Worth saying only for a finished run where making the blocking steps async would help.
    const RunData &run = m_model.run();
    if (m_options.live || run.status != RunStatus::Ok || run.stats.madeAsync == 0) {
        return 0;
    }
    const auto ns = static_cast<qint64>(std::llround(run.stats.idealAllAsyncS * 1e9));
    return ns > 0 && ns < run.wallNs - run.wallNs / 50 ? ns : 0;
}

bool GanttPainter::ghostDiffers(qint32 index, const GanttLayout &l) const
{
    const RunData &run = m_model.run();
    const auto i = static_cast<std::size_t>(index);
    if (i >= run.ideal.beginNs.size() || run.ideal.beginNs[i] == kUnknownTime
        || run.ideal.endNs[i] == kUnknownTime) {
        return false;
    }
    const Span &s = run.spans[i];
    const double px = 1 / std::max(l.nsPerPixel(), 1e-9);
    // A few pixels off is the loop's ordinary latency: an outline there would only blur the bar.
    // (Differences as doubles: a run file's times may be far enough apart to overflow.)
    return std::abs(static_cast<double>(run.ideal.beginNs[i]) - static_cast<double>(s.beginNs)) * px
        >= kGhostMinPx
        || std::abs(static_cast<double>(run.ideal.endNs[i]) - static_cast<double>(s.endNs)) * px
        >= kGhostMinPx;
}

void GanttPainter::paintGhosts(
    QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l, int &budget) const
{
    // Each step where it would have been with zero overhead: a dashed outline behind the bar,
    // drawn only where it is visibly elsewhere (where it coincides, the bar says it all).
    const RunData &run = m_model.run();
    if (m_options.live || run.ideal.beginNs.size() != run.spans.size() || budget <= 0) {
        return; // (the ideal of a run still going would move under the user's eyes)
    }
    const double plotLeft = l.plot().left();
    const double plotRight = l.plot().right();
    const double trackHeight = rowRect.height() / std::max(1, row.tracks);
    QColor line = m_theme.ideal;
    line.setAlphaF(0.9f);
    QColor fill = m_theme.ideal;
    fill.setAlphaF(0.07f);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(line, 1, Qt::DashLine));
    p.setBrush(fill);
    for (std::size_t k = 0; k < row.spans.size() && budget > 0; ++k) {
        const quint32 index = row.spans[k];
        const qint64 b = run.ideal.beginNs[index];
        const qint64 e = run.ideal.endNs[index];
        if (b == kUnknownTime || e == kUnknownTime || e < l.startNs() || b > l.endNs()
            || !ghostDiffers(static_cast<qint32>(index), l)) {
            continue;
        }
        const double x0 = std::max(std::round(l.mapTimeToX(b)), plotLeft);
        const double x1 = std::min(std::round(l.mapTimeToX(e)), plotRight);
        if (x1 - x0 < 2) {
            continue;
        }
        const int track = row.tracks > 1 ? row.track[k] : 0;
        const double cy = rowRect.top() + (track + 0.5) * trackHeight;
        const double h = run.spans[index].kind == SpanKind::Wait ? kWaitHeight : kBarHeight;
        p.drawRect(QRectF(x0 + 0.5, std::round(cy - h / 2 - 2) + 0.5, x1 - x0 - 1, h + 3));
        --budget;
    }
    p.setBrush(Qt::NoBrush);
}

void GanttPainter::paintOverhead(
    QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const
{
    // A task's overhead: how much later it ended than in the ideal schedule, after its last bar.
    const RunData &run = m_model.run();
    if (m_options.live || row.lane >= run.ideal.laneEndNs.size() || row.spans.empty()) {
        return;
    }
    const qint64 idealEnd = run.ideal.laneEndNs[row.lane];
    if (idealEnd == kUnknownTime) {
        return;
    }
    qint64 end = 0;
    for (const quint32 index : row.spans) {
        const Span &s = run.spans[index];
        if (s.isOpen() || s.status != SpanStatus::Ok) {
            return; // its message is shown there
        }
        end = std::max(end, s.endNs);
    }
    if (static_cast<double>(end) - static_cast<double>(idealEnd) > 1e17) {
        return; // not a figure anybody measured
    }
    const qint64 over = end - idealEnd;
    if (over < 1'000'000 || over < run.ideal.totalNs / 50) {
        return;
    }
    const QFont font = chartFont(kSmallSize);
    const QFontMetricsF fm(font);
    const QString text = tr("+%1 over ideal").arg(GanttLayout::formatDuration(over));
    const double x = l.mapTimeToX(end) + 6;
    const double w = fm.horizontalAdvance(text);
    if (x + w > l.plot().right() || x < l.plot().left()) {
        return;
    }
    p.setFont(font);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setPen(m_theme.ideal);
    p.drawText(QRectF(x, rowRect.top(), w + 2, rowRect.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
}

void GanttPainter::paintLaneRow(
    QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const
{
    const RunData &run = m_model.run();
    const double plotLeft = l.plot().left();
    const double plotRight = l.plot().right();
    const qint64 viewEnd = l.endNs();
    const QFont barFont = chartFont(kSmallSize);
    const QFontMetricsF fm(barFont);
    p.setFont(barFont);

    if (row.laneKind == LaneKind::Loop) {
        // The loop ran freely wherever it is not stalled: a thin green line over the run.
        const double x0 = std::max(plotLeft, l.mapTimeToX(0));
        const double x1 = std::min(plotRight, l.mapTimeToX(run.wallNs));
        if (x1 > x0) {
            p.fillRect(QRectF(x0, rowRect.center().y() - 1, x1 - x0, 2), m_theme.loopRunning);
        }
    }

    // An error's message after its bar is drawn once the next bar on the row is known, and
    // ends before it: consecutive failures (a pool retrying a connect) must not print their
    // messages over each other.
    struct AfterLabel
    {
        QRectF rect;
        QString message;
        bool pending = false;
    } afterLabel;
    double inkRight = plotLeft; // where what is drawn on this row so far ends
    auto flushAfterLabel = [&](double limit) {
        if (!afterLabel.pending) {
            return;
        }
        afterLabel.pending = false;
        QRectF r = afterLabel.rect;
        r.setRight(std::min(r.right(), limit - 4));
        if (r.width() > 20) {
            inkRight = std::max(
                inkRight, r.left() + std::min(r.width(), fm.horizontalAdvance(afterLabel.message)));
            p.setRenderHint(QPainter::TextAntialiasing, true);
            p.setPen(m_theme.error);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(afterLabel.message, Qt::ElideRight, r.width()));
        }
    };

    struct BarColors
    {
        QColor fill;
        QColor border;
        QColor text;
        bool known = false;
    };
    std::array<BarColors, static_cast<std::size_t>(kSpanKindCount) * 3 * 2> barColors {};
    // Colours per style, worked out once per row (a dense row draws thousands of bars).
    auto colorsOf = [&](const Style &style) -> const BarColors & {
        const SpanKind kind = style.kind;
        const SpanStatus status = style.status;
        const QColor color = m_theme.kindColor(kind);
        const bool wait = kind == SpanKind::Wait && status != SpanStatus::Error;
        BarColors &colors = barColors[(static_cast<std::size_t>(style.kind) * 3 + static_cast<std::size_t>(style.status)) * 2
            + (style.holdsThread ? 1 : 0)];
        if (!colors.known) {
            colors.known = true;
            colors.text = m_theme.text;
            if (status == SpanStatus::Error) {
                colors.fill = m_theme.error;
                colors.border = m_theme.error.darker(120);
                colors.text = m_theme.textOn(colors.fill);
            } else if (status == SpanStatus::Cancelled) {
                colors.fill = blend(m_theme.background, m_theme.cancelled, 0.25);
                colors.border = m_theme.cancelled;
            } else if (wait) {
                colors.fill = blend(m_theme.background, color, 0.35);
                colors.border = color;
            } else if (!style.holdsThread) {
                colors.fill = blend(m_theme.background, color, 0.28);
                colors.border = color;
            } else {
                colors.fill = color;
                colors.border = color.darker(115);
                colors.text = m_theme.textOn(colors.fill);
            }
        }
        return colors;
    };
    // The sub-row being drawn (the whole row when it has one).
    QRectF trackRect = rowRect;
    auto drawBar = [&](const Pending &bar) {
        flushAfterLabel(bar.x0);
        const Span &first = run.spans[bar.first];
        const SpanKind kind = bar.style.kind;
        const SpanStatus status = bar.style.status;
        const QColor color = m_theme.kindColor(kind);
        // Waits are slim, unless they failed: then the message needs the room.
        const bool wait = kind == SpanKind::Wait && status != SpanStatus::Error;
        const double h = wait ? kWaitHeight : kBarHeight;
        // A pixel of air after bars wide enough to spare it, so neighbours stay distinct.
        const double w = bar.x1 - bar.x0 >= 5 ? bar.x1 - bar.x0 - 1 : std::max(bar.x1 - bar.x0, 1.0);
        const QRectF r(bar.x0, trackRect.center().y() - h / 2, w, h);
        const BarColors &colors = colorsOf(bar.style);
        const QColor &fill = colors.fill;
        const QColor &border = colors.border;
        const QColor &textColor = colors.text;
        p.fillRect(r, fill);
        if (status == SpanStatus::Cancelled) {
            hatch(p, r, m_theme.cancelled);
        }
        if (r.width() >= 3) {
            p.setPen(QPen(border, 1));
            p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        }
        // A bar of several spans is labelled by the one that fills most of it.
        if (bar.count != 1 && bar.widest < 0.8 * (bar.x1 - bar.x0)) {
            inkRight = std::max(inkRight, r.right());
            return;
        }
        // One span: show when it became ready if the loop resumed it noticeably later.
        // (A wait is hatched only where it was late: one for a task is ready when it ends.)
        if (!bar.style.holdsThread && first.readyNs != kUnknownTime && !first.isOpen()
            && status == SpanStatus::Ok && (!wait || Analysis::lateFromNs(run, first) != kUnknownTime)) {
            const double xr = std::max(l.mapTimeToX(first.readyNs), r.left());
            if (r.right() - xr >= 2) {
                hatch(p, QRectF(xr, r.top(), r.right() - xr, r.height()), color.darker(150));
            }
        }
        // Its name inside if it fits; an error's message after it.
        if (!wait && r.width() >= 30) {
            QString text = displayName(run.str(first.name));
            if (kind == SpanKind::Stall) {
                // Still going (live, a replay's frame): so far.
                text += u" · "_s
                    + GanttLayout::formatDuration(
                        first.isOpen() ? std::max<qint64>(run.wallNs - first.beginNs, 0) : first.durationNs());
            }
            if (status == SpanStatus::Error && !run.str(first.detail).isEmpty()) {
                text += u": "_s + run.str(first.detail);
            }
            p.setRenderHint(QPainter::TextAntialiasing, true);
            p.setPen(textColor);
            const QRectF inner = r.adjusted(4, 0, -3, 0);
            p.drawText(
                inner, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, inner.width()));
        } else if (status == SpanStatus::Error) {
            // The message beside the bar: after it, or before it when the plot ends too soon.
            p.setPen(m_theme.error);
            const QString message = run.str(first.detail);
            const double roomAfter = plotRight - r.right() - 4;
            const double roomBefore = r.left() - plotLeft - 4;
            if (roomAfter >= std::min(160.0, fm.horizontalAdvance(message)) || roomAfter >= roomBefore) {
                const QRectF after(
                    r.right() + 4, trackRect.top(), std::min(320.0, roomAfter), trackRect.height());
                afterLabel = AfterLabel {after, message, true};
            } else {
                // Before it, but not over what the row shows already.
                const double left = std::max(r.left() - 4 - std::min(320.0, roomBefore), inkRight + 4);
                const double w = r.left() - 4 - left;
                if (w > 20) {
                    const QRectF before(left, trackRect.top(), w, trackRect.height());
                    p.drawText(
                        before, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(message, Qt::ElideRight, w));
                }
            }
        }
        inkRight = std::max(inkRight, r.right());
    };

    const auto paintColumns = [&](std::size_t from, std::size_t to, int track) {
        struct Cover
        {
            Style style;
            quint32 span; ///< one of its spans (drawBar wants one; no label is drawn)
            std::vector<float> px; ///< how much of each pixel column it covers
        };
        const int cols = std::max(1, static_cast<int>(std::ceil(plotRight - plotLeft)));
        std::vector<Cover> covers;
        for (std::size_t k = from; k < to; ++k) {
            if (row.tracks > 1 && row.track[k] != track) {
                continue;
            }
            const qint64 end = row.ends[k];
            if (end < l.startNs()) {
                continue;
            }
            const double x0 = std::max(l.mapTimeToX(row.begins[k]), plotLeft) - plotLeft;
            const double x1 = std::min(l.mapTimeToX(end), plotRight) - plotLeft;
            if (x1 < 0 || x0 > plotRight - plotLeft) {
                continue;
            }
            const quint8 look = row.looks[k];
            const quint32 index = row.spans[k];
            const Style style {static_cast<SpanKind>(look & 0xf), static_cast<SpanStatus>((look >> 4) & 0x3),
                (look & 0x40) != 0};
            auto cover = std::find_if(covers.begin(), covers.end(), [&](const Cover &c) { return c.style == style; });
            if (cover == covers.end()) {
                covers.push_back({style, index, std::vector<float>(static_cast<std::size_t>(cols), 0.f)});
                cover = std::prev(covers.end());
            }
            const int c0 = std::clamp(static_cast<int>(x0), 0, cols - 1);
            const int c1 = std::clamp(static_cast<int>(x1), 0, cols - 1);
            auto &px = cover->px;
            if (c0 == c1) {
                px[c0] += static_cast<float>(std::max(x1 - x0, 1e-3)); // even an instant shows
            } else {
                px[c0] += static_cast<float>(c0 + 1 - x0);
                for (int c = c0 + 1; c < c1; ++c) {
                    px[c] += 1.f;
                }
                px[c1] += static_cast<float>(std::max(x1 - c1, 1e-3));
            }
        }
        std::vector<int> chosen(static_cast<std::size_t>(cols), -1);
        for (int c = 0; c < cols; ++c) {
            float best = 0;
            for (std::size_t i = 0; i < covers.size(); ++i) {
                const float v = covers[i].px[c];
                if (v <= 0) {
                    continue;
                }
                if (covers[i].style.status == SpanStatus::Error) {
                    chosen[c] = static_cast<int>(i);
                    break;
                }
                if (v > best) {
                    best = v;
                    chosen[c] = static_cast<int>(i);
                }
            }
        }
        // On a raster device (the screen, a PNG) the bars of a dense track are one image at
        // the device's resolution, blitted: thousands of one-pixel rectangles, each through
        // QPainter, cost more than the rest of the frame. (SVG and PDF get rectangles.)
        const QTransform dt = p.deviceTransform();
        QPaintEngine *engine = p.paintEngine();
        if (engine && engine->type() == QPaintEngine::Raster && dt.type() <= QTransform::TxScale && dt.m11() > 0
            && dt.m22() > 0) {
            const double sx = dt.m11();
            const double sy = dt.m22();
            const double yTop = trackRect.center().y() - kBarHeight / 2;
            // The bar band in device pixels, rounded so the blit is 1:1.
            const QRectF device = dt.mapRect(QRectF(plotLeft, yTop, cols, kBarHeight));
            const int left = static_cast<int>(std::round(device.left()));
            const int top = static_cast<int>(std::round(device.top()));
            const int width = static_cast<int>(std::round(device.right())) - left;
            const int height = static_cast<int>(std::round(device.bottom())) - top;
            if (width > 0 && height > 0) {
                QImage band(width, height, QImage::Format_ARGB32_Premultiplied);
                std::vector<QRgb> fullLine(static_cast<std::size_t>(width), 0);
                std::vector<QRgb> slimLine(static_cast<std::size_t>(width), 0);
                for (int x = 0; x < width; ++x) {
                    const int c = std::clamp(static_cast<int>((x + 0.5) / sx), 0, cols - 1);
                    if (chosen[c] < 0) {
                        continue;
                    }
                    const Style &st = covers[static_cast<std::size_t>(chosen[c])].style;
                    const QRgb rgb = qPremultiply(colorsOf(st).fill.rgba());
                    slimLine[x] = rgb;
                    if (!(st.kind == SpanKind::Wait && st.status != SpanStatus::Error)) {
                        fullLine[x] = rgb;
                    }
                }
                const double slimTop = (kBarHeight - kWaitHeight) / 2 * sy;
                const double slimBottom = (kBarHeight + kWaitHeight) / 2 * sy;
                for (int y = 0; y < height; ++y) {
                    const bool slimRow = y + 0.5 >= slimTop && y + 0.5 < slimBottom;
                    std::memcpy(band.scanLine(y), (slimRow ? slimLine : fullLine).data(),
                        static_cast<std::size_t>(width) * sizeof(QRgb));
                }
                // Drawn in device pixels: undo what the device adds to the world transform
                // (its pixel ratio).
                const QTransform hidden = p.worldTransform().inverted() * dt;
                p.save();
                p.setWorldTransform(hidden.inverted());
                p.drawImage(QPointF(left, top), band);
                p.restore();
            }
            inkRight = plotRight;
            return;
        }
        // Runs of one style, filled in one call per style (no borders: at this density a
        // bar is a pixel or two, and outlining each costs more than the rest of the frame).
        std::vector<std::vector<QRectF>> runs(covers.size());
        const double y = trackRect.center().y();
        for (int c = 0; c < cols;) {
            const int style = chosen[c];
            int end = c + 1;
            while (end < cols && chosen[end] == style) {
                ++end;
            }
            if (style >= 0) {
                const Style &st = covers[static_cast<std::size_t>(style)].style;
                const double h = st.kind == SpanKind::Wait && st.status != SpanStatus::Error ? kWaitHeight : kBarHeight;
                runs[static_cast<std::size_t>(style)].emplace_back(plotLeft + c, y - h / 2, end - c, h);
            }
            c = end;
        }
        p.setPen(Qt::NoPen);
        for (std::size_t i = 0; i < covers.size(); ++i) {
            if (!runs[i].empty()) {
                p.setBrush(colorsOf(covers[i].style).fill);
                p.drawRects(runs[i].data(), static_cast<int>(runs[i].size()));
            }
        }
        p.setBrush(Qt::NoBrush);
        inkRight = plotRight;
    };

    const auto [from, to] = m_model.visibleRange(row, l.startNs(), viewEnd);
    const double trackHeight = row.tracks > 1 ? rowRect.height() / row.tracks : rowRect.height();
    for (int track = 0; track < row.tracks; ++track) {
        trackRect = QRectF(rowRect.left(), rowRect.top() + track * trackHeight, rowRect.width(), trackHeight);
        if (row.tracks > 1) {
            // Sub-rows of one lane: a hairline between them.
            if (track > 0) {
                p.setPen(QPen(m_theme.grid, 1, Qt::DotLine));
                p.drawLine(QPointF(plotLeft, std::round(trackRect.top()) + 0.5),
                    QPointF(plotRight, std::round(trackRect.top()) + 0.5));
            }
            inkRight = plotLeft;
        }
        // More spans than pixels (a million-span run seen whole): each pixel column is drawn
        // once, in the style that covers most of it (a failure's red whenever it has one), so
        // a frame costs the plot's width, not the spans' count.
        // (Counted among the spans that begin in view on this sub-row: the range from
        // visibleRange also holds those that ended before it.)
        std::size_t inView = 0;
        {
            const auto firstInView = static_cast<std::size_t>(
                std::lower_bound(row.begins.begin() + static_cast<std::ptrdiff_t>(from),
                    row.begins.begin() + static_cast<std::ptrdiff_t>(to), l.startNs())
                - row.begins.begin());
            if (row.tracks > 1) {
                for (std::size_t k = firstInView; k < to; ++k) {
                    inView += row.track[k] == track;
                }
            } else {
                inView = to - firstInView;
            }
        }
        if (static_cast<double>(inView) > kColumnModeDensity * (plotRight - plotLeft)) {
            paintColumns(from, to, track);
            flushAfterLabel(plotRight + 4);
            continue;
        }
        Pending pending;
        for (std::size_t k = from; k < to; ++k) {
            if (row.tracks > 1 && row.track[k] != track) {
                continue;
            }
            // The row's own arrays (no cache miss per span); run.spans only for what is drawn.
            const quint32 index = row.spans[k];
            const qint64 end = row.ends[k];
            if (end < l.startNs()) {
                continue;
            }
            // Clamped to the plot by arithmetic (QSvgGenerator 6.4 ignores clip rects).
            double x0 = std::max(l.mapTimeToX(row.begins[k]), plotLeft);
            double x1 = std::min(l.mapTimeToX(end), plotRight);
            if (x1 < plotLeft || x0 > plotRight) {
                continue;
            }
            x0 = std::round(x0);
            x1 = std::max(std::round(x1), x0 + 1);
            const quint8 look = row.looks[k];
            const Style style {static_cast<SpanKind>(look & 0xf), static_cast<SpanStatus>((look >> 4) & 0x3),
                (look & 0x40) != 0};
            // Merge what lands on the same pixels; wide neighbours stay separate bars.
            const bool tiny = x1 - x0 < 4 || pending.x1 - pending.x0 < 4;
            if (pending.count > 0 && style == pending.style && x0 <= pending.x1 + 1
                && (tiny || x0 < pending.x1 - 1)) {
                pending.x1 = std::max(pending.x1, x1);
                ++pending.count;
                if (x1 - x0 > pending.widest) {
                    pending.widest = x1 - x0;
                    pending.first = index;
                }
                continue;
            }
            if (pending.count > 0) {
                drawBar(pending);
            }
            pending = Pending {style, x0, x1, 1, index, x1 - x0};
        }
        if (pending.count > 0) {
            drawBar(pending);
        }
        flushAfterLabel(plotRight + 4);
    }

    // Marks: small ticks at the top of the row; a failure's is red with its message.
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const quint32 index : row.marks) {
        const Mark &m = run.marks[index];
        const double x = l.mapTimeToX(m.atNs);
        if (x < plotLeft - 4 || x > plotRight + 4) {
            continue;
        }
        const bool failure = run.str(m.name) == u"run failed";
        const QColor c = failure ? m_theme.error : m_theme.mutedText;
        QPainterPath tri;
        const double top = rowRect.top() + 1;
        tri.moveTo(x - 3.5, top);
        tri.lineTo(x + 3.5, top);
        tri.lineTo(x, top + 5);
        tri.closeSubpath();
        p.fillPath(tri, c);
        if (failure) {
            p.setPen(m_theme.error);
            const QString message = run.str(m.detail);
            const double roomAfter = plotRight - x - 6;
            // On a plate of the background: the event loop's line must not strike it through.
            auto plate = [&](const QRectF &text, Qt::Alignment align, const QString &shown) {
                const double tw = std::min(fm.horizontalAdvance(shown) + 6, text.width() + 6);
                const double left = (align & Qt::AlignRight) ? text.right() - tw + 3 : text.left() - 3;
                QColor bg = m_theme.background;
                bg.setAlphaF(0.88);
                p.fillRect(QRectF(left, text.center().y() - fm.height() / 2 - 1, tw, fm.height() + 2), bg);
                p.drawText(text, align | Qt::AlignVCenter, shown);
            };
            if (roomAfter >= std::min(160.0, fm.horizontalAdvance(message))) {
                const QRectF text(x + 6, rowRect.top(), roomAfter, rowRect.height());
                plate(text, Qt::AlignLeft, fm.elidedText(message, Qt::ElideRight, text.width()));
            } else {
                const double w = std::min(400.0, x - plotLeft - 6);
                const QRectF text(x - 6 - w, rowRect.top(), w, rowRect.height());
                plate(text, Qt::AlignRight, fm.elidedText(message, Qt::ElideRight, w));
            }
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void GanttPainter::paintDensityRow(
    QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const
{
    if (row.densityMax <= 0) {
        return;
    }
    const double x0 = std::max(l.plot().left(), l.mapTimeToX(0));
    const double x1 = std::min(l.plot().right(), l.mapTimeToX(m_model.endNs()));
    const double base = rowRect.bottom() - 3;
    const double height = rowRect.height() - 6;
    // One column per pixel: the most in flight within it.
    QPainterPath area;
    area.moveTo(x0, base);
    for (double x = std::floor(x0); x < x1; x += 1) {
        const int n = GanttModel::densityAt(row, l.mapXToTime(x), l.mapXToTime(x + 1));
        const double y = base - height * n / row.densityMax;
        area.lineTo(x, y);
        area.lineTo(x + 1, y);
    }
    area.lineTo(x1, base);
    area.closeSubpath();
    p.fillPath(area, blend(m_theme.background, m_theme.density, 0.55));
    p.setPen(m_theme.mutedText);
    p.setFont(chartFont(kSmallSize));
    p.drawText(rowRect.adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter,
        tr("up to %1 in flight").arg(row.densityMax));
}

double GanttPainter::markerStripHeight(double plotWidth) const
{
    // The notes' labels first; then total on a line, ideal on the next: they are usually close
    // (that is the point); then the counterfactual and the prediction.
    const RunData &run = m_model.run();
    const int lines = noteRows(plotWidth) + 1 + (run.idealNs > 0 ? 1 : 0) + (m_options.ideal && allAsyncNs() > 0 ? 1 : 0)
        + (run.predictedNs != kUnknownTime && !m_options.live ? 1 : 0);
    return lines * kMarkerLine + 3;
}

int GanttPainter::noteRows(double plotWidth) const
{
    // Packed as paintNotes packs them, over the whole run at the plot's width.
    const RunData &run = m_model.run();
    if (run.notes.empty()) {
        return 0;
    }
    const QFontMetricsF fm(chartFont(kSmallSize));
    const double width = std::max(plotWidth, 100.0);
    const double endNs = static_cast<double>(std::max<qint64>(axisEndNs(), 1));
    std::vector<double> rowRight;
    for (const Note &note : run.notes) {
        const double x = width * static_cast<double>(note.beginNs) / endNs;
        const double right = std::max(x + 6 + std::min(fm.horizontalAdvance(note.text), std::min(380.0, width * 0.6)),
            width * static_cast<double>(note.endNs) / endNs);
        auto free = std::find_if(rowRight.begin(), rowRight.end(), [&](double r) { return r + 8 < x; });
        if (free != rowRight.end()) {
            *free = right;
        } else if (rowRight.size() < kMaxNoteRows) {
            rowRight.push_back(right);
        }
    }
    return static_cast<int>(std::max<std::size_t>(rowRight.size(), 1));
}

void GanttPainter::paintNotes(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    const RunData &run = m_model.run();
    if (run.notes.empty()) {
        return;
    }
    p.save();
    p.setClipRect(g.plot.united(g.markers).adjusted(-1, 0, 1, 0));
    p.setFont(chartFont(kSmallSize));
    const QFontMetricsF fm(p.font());
    std::vector<double> rowRight(static_cast<std::size_t>(noteRows(g.markers.width())), -1e9);
    for (const Note &note : run.notes) {
        const double x0 = std::round(l.mapTimeToX(note.beginNs)) + 0.5;
        const double x1 = std::round(l.mapTimeToX(note.endNs)) + 0.5;
        if (x1 < g.plot.left() - 1 || x0 > g.plot.right() + 1) {
            continue;
        }
        const QString text = fm.elidedText(note.text, Qt::ElideRight, std::min(380.0, g.markers.width() * 0.6));
        const double w = fm.horizontalAdvance(text);
        // The label starts at the note (inside its range), or ends at it where there is no room.
        double left = note.isRange() ? std::max(x0, g.plot.left()) + 4 : x0 + 6;
        if (left + w > g.markers.right()) {
            left = std::max(g.markers.left(), (note.isRange() ? std::min(x1, g.plot.right()) - 4 : x0 - 6) - w);
        }
        // The first row free at the label's left (else the one that frees first).
        std::size_t row = 0;
        for (std::size_t r = 0; r < rowRight.size(); ++r) {
            if (rowRight[r] + 8 < std::min(left, x0)) {
                row = r;
                break;
            }
            if (rowRight[r] < rowRight[row]) {
                row = r;
            }
        }
        rowRight[row] = std::max(left + w, x1);
        const double top = g.markers.top() + static_cast<double>(row) * kMarkerLine;
        QColor band = m_theme.note;
        p.setRenderHint(QPainter::Antialiasing, false);
        if (note.isRange()) {
            band.setAlphaF(0.10);
            p.fillRect(QRectF(QPointF(x0, g.plot.top()), QPointF(x1, g.plot.bottom())), band);
            p.setPen(QPen(m_theme.note, 1.5));
            const double y = top + kMarkerLine - 2;
            p.drawLine(QPointF(x0, y), QPointF(x1, y));
            p.setPen(QPen(m_theme.note, 1, Qt::DotLine));
            p.drawLine(QPointF(x0, y - 4), QPointF(x0, g.plot.bottom()));
            p.drawLine(QPointF(x1, y - 4), QPointF(x1, g.plot.bottom()));
        } else {
            p.setPen(QPen(m_theme.note, 1.5, Qt::DashLine));
            p.drawLine(QPointF(x0, top + 4), QPointF(x0, g.plot.bottom()));
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(m_theme.note);
            p.drawEllipse(QPointF(x0, top + 5), 3, 3);
            p.setBrush(Qt::NoBrush);
        }
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.setPen(m_theme.note);
        p.drawText(QRectF(left, top - 1, w + 1, kMarkerLine), Qt::AlignVCenter | Qt::AlignLeft, text);
    }
    p.restore();
}

void GanttPainter::paintMarkers(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    const RunData &run = m_model.run();
    p.setFont(chartFont(kSmallSize));
    const QFontMetricsF fm(p.font());
    auto line = [&](qint64 t, const QColor &color, Qt::PenStyle style, const QString &label, int textLine) {
        const double x = std::round(l.mapTimeToX(t)) + 0.5;
        if (x < g.plot.left() - 1 || x > g.plot.right() + 1) {
            return;
        }
        const double top = g.markers.top() + (textLine + noteRows(g.markers.width())) * kMarkerLine;
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(QPen(color, 1.5, style));
        p.drawLine(QPointF(x, top + 3), QPointF(x, g.plot.bottom()));
        // The label beside the line, on the side with room.
        const double w = fm.horizontalAdvance(label);
        const bool left = x + 5 + w > g.markers.right();
        const QRectF text(left ? x - 5 - w : x + 5, top, w, kMarkerLine);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.setPen(color);
        p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft, label);
    };
    line(run.wallNs, m_options.live ? m_theme.ideal : m_theme.total, Qt::SolidLine,
        (m_options.live ? tr("now %1") : tr("total %1")).arg(GanttLayout::formatDuration(run.wallNs)), 0);
    if (run.idealNs > 0) {
        line(run.idealNs, m_theme.ideal, Qt::DashLine,
            tr("ideal %1").arg(GanttLayout::formatDuration(run.idealNs)), 1);
    }
    if (const qint64 allAsync = m_options.ideal ? allAsyncNs() : 0; allAsync > 0) {
        line(allAsync, m_theme.counterfactual, Qt::DotLine,
            tr("if every blocking step were async %1").arg(GanttLayout::formatDuration(allAsync)),
            run.idealNs > 0 ? 2 : 1);
    }
    if (run.predictedNs != kUnknownTime && !m_options.live) {
        const int textLine = 1 + (run.idealNs > 0 ? 1 : 0) + (m_options.ideal && allAsyncNs() > 0 ? 1 : 0);
        line(run.predictedNs, m_theme.prediction, Qt::DashDotLine,
            tr("predicted %1").arg(GanttLayout::formatDuration(run.predictedNs)), textLine);
    }
}

void GanttPainter::paintAxis(QPainter &p, const Geometry &g, const GanttLayout &l) const
{
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(m_theme.axis, 1));
    const double y = std::round(g.axis.top()) + 0.5;
    p.drawLine(QPointF(g.plot.left(), y), QPointF(g.plot.right(), y));
    p.setFont(chartFont(kSmallSize));
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const qint64 step = GanttLayout::niceStep(l.rangeNs(), g.plot.width());
    for (const qint64 t : l.ticks()) {
        const double x = std::round(l.mapTimeToX(t)) + 0.5;
        p.setPen(QPen(m_theme.axis, 1));
        p.drawLine(QPointF(x, y), QPointF(x, y + 4));
        p.setPen(m_theme.mutedText);
        const QString label = GanttLayout::formatTick(t, step);
        p.drawText(QRectF(x - 50, y + 4, 100, g.axis.height() - 4), Qt::AlignHCenter | Qt::AlignTop, label);
    }
}

void GanttPainter::paintLegend(QPainter &p, const QRectF &rect) const
{
    p.setFont(chartFont(kSmallSize));
    const QFontMetricsF fm(p.font());
    double x = rect.left();
    double y = rect.top();
    for (const LegendItem &item : legendItems()) {
        const double w = 22 + fm.horizontalAdvance(item.text) + 18;
        if (x > rect.left() && x + w > rect.right()) {
            x = rect.left();
            y += kLegendRow;
        }
        const QRectF sw(x, y + 5, 16, 10);
        p.setRenderHint(QPainter::Antialiasing, false);
        switch (item.swatch) {
        case LegendItem::Swatch::Suspended:
            p.fillRect(sw, blend(m_theme.background, item.color, 0.28));
            p.setPen(QPen(item.color, 1));
            p.drawRect(sw.adjusted(0.5, 0.5, -0.5, -0.5));
            break;
        case LegendItem::Swatch::Solid:
            p.fillRect(sw, item.color);
            break;
        case LegendItem::Swatch::Wait: {
            const QRectF slim(sw.left(), sw.center().y() - 3, sw.width(), 6);
            p.fillRect(slim, blend(m_theme.background, item.color, 0.35));
            p.setPen(QPen(item.color, 1));
            p.drawRect(slim.adjusted(0.5, 0.5, -0.5, -0.5));
            break;
        }
        case LegendItem::Swatch::Error:
            p.fillRect(sw, item.color);
            break;
        case LegendItem::Swatch::Cancelled:
            p.fillRect(sw, blend(m_theme.background, item.color, 0.25));
            hatch(p, sw, item.color);
            break;
        case LegendItem::Swatch::Late:
            p.fillRect(sw, blend(m_theme.background, m_theme.kindColor(SpanKind::Sleep), 0.28));
            hatch(p, sw, m_theme.kindColor(SpanKind::Sleep).darker(150));
            break;
        case LegendItem::Swatch::Line:
            p.setPen(QPen(item.color, 1.5));
            p.drawLine(QPointF(sw.center().x(), sw.top() - 2), QPointF(sw.center().x(), sw.bottom() + 2));
            break;
        case LegendItem::Swatch::DashedLine:
            p.setPen(QPen(item.color, 1.5, Qt::DashLine));
            p.drawLine(QPointF(sw.center().x(), sw.top() - 2), QPointF(sw.center().x(), sw.bottom() + 2));
            break;
        case LegendItem::Swatch::Ghost:
            p.setPen(QPen(item.color, 1, Qt::DashLine));
            p.drawRect(sw.adjusted(0.5, -1.5, -0.5, 1.5));
            break;
        case LegendItem::Swatch::DottedLine:
            p.setPen(QPen(item.color, 1.5, Qt::DotLine));
            p.drawLine(QPointF(sw.center().x(), sw.top() - 2), QPointF(sw.center().x(), sw.bottom() + 2));
            break;
        case LegendItem::Swatch::Arrow:
            p.setRenderHint(QPainter::Antialiasing, true);
            drawArrow(p, QPointF(sw.center().x(), sw.bottom() + 3), QPointF(sw.center().x(), sw.top() - 3),
                item.color, 1.5);
            break;
        case LegendItem::Swatch::Mark: {
            p.setRenderHint(QPainter::Antialiasing, true);
            QPainterPath tri;
            tri.moveTo(sw.center().x() - 4.5, sw.top());
            tri.lineTo(sw.center().x() + 4.5, sw.top());
            tri.lineTo(sw.center().x(), sw.top() + 7);
            tri.closeSubpath();
            p.fillPath(tri, item.color);
            break;
        }
        case LegendItem::Swatch::States: {
            const double w4 = sw.width() / 4;
            const QColor colors[]
                = {stateColor(Analysis::TaskState::Running), stateColor(Analysis::TaskState::Suspended),
                    stateColor(Analysis::TaskState::Ready), stateColor(Analysis::TaskState::Holding)};
            for (int k = 0; k < 4; ++k) {
                p.fillRect(QRectF(sw.left() + k * w4, sw.center().y() - 2, w4, 4), colors[k]);
            }
            break;
        }
        }
        p.setRenderHint(QPainter::TextAntialiasing, true);
        p.setPen(m_theme.mutedText);
        p.drawText(QRectF(x + 22, y, w - 22, kLegendRow), Qt::AlignLeft | Qt::AlignVCenter, item.text);
        x += w;
    }
}

} // namespace Coroscope
