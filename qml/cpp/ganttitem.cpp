// SPDX-License-Identifier: MIT
#include "ganttitem.h"

#include "render/ganttpainter.h"
#include "runhandle.h"
#include "timeline/analysis.h"
#include "timeline/stats.h"

#include <QCursor>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

QString seconds(qint64 ns)
{
    return GanttLayout::formatDuration(ns);
}

/// From this many spans a replay frame (a snapshot of the run laid out) is made on a worker.
/// (A function: lupdate loses the namespace after a variable here, and with it the contexts.)
std::size_t &backgroundFrameSpans()
{
    static std::size_t spans = 50'000;
    return spans;
}

/// Why a step took as long as it did: what woke it, who delayed it (or whom it delayed), and
/// where it would have been with zero overhead.
QStringList whyLines(const GanttModel &model, qint32 index)
{
    const RunData &run = model.run();
    const auto i = static_cast<std::size_t>(index);
    const Span &s = run.spans[i];
    QStringList lines;
    // A task's first step: when the task was created, if it first ran noticeably later.
    if (s.lane < static_cast<LaneId>(run.lanes.size())) {
        const qint64 created = run.lanes.at(s.lane).createdNs;
        const bool first = std::none_of(run.spans.begin(), run.spans.end(),
            [&s](const Span &o) { return o.lane == s.lane && o.beginNs < s.beginNs; });
        if (first && created != kUnknownTime && s.beginNs - created >= 1'000'000) {
            lines << GanttItem::tr("the task was created at %1 and first ran %2 later")
                         .arg(seconds(created), seconds(s.beginNs - created));
        }
    }
    if (i < model.wakers().size() && model.wakers()[i] >= 0) {
        const qint32 w = model.wakers()[i];
        lines << GanttItem::tr("woken by %1 (ended %2)")
                     .arg(Analysis::describeStep(run, w),
                         seconds(run.spans[static_cast<std::size_t>(w)].endNs));
    }
    int shown = 0;
    for (const Blame &b : run.blame) {
        if (shown == 4) {
            break;
        }
        if (b.victim == index) {
            lines << GanttItem::tr("delayed +%1: %2")
                         .arg(seconds(b.delayNs), Analysis::blameSentence(run, b.culprit, b.victim));
            ++shown;
        } else if (b.culprit == index) {
            lines << GanttItem::tr("delayed %1 by +%2")
                         .arg(Analysis::describeStep(run, b.victim), seconds(b.delayNs));
            ++shown;
        }
    }
    if (i < run.ideal.beginNs.size() && run.ideal.beginNs[i] != kUnknownTime
        && run.ideal.endNs[i] != kUnknownTime && !s.isOpen()) {
        const double late = static_cast<double>(s.endNs) - static_cast<double>(run.ideal.endNs[i]);
        lines << GanttItem::tr("ideally %1 → %2%3")
                     .arg(seconds(run.ideal.beginNs[i]), seconds(run.ideal.endNs[i]),
                         late >= 1e6 && late < 1e17
                             ? GanttItem::tr(" (ended %1 later)").arg(seconds(static_cast<qint64>(late)))
                             : QString());
    }
    return lines;
}

} // namespace

GanttItem::GanttItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setOpaquePainting(true);
    setAntialiasing(true);
    connect(&m_frameBuild, &QFutureWatcherBase::finished, this, &GanttItem::onFrameBuilt);
}

GanttItem::~GanttItem() = default;

void GanttItem::setRun(RunHandle *run)
{
    if (run == m_run) {
        return;
    }
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
    }
    m_run = run;
    if (m_run) {
        connect(m_run, &RunHandle::changed, this, &GanttItem::onRunChanged);
        m_generation = m_run->generation();
    }
    m_viewFrom = m_viewTo = 0;
    m_selFrom = m_selTo = 0;
    m_selectionText.clear();
    m_hoverText.clear();
    m_focusSpan = -1;
    m_replayNs = -1;
    updateFrame();
    Q_EMIT replayChanged(); // the exporter's and the scrubber's playhead follow
    Q_EMIT runChanged();
    Q_EMIT viewChanged();
    Q_EMIT selectionChanged();
    Q_EMIT hoverChanged();
    Q_EMIT preferredHeightChanged();
    update();
}

