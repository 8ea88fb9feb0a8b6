// SPDX-License-Identifier: MIT
#pragma once

#include "exporters.h"
#include "ganttpainter.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

class QPainter;

namespace Coroscope {

struct SweepResult;

/**
 * A sweep as one figure: small multiples of its runs' timelines on one shared time axis, each
 * labelled by its value, beside the curve of wall time (median, p95 whiskers when repeated)
 * against the parameter with the ideal and, where a blocking step could be made async, the
 * all-async counterfactual. Failed values are red rows with their message.
 */
class SweepFigure
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::SweepFigure)

public:
    SweepFigure(const SweepResult &sweep, GanttTheme theme, GanttPaintOptions paint, double width);
    ~SweepFigure();
    SweepFigure(const SweepFigure &) = delete;
    SweepFigure &operator=(const SweepFigure &) = delete;

    [[nodiscard]] QSizeF size() const { return m_size; }
    void paint(QPainter &p) const;
    /// "http-fanout — sweep over limit".
    [[nodiscard]] QString title() const;
    /// "n=8 delay=0.1 · 4 values, 1 run each".
    [[nodiscard]] QString subtitle() const;

    /// Where a value's x lies in [0, 1] on the curve (numbers by value, on a log scale when
    /// they grow by a factor; choices evenly).
    [[nodiscard]] double xFraction(std::size_t point) const;

private:
    struct Panel;
    void paintCurve(QPainter &p, const QRectF &rect) const;
    /// The values as a table under the curve: what the CSV has, for the figure's reader.
    void paintTable(QPainter &p, const QRectF &rect) const;
    struct Column
    {
        QString header;
        std::vector<QString> cells; ///< per point (failed points: only the first column's)
        double width = 0;
    };
    /// The table's columns that fit in `width`; those left out for room in `dropped`.
    [[nodiscard]] std::vector<Column> tableColumns(double width, QStringList *dropped) const;

    const SweepResult &m_sweep;
    GanttTheme m_theme;
    double m_width;
    std::vector<std::unique_ptr<Panel>> m_panels;
    double m_labelWidth = 0;
    QSizeF m_size;
    QRectF m_curve;
    QRectF m_table; ///< under the curve when beside the timelines (empty when stacked)
    QRectF m_footer; ///< versions and date
    double m_headerHeight = 0;
    double m_panelsWidth = 0;
    double m_panelsTop = 0; ///< where the first timeline's label line begins
    bool m_stacked = false; ///< narrow: the curve above the timelines, not beside them
    double m_scale = 1; ///< the timelines' size (small multiples)
    bool m_logX = false;
    std::vector<double> m_x; ///< the points' values (numbers), or their index (choices)
};

namespace Export {
/// The sweep's figure (.png .svg .pdf), its table (.csv) or its runs (.json), by the path's
/// suffix. A Chrome trace of a sweep is refused (export one value's run instead).
bool writeSweep(const SweepResult &sweep, const QString &path, const ImageOptions &options, QString *error);
} // namespace Export

} // namespace Coroscope
