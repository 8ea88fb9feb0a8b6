// SPDX-License-Identifier: MIT
#pragma once

#include "render/ganttlayout.h"
#include "render/replay.h"
#include "render/theme.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace Coroscope {

class RunHandle;
class GanttPainter;
struct GanttPaintOptions;

/**
 * The Gantt chart on screen: the same GanttPainter as the exports, so a PNG export at scale 1
 * of the same size is this item pixel for pixel. Wheel zooms at the cursor, dragging pans,
 * a double-click fits the run again; hovering a bar describes it (`hoverText`); dragging on
 * the time axis selects a range and describes it (`selectionText`).
 */
class GanttItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("runhandle.h")
    Q_PROPERTY(Coroscope::RunHandle *run READ run WRITE setRun NOTIFY runChanged)
    Q_PROPERTY(QString theme READ themeName WRITE setThemeName NOTIFY themeChanged)
    /// Compare view: a shared time axis [0, axisEndSeconds] (0: the run's own).
    Q_PROPERTY(double axisEndSeconds READ axisEndSeconds WRITE setAxisEndSeconds NOTIFY axisChanged)
    Q_PROPERTY(bool legend READ legend WRITE setLegend NOTIFY optionsChanged)
    /// The lane names' column (0: this run's own); stacked charts share one so axes line up.
    Q_PROPERTY(double labelWidth READ labelWidth WRITE setLabelWidth NOTIFY optionsChanged)
    /// The view around the chart can scroll it up and down (the chart is taller than the view):
    /// the wheel over the lane names, or with Shift, scrolls it (wheelScroll) instead of zooming.
    Q_PROPERTY(bool scrollable MEMBER m_scrollable NOTIFY scrollableChanged)
    Q_PROPERTY(bool footer READ footer WRITE setFooter NOTIFY optionsChanged)
    /// Blame and wake-up arrows, task state strips, the ideal schedule (ChartOptions).
    Q_PROPERTY(bool blame READ blame WRITE setBlame NOTIFY optionsChanged)
    Q_PROPERTY(bool states READ states WRITE setStates NOTIFY optionsChanged)
    Q_PROPERTY(bool ideal READ ideal WRITE setIdeal NOTIFY optionsChanged)
    Q_PROPERTY(bool zoomed READ isZoomed NOTIFY viewChanged)
    /// The range shown and the whole run, in seconds (the overview strip).
    Q_PROPERTY(double viewStartSeconds READ viewStartSeconds NOTIFY viewChanged)
    Q_PROPERTY(double viewEndSeconds READ viewEndSeconds NOTIFY viewChanged)
    Q_PROPERTY(double runEndSeconds READ runEndSeconds NOTIFY viewChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(QPointF hoverPos READ hoverPos NOTIFY hoverChanged)
    Q_PROPERTY(QString selectionText READ selectionText NOTIFY selectionChanged)
    Q_PROPERTY(double selectionStartSeconds READ selectionStartSeconds NOTIFY selectionChanged)
    Q_PROPERTY(double selectionEndSeconds READ selectionEndSeconds NOTIFY selectionChanged)
    Q_PROPERTY(double preferredHeight READ preferredHeight NOTIFY preferredHeightChanged)
    Q_PROPERTY(int paintCount READ paintCount NOTIFY painted)
    /// Replay: the chart as it was at this many seconds into the finished run (what `render
    /// --until` exports); below 0, the whole run. At or after the run's end, the whole run too.
    Q_PROPERTY(double replaySeconds READ replaySeconds WRITE setReplaySeconds NOTIFY replayChanged)
    /// The run shown can be replayed: it has ended and lasted some time.
    Q_PROPERTY(bool replayable READ replayable NOTIFY viewChanged)
    /// The replay's frame: work in flight and task lanes begun by the playhead.
    Q_PROPERTY(int replayInFlight READ replayInFlight NOTIFY replayChanged)
    /// How long the last frame took to make, in ms (told when it crosses 40 ms: a huge run's
    /// frames are drawn where the slider is let go, not on each move).

public:
    explicit GanttItem(QQuickItem *parent = nullptr);
    ~GanttItem() override;

    void paint(QPainter *painter) override;

    [[nodiscard]] RunHandle *run() const { return m_run; }
    void setRun(RunHandle *run);
    [[nodiscard]] QString themeName() const { return m_theme.name; }
    void setThemeName(const QString &name);
    [[nodiscard]] double axisEndSeconds() const { return m_axisEndSeconds; }
    void setAxisEndSeconds(double seconds);
    [[nodiscard]] bool legend() const { return m_legend; }
    void setLegend(bool on);
    [[nodiscard]] double labelWidth() const { return m_labelWidth; }
    void setLabelWidth(double width);
    [[nodiscard]] bool footer() const { return m_footer; }
    void setFooter(bool on);
    [[nodiscard]] bool blame() const { return m_blame; }
    void setBlame(bool on);
    [[nodiscard]] bool states() const { return m_states; }
    void setStates(bool on);
    [[nodiscard]] bool ideal() const { return m_ideal; }
    void setIdeal(bool on);
    [[nodiscard]] bool isZoomed() const { return m_viewTo > m_viewFrom; }
    [[nodiscard]] double viewStartSeconds() const;
    [[nodiscard]] double viewEndSeconds() const;
    [[nodiscard]] double runEndSeconds() const;
    [[nodiscard]] bool hasSelection() const { return m_selTo > m_selFrom; }
    [[nodiscard]] QString hoverText() const { return m_hoverText; }
    [[nodiscard]] QPointF hoverPos() const { return m_hoverPos; }
    [[nodiscard]] QString selectionText() const { return m_selectionText; }
    [[nodiscard]] double selectionStartSeconds() const { return static_cast<double>(m_selFrom) / 1e9; }
    [[nodiscard]] double selectionEndSeconds() const { return static_cast<double>(m_selTo) / 1e9; }
    [[nodiscard]] double preferredHeight() const;
    [[nodiscard]] int paintCount() const { return m_paintCount; }
    [[nodiscard]] double replaySeconds() const;
    void setReplaySeconds(double seconds);
    [[nodiscard]] bool replayable() const;
    [[nodiscard]] int replayInFlight() const { return m_replayInFlight; }
    /// Runs of this many spans or more get their replay frames made on a worker (tests lower it).
    static void setBackgroundFrameSpans(std::size_t spans);
    [[nodiscard]] static std::size_t backgroundFrameSpansThreshold();

    /// Shows the whole run again.
    Q_INVOKABLE void resetView();
    Q_INVOKABLE void clearSelection();
    /// Zooms by `factor` around the middle (toolbar buttons, keys).
    Q_INVOKABLE void zoomBy(double factor);
    /// Moves the view by `fraction` of its width (keys A/D, ←/→).
    Q_INVOKABLE void panBy(double fraction);
    /// Shows the selected range (key Z); false without a selection.
    Q_INVOKABLE bool zoomToSelection();
    /// Shows [from, to] seconds (the overview strip).
    Q_INVOKABLE void showRange(double fromSeconds, double toSeconds);
    /// The time under x (item coordinates), in seconds, within the run (a note's place).
    Q_INVOKABLE double secondsAt(double x) const;
    /// The next instant after `seconds` at which something happens in the run (a step begins,
    /// becomes ready or ends, a mark, a note) at least two pixels of the view later, or the
    /// run's end; the previous one before it, or 0.
    Q_INVOKABLE double nextEventSeconds(double seconds) const;
    Q_INVOKABLE double previousEventSeconds(double seconds) const;

Q_SIGNALS:
    void runChanged();
    void themeChanged();
    void axisChanged();
    void optionsChanged();
    void viewChanged();
    void hoverChanged();
    void selectionChanged();
    void preferredHeightChanged();
    void painted();
    void replayChanged();
    void scrollableChanged();
    /// The wheel asks the view around the chart to scroll it by this many pixels (up: positive).
    void wheelScroll(double pixels);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    /// A new width re-wraps the title and the legend: the natural height follows.
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void hoverMoveEvent(QHoverEvent *event) override;
    void hoverLeaveEvent(QHoverEvent *event) override;

private:
    [[nodiscard]] GanttLayout currentLayout() const;
    void setView(qint64 fromNs, qint64 toNs);
    void updateHover(const QPointF &pos);
    void updateSelectionText();
    void onRunChanged();
    /// The model drawn: the replay's frame, or the run's own.
    [[nodiscard]] std::shared_ptr<const GanttModel> shownModel() const;
    /// The options without the replay's (live, the whole run's axis).
    [[nodiscard]] GanttPaintOptions baseOptions() const;
    /// Builds the replay's frame at m_replayNs (or drops it).
    void updateFrame();
    [[nodiscard]] const std::vector<qint64> &events() const;
    /// The least step between two events (two pixels of the view).
    [[nodiscard]] qint64 minStepNs() const;

    QPointer<RunHandle> m_run;
    GanttTheme m_theme = GanttTheme::light();
    double m_axisEndSeconds = 0;
    bool m_legend = true;
    double m_labelWidth = 0;
    bool m_footer = true;
    bool m_scrollable = false;
    bool m_blame = true;
    bool m_states = true;
    bool m_ideal = true;
    quint64 m_generation = 0; ///< of the run shown: a new one resets zoom and selection
    qint32 m_focusSpan = -1; ///< the span under the pointer: its arrows are drawn
    [[nodiscard]] GanttPaintOptions options() const;
    void setOption(bool &member, bool on);
    qint64 m_viewFrom = 0; ///< zoomed view; from == to: fit the run
    qint64 m_viewTo = 0;
    enum class Drag
    {
        None,
        Pan,
        Select
    } m_drag
        = Drag::None;
    QPointF m_pressPos;
    QPointF m_lastPos;
    qint64 m_selFrom = 0;
    qint64 m_selTo = 0;
    QString m_hoverText;
    QPointF m_hoverPos;
    QString m_selectionText;
    int m_paintCount = 0;
    qint64 m_replayNs = -1; ///< the playhead (-1: no replay)
    Replay::Frame m_frame; ///< its frame (no model: none)
    int m_replayInFlight = 0;
    mutable std::vector<qint64> m_events; ///< of m_eventsOf, for stepping
    mutable std::weak_ptr<const GanttModel> m_eventsOf;
    /// A big run's frames are made on a worker (a 1 M-span frame takes ~130 ms): the chart shows
    /// the last one made until the next is ready, and only the newest instant asked for is made.
    void startFrameBuild();
    void onFrameBuilt();
    QFutureWatcher<Replay::Frame> m_frameBuild;
    std::weak_ptr<const GanttModel> m_frameBuildOf; ///< the run the frame being made is of
    qint64 m_frameBuildNs = -1; ///< its instant
};

} // namespace Coroscope