void GanttItem::onRunChanged()
{
    const qint64 replayBefore = m_replayNs;
    m_focusSpan = -1; // a new model: its indices are not the old one's
    if (m_run && m_run->generation() != m_generation) {
        // Another run: the old one's zoom and selection mean nothing here.
        m_generation = m_run->generation();
        m_viewFrom = m_viewTo = 0;
        m_selFrom = m_selTo = 0;
        m_replayNs = -1; // a replay is of one run
    }
    if (m_run && m_run->isLive()) {
        m_replayNs = -1;
    }
    updateFrame(); // the same instant of the run's newer version (a note added)
    if (m_replayNs != replayBefore) {
        Q_EMIT replayChanged(); // another run: the scrubber and the exports leave the old instant
    }
    updateSelectionText(); // the same range, the run's newer figures
    Q_EMIT viewChanged(); // the run's end moved (the overview strip)
    Q_EMIT preferredHeightChanged();
    update();
}

void GanttItem::setThemeName(const QString &name)
{
    if (name == m_theme.name) {
        return;
    }
    m_theme = GanttTheme::byName(name);
    setFillColor(m_theme.background);
    Q_EMIT themeChanged();
    update();
}

void GanttItem::setAxisEndSeconds(double seconds)
{
    if (qFuzzyCompare(seconds + 1, m_axisEndSeconds + 1)) {
        return;
    }
    m_axisEndSeconds = seconds;
    Q_EMIT axisChanged();
    update();
}

void GanttItem::setLegend(bool on)
{
    setOption(m_legend, on);
}

void GanttItem::setFooter(bool on)
{
    setOption(m_footer, on);
}

GanttPaintOptions GanttItem::options() const
{
    GanttPaintOptions o = baseOptions();
    if (m_frame.model && !m_frame.atEnd()) {
        o.live = true;
        o.axisEndNs = m_frame.paint.axisEndNs;
        o.replayOfNs = m_frame.paint.replayOfNs;
        o.replayInFlight = m_frame.paint.replayInFlight;
        o.shapeOf = m_frame.paint.shapeOf;
    }
    return o;
}

GanttPaintOptions GanttItem::baseOptions() const
{
    return GanttPaintOptions {.header = true,
        .legend = m_legend,
        .footer = m_footer,
        .live = m_run && m_run->isLive(),
        .blame = m_blame,
        .states = m_states,
        .ideal = m_ideal,
        .focusSpan = m_focusSpan,
        .labelWidth = m_labelWidth};
}

void GanttItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (!qFuzzyCompare(newGeometry.width(), oldGeometry.width())) {
        Q_EMIT preferredHeightChanged();
    }
}

void GanttItem::setLabelWidth(double width)
{
    if (!qFuzzyCompare(width + 1, m_labelWidth + 1)) {
        m_labelWidth = width;
        Q_EMIT optionsChanged();
        Q_EMIT preferredHeightChanged();
        update();
    }
}

void GanttItem::setOption(bool &member, bool on)
{
    if (on != member) {
        member = on;
        Q_EMIT optionsChanged();
        Q_EMIT preferredHeightChanged();
        update();
    }
}

void GanttItem::setBlame(bool on)
{
    setOption(m_blame, on);
}

void GanttItem::setStates(bool on)
{
    setOption(m_states, on);
}

void GanttItem::setIdeal(bool on)
{
    setOption(m_ideal, on);
}

double GanttItem::preferredHeight() const
{
    const auto model = m_run ? m_run->model() : nullptr;
    if (!model) {
        return 200;
    }
    const double w = std::max(400.0, width());
    if (m_frame.model) {
        return Replay::frameHeight(*model, m_frame, m_theme, baseOptions(), w);
    }
    return GanttPainter(*model, m_theme, options()).preferredHeight(w);
}

std::shared_ptr<const GanttModel> GanttItem::shownModel() const
{
    if (m_frame.model) {
        return m_frame.model;
    }
    return m_run ? m_run->model() : nullptr;
}

bool GanttItem::replayable() const
{
    const auto model = m_run ? m_run->model() : nullptr;
    return model && !m_run->isLive() && model->run().wallNs > 0;
}

double GanttItem::replaySeconds() const
{
    return m_replayNs < 0 ? -1.0 : static_cast<double>(m_replayNs) / 1e9;
}

void GanttItem::setReplaySeconds(double seconds)
{
    qint64 ns = -1;
    if (seconds >= 0 && replayable()) {
        ns = std::min<qint64>(std::llround(seconds * 1e9), m_run->model()->run().wallNs);
    }
    if (ns == m_replayNs) {
        return;
    }
    m_replayNs = ns;
    updateFrame();
    m_focusSpan = -1; // another model: its indices are not the old one's
    updateSelectionText();
    Q_EMIT replayChanged();
    Q_EMIT preferredHeightChanged();
    update();
}

