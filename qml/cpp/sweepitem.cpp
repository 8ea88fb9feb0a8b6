// SPDX-License-Identifier: MIT
#include "sweepitem.h"

#include "experiments/sweep.h"
#include "render/ganttpainter.h"
#include "render/sweepfigure.h"
#include "sweepcontroller.h"

#include <QPainter>

namespace Coroscope {

namespace {
/// The figure's least width (SweepFigure's own): narrower views draw it scaled down.
constexpr double kFigureMinWidth = 420;
} // namespace

SweepItem::SweepItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setOpaquePainting(true);
    setAntialiasing(true);
    setFillColor(m_theme.background);
}

SweepItem::~SweepItem() = default;

void SweepItem::setSweep(SweepController *sweep)
{
    if (sweep == m_sweep) {
        return;
    }
    if (m_sweep) {
        disconnect(m_sweep, nullptr, this, nullptr);
    }
    m_sweep = sweep;
    if (m_sweep) {
        connect(m_sweep, &SweepController::resultChanged, this, &SweepItem::invalidate);
    }
    Q_EMIT sweepChanged();
    invalidate();
}

void SweepItem::setThemeName(const QString &name)
{
    if (name == m_theme.name) {
        return;
    }
    m_theme = GanttTheme::byName(name);
    setFillColor(m_theme.background);
    Q_EMIT themeChanged();
    invalidate();
}

void SweepItem::invalidate()
{
    m_figure.reset();
    m_figureOf.reset();
    Q_EMIT preferredHeightChanged();
    update();
}

void SweepItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (!qFuzzyCompare(newGeometry.width(), oldGeometry.width())) {
        Q_EMIT preferredHeightChanged();
    }
}

const SweepFigure *SweepItem::figure() const
{
    const auto result = m_sweep ? m_sweep->result() : nullptr;
    if (!result || result->points.empty()) {
        return nullptr;
    }
    const double w = std::max(width(), kFigureMinWidth);
    if (!m_figure || m_figureOf != result || !qFuzzyCompare(w, m_figureWidth)) {
        m_figureOf = result; // kept alive: the figure refers to it
        m_figure = std::make_unique<SweepFigure>(*result, m_theme, GanttPaintOptions {}, w);
        m_figureWidth = w;
    }
    return m_figure.get();
}

double SweepItem::preferredHeight() const
{
    const SweepFigure *f = figure();
    if (!f || width() <= 0) {
        return 160;
    }
    const double scale = std::min(1.0, width() / f->size().width());
    return std::ceil(f->size().height() * scale);
}

void SweepItem::paint(QPainter *p)
{
    p->fillRect(QRectF(QPointF(0, 0), size()), m_theme.background);
    const SweepFigure *f = figure();
    if (!f) {
        p->setPen(m_theme.mutedText);
        p->setFont(GanttPainter::chartFont(14));
        p->drawText(QRectF(QPointF(0, 0), size()), Qt::AlignCenter | Qt::TextWordWrap,
            m_sweep && m_sweep->isActive()
                ? tr("The sweep's first value is running: its timeline is in the Timeline tab.")
                : tr("Sweep a parameter (Parameters tab → Sweep) — every run's timeline and the curve they make appear here."));
        return;
    }
    const double scale = std::min(1.0, width() / f->size().width());
    p->save();
    p->scale(scale, scale);
    f->paint(*p);
    p->restore();
}

} // namespace Coroscope
