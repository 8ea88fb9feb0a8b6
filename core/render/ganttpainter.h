// SPDX-License-Identifier: MIT
#pragma once

#include "ganttlayout.h"
#include "ganttmodel.h"
#include "theme.h"

#include <QCoreApplication>
#include <QFont>
#include <QSizeF>

#include <memory>
#include <utility>

class QPainter;

namespace Coroscope {

struct GanttPaintOptions
{
    bool header = true; ///< title and the headline (total, ideal, sequential)
    bool legend = true;
    bool footer = true; ///< parameters and versions
    bool live = false; ///< the run is still going: the wall marker is "now", the headline says so
    bool blame = true; ///< arrows from what held the loop to the steps it delayed
    bool states = true; ///< a thin strip under each task: running, suspended, ready, holding
    /// Ghost outlines of the steps at their zero-overhead times, each task's overhead, and the
    /// all-async counterfactual's marker.
    bool ideal = true;
    /// A span under the pointer: its blame arrows stand out, the others fade, and its wake-up
    /// arrows are drawn (-1: none).
    qint32 focusSpan = -1;
    /// The lane names' column (0: as wide as this run's names need). Charts stacked on one
    /// time axis share the widest, so that their axes line up.
    double labelWidth = 0;
    /// The time axis' end for layout(size) (0: the run's end and a little room). A replay's
    /// frames keep the whole run's axis.
    qint64 axisEndNs = 0;
    /// A replay's frame (with `live`) of a run that lasted this long: the headline says where
    /// the playhead is and how much is in flight there (0: not a replay).
    qint64 replayOfNs = 0;
    /// A replay's frame: how much is in flight at its instant, counted once when the frame is
    /// made (-1: counted from the frame's run when drawn).
    int replayInFlight = -1;
    /// A replay's frame: the whole run, whose header and marker strip heights the frame keeps,
    /// so that its rows stay where the whole run's are.
    std::shared_ptr<const GanttModel> shapeOf;
};

/**
 * Draws a run's Gantt chart onto any QPainter — the screen, a QImage (PNG), QSvgGenerator,
 * QPdfWriter — so that every export is exactly what the user sees. Sizes are logical pixels
 * at 96 dpi; the font is the one shipped with the app.
 */
class GanttPainter
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::GanttPainter)

public:
    GanttPainter(const GanttModel &model, GanttTheme theme, GanttPaintOptions options = {});

    /// The layout of a chart of `size` showing the whole run.
    [[nodiscard]] GanttLayout layout(const QSizeF &size) const;
    /// The same, showing [fromNs, toNs).
    [[nodiscard]] GanttLayout layout(const QSizeF &size, qint64 fromNs, qint64 toNs) const;
    /// The time axis' end of layout(size): options.axisEndNs, else the run's end (or a later
    /// prediction) and a little room.
    [[nodiscard]] qint64 axisEndNs() const;
    /// The height at which every row of the chart is visible at `width`.
    [[nodiscard]] double preferredHeight(double width) const;
    /// A good default export size.
    [[nodiscard]] QSizeF preferredSize(double width = 1200) const { return {width, preferredHeight(width)}; }

    void paint(QPainter &painter, const QSizeF &size, const GanttLayout &layout) const;
    void paint(QPainter &painter, const QSizeF &size) const { paint(painter, size, layout(size)); }

    [[nodiscard]] const GanttModel &model() const { return m_model; }
    [[nodiscard]] const GanttTheme &theme() const { return m_theme; }

    /// The chart font (DejaVu Sans, shipped in the resources) at a pixel size.
    [[nodiscard]] static QFont chartFont(double pixelSize, bool bold = false);
    /// "0.302 s — ideal 0.300 s — sequential would be 0.600 s" (or why the run ended).
    [[nodiscard]] QString headline() const;
    /// "delay=0.3 tasks=2 · Coroscope 0.1.0 · Qt 6.4.2 · ...".
    [[nodiscard]] QString footerText() const;
    /// Where and with what a run was made: "Coroscope 0.1.0 · Qt 6.4.2 · QCoro 0.8.0 · 2 cores ·
    /// 2026-12-06 15:05 UTC" (libpq when it talked to PostgreSQL).
    [[nodiscard]] static QStringList environmentParts(const RunData &run);

    /// The lane names' column this chart needs (options.labelWidth, else its names' width).
    [[nodiscard]] double labelColumnWidth() const;
    static constexpr double kRowHeight = 26;
    /// Each sub-row beyond a lane's first adds this much.
    static constexpr double kTrackHeight = 20;
    /// The rows' heights, in the model's row order.
    [[nodiscard]] std::vector<double> rowHeights() const;
    static constexpr double kMargin = 20;

private:
    struct Geometry
    {
        QRectF header;
        QRectF labels; ///< lane names column (rows)
        QRectF markers; ///< strip above the rows for total/ideal labels
        QRectF plot; ///< rows
        QRectF axis;
        QRectF legend;
        QRectF footer;
    };
    [[nodiscard]] Geometry geometry(const QSizeF &size) const;
    /// "experiment — title".
    [[nodiscard]] QString titleText() const;
    /// The header (title and headline, both wrapped) and the footer at `width`.
    [[nodiscard]] double headerHeight(double width) const;
    [[nodiscard]] double footerHeight(double width) const;
    /// `text` word-wrapped at `width`: one line is `lineHeight`, more add the font's spacing.
    [[nodiscard]] static double wrappedHeight(
        const QString &text, const QFont &font, double width, double lineHeight);
    static constexpr double kMaxTextLines = 4;
    [[nodiscard]] double legendHeight(double width) const;
    [[nodiscard]] double markerStripHeight(double plotWidth) const;
    /// The header's and the marker strip's heights at the inner `width` (with options.shapeOf,
    /// at least the whole run's).
    [[nodiscard]] std::pair<double, double> headerAndMarkerHeights(double width) const;

    void paintHeader(QPainter &p, const QRectF &rect) const;
    void paintRows(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    void paintLaneRow(QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const;
    void paintDensityRow(QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const;
    void paintStates(QPainter &p, const GanttRow &row, std::size_t rowIndex, const QRectF &rowRect,
        const GanttLayout &l) const;
    void paintBlame(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    void paintWakeups(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    void paintGhosts(
        QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l, int &budget) const;
    void paintOverhead(QPainter &p, const GanttRow &row, const QRectF &rowRect, const GanttLayout &l) const;
    /// The all-async counterfactual's end, when it is worth showing (else 0).
    [[nodiscard]] qint64 allAsyncNs() const;
    [[nodiscard]] bool ghostDiffers(qint32 span, const GanttLayout &l) const;
    static constexpr int kMaxGhosts = 2000;
    /// A lane with more spans in view than this many per pixel is drawn column by column.
    static constexpr double kColumnModeDensity = 0.5;
    static constexpr double kGhostMinPx = 6;
    [[nodiscard]] QColor stateColor(Analysis::TaskState state) const;
    void paintMarkers(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    /// The user's notes: a line at a point, a band over a range, their labels above the rows.
    void paintNotes(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    [[nodiscard]] int noteRows(double plotWidth) const;
    static constexpr std::size_t kMaxNoteRows = 3;
    void paintAxis(QPainter &p, const Geometry &g, const GanttLayout &l) const;
    void paintLegend(QPainter &p, const QRectF &rect) const;

    struct LegendItem;
    [[nodiscard]] std::vector<LegendItem> legendItems() const;

    const GanttModel &m_model;
    GanttTheme m_theme;
    GanttPaintOptions m_options;
};

} // namespace Coroscope