void GanttItem::updateFrame()
{
    const auto whole = m_run ? m_run->model() : nullptr;
    if (m_replayNs < 0 || !whole || m_run->isLive()) {
        m_frame = {};
        m_replayInFlight = 0;
        return; // (a frame being made is dropped when it is ready)
    }
    if (whole->run().spans.size() >= backgroundFrameSpans()) {
        if (!m_frameBuild.isRunning()) {
            startFrameBuild();
        } // else: made when the one being made is ready, if still wanted
        return;
    }
    m_frame = Replay::frameAt(whole, m_replayNs, m_theme, baseOptions(), std::max(400.0, width()));
    m_replayInFlight = m_frame.atEnd() ? 0 : std::max(0, m_frame.paint.replayInFlight);
}

void GanttItem::setBackgroundFrameSpans(std::size_t spans)
{
    backgroundFrameSpans() = spans;
}

std::size_t GanttItem::backgroundFrameSpansThreshold()
{
    return backgroundFrameSpans();
}

void GanttItem::startFrameBuild()
{
    const auto whole = m_run->model();
    m_frameBuildOf = whole;
    m_frameBuildNs = m_replayNs;
    m_frameBuild.setFuture(QtConcurrent::run(
        [whole, at = m_replayNs, theme = m_theme, options = baseOptions(), width = std::max(400.0, width())] {
            return Replay::frameAt(whole, at, theme, options, width);
        }));
}

void GanttItem::onFrameBuilt()
{
    Replay::Frame frame = m_frameBuild.result();
    const auto whole = m_run ? m_run->model() : nullptr;
    if (m_replayNs < 0 || !whole || m_run->isLive() || whole != m_frameBuildOf.lock()
        || whole->run().spans.size() < backgroundFrameSpans()) {
        m_frameBuildOf.reset();
        updateFrame(); // replay over, or another run: made anew if wanted
        update();
        return;
    }
    m_frame = std::move(frame);
    m_replayInFlight = m_frame.atEnd() ? 0 : std::max(0, m_frame.paint.replayInFlight);
    if (m_frameBuildNs != m_replayNs) {
        startFrameBuild(); // the playhead moved on meanwhile: its newest instant next
    }
    m_focusSpan = -1;
    updateSelectionText();
    Q_EMIT replayChanged();
    Q_EMIT preferredHeightChanged();
    update();
}

const std::vector<qint64> &GanttItem::events() const
{
    const auto whole = m_run ? m_run->model() : nullptr;
    if (!whole || whole != m_eventsOf.lock()) { // none, or another (a freed one's address may be reused)
        m_events = whole ? Replay::eventTimes(whole->run()) : std::vector<qint64> {};
        m_eventsOf = whole;
    }
    return m_events;
}

qint64 GanttItem::minStepNs() const
{
    const GanttLayout l = currentLayout();
    return l.rangeNs() > 0 ? std::max<qint64>(1, static_cast<qint64>(2 * l.nsPerPixel())) : 1;
}

double GanttItem::nextEventSeconds(double seconds) const
{
    const std::vector<qint64> &times = events();
    // Events closer than two pixels of the view apart are one step: each step changes the picture.
    const auto at = static_cast<qint64>(std::floor(seconds * 1e9)) + minStepNs();
    const auto it = std::upper_bound(times.begin(), times.end(), at);
    if (it == times.end()) {
        return times.empty() ? 0.0 : static_cast<double>(times.back()) / 1e9;
    }
    return static_cast<double>(*it) / 1e9;
}

double GanttItem::previousEventSeconds(double seconds) const
{
    const std::vector<qint64> &times = events();
    const auto at = static_cast<qint64>(std::ceil(seconds * 1e9)) - minStepNs();
    const auto it = std::lower_bound(times.begin(), times.end(), at);
    if (it == times.begin()) {
        return 0.0;
    }
    return static_cast<double>(*std::prev(it)) / 1e9;
}

GanttLayout GanttItem::currentLayout() const
{
    const auto model = shownModel();
    if (!model) {
        return {};
    }
    const GanttPainter painter(*model, m_theme, options());
    const QSizeF sz = size();
    if (m_viewTo > m_viewFrom) {
        return painter.layout(sz, m_viewFrom, m_viewTo);
    }
    if (m_axisEndSeconds > 0) {
        return painter.layout(sz, 0, static_cast<qint64>(m_axisEndSeconds * 1e9));
    }
    return painter.layout(sz);
}

