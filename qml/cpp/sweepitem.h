// SPDX-License-Identifier: MIT
#pragma once

#include "render/theme.h"

#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Coroscope {

class SweepController;
class SweepFigure;
struct SweepResult;

/**
 * A sweep's figure on screen: the same SweepFigure as its PNG/SVG/PDF export (small multiples
 * beside the curve), redrawn as each value's run ends. Narrower than the figure's least width,
 * it is drawn scaled down to fit.
 */
class SweepItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("sweepcontroller.h")
    Q_PROPERTY(Coroscope::SweepController *sweep READ sweep WRITE setSweep NOTIFY sweepChanged)
    Q_PROPERTY(QString theme READ themeName WRITE setThemeName NOTIFY themeChanged)
    /// The height the whole figure needs at this width.
    Q_PROPERTY(double preferredHeight READ preferredHeight NOTIFY preferredHeightChanged)

public:
    explicit SweepItem(QQuickItem *parent = nullptr);
    ~SweepItem() override;

    void paint(QPainter *painter) override;
    [[nodiscard]] SweepController *sweep() const { return m_sweep; }
    void setSweep(SweepController *sweep);
    [[nodiscard]] QString themeName() const { return m_theme.name; }
    void setThemeName(const QString &name);
    [[nodiscard]] double preferredHeight() const;

Q_SIGNALS:
    void sweepChanged();
    void themeChanged();
    void preferredHeightChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    /// The figure at this width (built once per result, theme and width).
    const SweepFigure *figure() const;
    void invalidate();

    QPointer<SweepController> m_sweep;
    GanttTheme m_theme = GanttTheme::light();
    mutable std::shared_ptr<const SweepResult> m_figureOf;
    mutable std::unique_ptr<SweepFigure> m_figure;
    mutable double m_figureWidth = 0;
};

} // namespace Coroscope