void GanttItem::paint(QPainter *p)
{
    const auto model = shownModel();
    if (!model) {
        p->fillRect(QRectF(QPointF(0, 0), size()), m_theme.background);
        p->setPen(m_theme.mutedText);
        p->setFont(GanttPainter::chartFont(14));
        p->drawText(QRectF(QPointF(0, 0), size()), Qt::AlignCenter,
            tr("Pick an experiment and press Run (Ctrl+R) — its timeline appears here."));
        return;
    }
    const GanttPainter painter(*model, m_theme, options());
    const GanttLayout layout = currentLayout();
    painter.paint(*p, size(), layout);
    if (m_selTo > m_selFrom) {
        const double x1 = layout.mapTimeToX(m_selFrom);
        const double x2 = layout.mapTimeToX(m_selTo);
        QColor fill = m_theme.ideal;
        fill.setAlphaF(0.12);
        const QRectF band(QPointF(x1, layout.plot().top()), QPointF(x2, layout.plot().bottom() + 24));
        p->fillRect(band, fill);
        p->setPen(QPen(m_theme.ideal, 1));
        p->drawLine(QPointF(x1, band.top()), QPointF(x1, band.bottom()));
        p->drawLine(QPointF(x2, band.top()), QPointF(x2, band.bottom()));
    }
    ++m_paintCount;
    Q_EMIT painted();
}

void GanttItem::setView(qint64 fromNs, qint64 toNs)
{
    m_viewFrom = fromNs;
    m_viewTo = toNs;
    Q_EMIT viewChanged();
    update();
}

void GanttItem::resetView()
{
    setView(0, 0);
}

double GanttItem::secondsAt(double x) const
{
    const GanttLayout l = currentLayout();
    const qint64 wall = m_run && m_run->run() ? m_run->run()->wallNs : 0;
    return static_cast<double>(std::clamp<qint64>(l.mapXToTime(x), 0, wall)) / 1e9;
}

double GanttItem::viewStartSeconds() const
{
    return static_cast<double>(currentLayout().startNs()) / 1e9;
}

double GanttItem::viewEndSeconds() const
{
    return static_cast<double>(currentLayout().endNs()) / 1e9;
}

double GanttItem::runEndSeconds() const
{
    const auto model = m_run ? m_run->model() : nullptr;
    return model ? static_cast<double>(model->endNs() + model->endNs() / 40) / 1e9 : 0;
}

void GanttItem::panBy(double fraction)
{
    GanttLayout l = currentLayout();
    if (l.rangeNs() <= 0) {
        return;
    }
    l.panBy(fraction * l.plot().width());
    setView(l.startNs(), l.endNs());
}

bool GanttItem::zoomToSelection()
{
    if (m_selTo <= m_selFrom) {
        return false;
    }
    const qint64 pad = (m_selTo - m_selFrom) / 50;
    setView(std::max<qint64>(0, m_selFrom - pad), m_selTo + pad);
    return true;
}

void GanttItem::showRange(double fromSeconds, double toSeconds)
{
    const auto from = static_cast<qint64>(fromSeconds * 1e9);
    const auto to = static_cast<qint64>(toSeconds * 1e9);
    if (to > from) {
        setView(from, to);
    }
}

void GanttItem::clearSelection()
{
    m_selFrom = m_selTo = 0;
    updateSelectionText();
    update();
}

void GanttItem::zoomBy(double factor)
{
    GanttLayout l = currentLayout();
    if (l.rangeNs() <= 0) {
        return;
    }
    l.zoomAt(l.plot().center().x(), factor);
    setView(l.startNs(), l.endNs());
}

void GanttItem::wheelEvent(QWheelEvent *event)
{
    GanttLayout l = currentLayout();
    if (l.rangeNs() <= 0) {
        event->ignore();
        return;
    }
    const QPoint angle = event->angleDelta();
    const QPoint pixels = event->pixelDelta();
    // Sideways (a touchpad, a tilting wheel): pan, a notch a tenth of the plot.
    if (std::abs(angle.x()) > std::abs(angle.y())) {
        l.panBy(pixels.x() != 0 ? -pixels.x() : -angle.x() / 120.0 * l.plot().width() / 10);
        setView(l.startNs(), l.endNs());
        event->accept();
        updateHover(event->position()); // what is under the pointer now
        return;
    }
    // Over the lane names, or with Shift: up and down through a tall chart's lanes.
    if (m_scrollable
        && ((event->modifiers() & Qt::ShiftModifier) != 0 || event->position().x() < l.plot().left())) {
        Q_EMIT wheelScroll(pixels.y() != 0 ? pixels.y() : angle.y() / 120.0 * 48);
        event->accept();
        // The chart moved under a still pointer: the hover (and its tooltip, which moved with the
        // chart and could now sit under the pointer, taking the next notch) is of what is there now.
        updateHover(mapFromScene(event->scenePosition()));
        return;
    }
    const double steps = angle.y() / 120.0;
    l.zoomAt(event->position().x(), std::pow(1.25, steps));
    setView(l.startNs(), l.endNs());
    event->accept();
    updateHover(event->position());
}

void GanttItem::mousePressEvent(QMouseEvent *event)
{
    forceActiveFocus(Qt::MouseFocusReason); // the chart's keys (Space, ←/→) are not a text field's
    const GanttLayout l = currentLayout();
    m_pressPos = m_lastPos = event->position();
    if (l.rangeNs() > 0 && event->position().y() > l.plot().bottom()
        && event->position().y() < l.plot().bottom() + 30) {
        m_drag = Drag::Select;
        m_selFrom = m_selTo = l.mapXToTime(event->position().x());
    } else {
        m_drag = Drag::Pan;
        setCursor(QCursor(Qt::ClosedHandCursor));
    }
    event->accept();
}

void GanttItem::mouseMoveEvent(QMouseEvent *event)
{
    GanttLayout l = currentLayout();
    if (m_drag == Drag::Pan && l.rangeNs() > 0) {
        const double dx = event->position().x() - m_lastPos.x();
        m_lastPos = event->position();
        if (std::abs(dx) >= 0.5) {
            l.panBy(-dx);
            setView(l.startNs(), l.endNs());
        }
    } else if (m_drag == Drag::Select && l.rangeNs() > 0) {
        const qint64 a = l.mapXToTime(m_pressPos.x());
        const qint64 b = l.mapXToTime(event->position().x());
        const qint64 end = m_run && m_run->model() ? m_run->model()->endNs() : 0;
        m_selFrom = std::clamp<qint64>(std::min(a, b), 0, end);
        m_selTo = std::clamp<qint64>(std::max(a, b), 0, end);
        updateSelectionText();
        update();
    }
    event->accept();
}

void GanttItem::mouseReleaseEvent(QMouseEvent *event)
{
    const bool click = (event->position() - m_pressPos).manhattanLength() < 3;
    if ((m_drag == Drag::Select && m_selTo - m_selFrom <= 0) || (m_drag == Drag::Pan && click)) {
        clearSelection(); // a click anywhere on the chart ends a selection
    }
    m_drag = Drag::None;
    unsetCursor();
    event->accept();
}

void GanttItem::mouseDoubleClickEvent(QMouseEvent *event)
{
    resetView();
    clearSelection();
    event->accept();
}

void GanttItem::hoverMoveEvent(QHoverEvent *event)
{
    updateHover(event->position());
}

void GanttItem::hoverLeaveEvent(QHoverEvent *)
{
    if (!m_hoverText.isEmpty()) {
        m_hoverText.clear();
        Q_EMIT hoverChanged();
    }
    if (m_focusSpan >= 0) {
        m_focusSpan = -1;
        update();
    }
}

void GanttItem::updateHover(const QPointF &pos)
{
    QString text;
    qint32 focus = -1;
    const auto model = shownModel();
    const GanttLayout l = currentLayout();
    const int rowIndex = model ? l.rowAt(pos.y()) : -1;
    if (model && rowIndex >= 0 && rowIndex < static_cast<int>(model->rows().size()) && l.rangeNs() > 0
        && pos.x() >= l.plot().left() && pos.x() <= l.plot().right()) {
        const GanttRow &row = model->rows()[static_cast<std::size_t>(rowIndex)];
        const RunData &run = model->run();
        const qint64 t = l.mapXToTime(pos.x());
        const auto tolerance = static_cast<qint64>(3 * l.nsPerPixel());
        if (row.type == GanttRow::Type::Density) {
            text = (row.foldedLanes > 0 ? tr("%1 (folded)\n%2 in flight around %3")
                                        : tr("%1\n%2 in flight around %3"))
                       .arg(row.label,
                           QString::number(GanttModel::densityAt(row, t - tolerance, t + tolerance)),
                           seconds(t));
        } else {
            const auto [first, last] = model->visibleRange(row, t - tolerance, t + tolerance);
            // On a lane with sub-rows, only the sub-row under the pointer.
            const int track = row.tracks > 1
                ? std::clamp(
                    static_cast<int>((pos.y() - l.rowTop(rowIndex)) / (l.rowHeightOf(rowIndex) / row.tracks)),
                    0, row.tracks - 1)
                : 0;
            const Span *best = nullptr;
            for (std::size_t i = first; i < last; ++i) {
                if (row.tracks > 1 && row.track[i] != track) {
                    continue;
                }
                const Span &s = run.spans[row.spans[i]];
                const qint64 end = s.isOpen() ? run.wallNs : s.endNs;
                if (s.beginNs - tolerance <= t && t <= end + tolerance
                    && (!best
                        || (end - s.beginNs)
                            < ((best->isOpen() ? run.wallNs : best->endNs) - best->beginNs))) {
                    best = &s;
                }
            }
            if (best) {
                focus = static_cast<qint32>(best - run.spans.data());
                const qint64 end = best->isOpen() ? run.wallNs : best->endNs;
                QStringList lines;
                lines << (run.str(best->name).isEmpty() ? toString(best->kind)
                                                        : displayName(run.str(best->name)));
                // "HTTP request (blocking the thread) · task 1", in the legend's words.
                lines << u"%1 · %2"_s.arg(
                    kindDescription(best->kind, best->holdsThread()), displayName(row.label));
                lines << (best->isOpen() ? tr("start %1 · running for %2") : tr("start %1 · took %2"))
                             .arg(seconds(best->beginNs), seconds(end - best->beginNs));
                if (best->readyNs != kUnknownTime && end - best->readyNs > 1'000'000) {
                    lines << tr("ready at %1, resumed %2 later")
                                 .arg(seconds(best->readyNs), seconds(end - best->readyNs));
                }
                lines << tr("status %1").arg(best->isOpen() ? tr("running") : toString(best->status));
                if (!run.str(best->detail).isEmpty()) {
                    lines << run.str(best->detail);
                }
                lines << whyLines(*model, focus);
                text = lines.join(u'\n');
            }
        }
    }
    if (text != m_hoverText || pos != m_hoverPos) {
        m_hoverText = text;
        m_hoverPos = pos;
        Q_EMIT hoverChanged();
    }
    if (focus != m_focusSpan) {
        m_focusSpan = focus;
        update();
    }
}

void GanttItem::updateSelectionText()
{
    QString text;
    const auto model = shownModel();
    if (model && m_selTo > m_selFrom) {
        const RunData &run = model->run();
        int spans = 0;
        // Busy time: the union of work on task and pool lanes within the range.
        std::vector<std::pair<qint64, qint64>> work;
        for (const Span &s : run.spans) {
            const qint64 end = s.isOpen() ? run.wallNs : s.endNs;
            if (end <= m_selFrom || s.beginNs >= m_selTo) {
                continue;
            }
            ++spans;
            if (isWorkKind(s.kind) && countsAsWorkLane(run.lanes.at(s.lane).kind)) {
                work.emplace_back(std::max(s.beginNs, m_selFrom), std::min(end, m_selTo));
            }
        }
        std::sort(work.begin(), work.end());
        qint64 busy = 0;
        qint64 summed = 0;
        qint64 curFrom = -1;
        qint64 curTo = -1;
        for (const auto &[a, b] : work) {
            summed += b - a;
            if (a > curTo) {
                busy += curTo - curFrom;
                curFrom = a;
                curTo = b;
            } else {
                curTo = std::max(curTo, b);
            }
        }
        busy += curTo - curFrom;
        text = tr("%1 → %2 (%3): %4 spans · busy %5 · work %6 · overlap ×%7 · up to %8 at once")
                   .arg(seconds(m_selFrom), seconds(m_selTo), seconds(m_selTo - m_selFrom))
                   .arg(spans)
                   .arg(seconds(busy), seconds(summed))
                   .arg(busy > 0
                           ? QString::number(static_cast<double>(summed) / static_cast<double>(busy), 'f', 2)
                           : u"0"_s)
                   .arg(maxConcurrency(run, m_selFrom, m_selTo));
    }
    if (text != m_selectionText) {
        m_selectionText = text;
        Q_EMIT selectionChanged();
    }
}

} // namespace Coroscope
