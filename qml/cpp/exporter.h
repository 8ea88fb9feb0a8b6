// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSettings>
#include <QSizeF>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "render/ganttpainter.h"

#include <functional>
#include <memory>

namespace Coroscope {

class ChartOptions;
class PinBoard;
class RunHandle;
class SweepController;

/**
 * Exports from the app: the current run (an image of the chart, or the run as JSON, Chrome
 * trace or CSV) or the compare view's pinned runs as one figure. Remembers the folder and the
 * figure's options (width, scale, theme, title, legend, footer) between sessions; states the
 * exact size it writes; takes a typed path as typed (absolute, `~/…`, or relative to the
 * folder).
 */
class Exporter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the controller's")
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY changed)
    /// "app" (the window's), "light" or "dark".
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY changed)
    Q_PROPERTY(double scale READ scale WRITE setScale NOTIFY changed)
    /// 0: as wide as the view.
    Q_PROPERTY(int width READ width WRITE setWidth NOTIFY changed)
    Q_PROPERTY(bool title READ title WRITE setTitle NOTIFY changed)
    Q_PROPERTY(bool legend READ legend WRITE setLegend NOTIFY changed)
    Q_PROPERTY(bool footer READ footer WRITE setFooter NOTIFY changed)
    /// The chart's replay playhead (below 0: none): the current run's export is the frame shown,
    /// as `render --until` writes it.
    Q_PROPERTY(double replaySeconds READ replaySeconds WRITE setReplaySeconds NOTIFY replaySecondsChanged)

public:
    Exporter(RunHandle *current, PinBoard *pins, ChartOptions *chart, std::function<QString()> appTheme,
        std::function<void(const QString &)> log, QObject *parent = nullptr);

    [[nodiscard]] QString folder() const;
    void setFolder(const QString &folder);
    [[nodiscard]] QString theme() const { return m_theme; }
    void setTheme(const QString &theme);
    [[nodiscard]] double scale() const { return m_scale; }
    void setScale(double scale);
    [[nodiscard]] int width() const { return m_width; }
    void setWidth(int width);
    [[nodiscard]] bool title() const { return m_title; }
    void setTitle(bool on);
    [[nodiscard]] bool legend() const { return m_legend; }
    void setLegend(bool on);
    [[nodiscard]] bool footer() const { return m_footer; }
    void setFooter(bool on);
    [[nodiscard]] double replaySeconds() const { return m_replaySeconds; }
    void setReplaySeconds(double seconds);

    /// A path in the folder for a new export, e.g. ".../tasks-concurrent-20261201-101500.png";
    /// a comparison is named after the pinned runs' experiments.
    Q_INVOKABLE QString suggestedPath(const QString &suffix, bool comparison) const;
    /// What a typed path means: a file:// URL, `~/…`, absolute, or relative to the folder.
    Q_INVOKABLE QString resolve(const QString &typed) const;
    /// The format a typed path asks for ("png", "trace.json", …), or empty when its suffix is none.
    Q_INVOKABLE QString formatOf(const QString &typed) const;
    /// file:// URLs of a typed path and of its folder, for file dialogs (any character in a name).
    Q_INVOKABLE QUrl fileUrl(const QString &path) const;
    Q_INVOKABLE QUrl folderUrl(const QString &path) const;
    /// `path` with its suffix replaced by `suffix` (".trace.json" counts as one).
    Q_INVOKABLE QString withSuffix(const QString &path, const QString &suffix) const;
    /// The logical size of the figure at `viewWidth` (when the width option is 0).
    Q_INVOKABLE QSizeF imageSize(double viewWidth, bool comparison) const;
    /// "1200 × 640 px" (and "2400 × 1280 pixels at 2×" for PNG), or empty for data formats.
    Q_INVOKABLE QString sizeText(double viewWidth, bool comparison, const QString &suffix) const;
    /// Writes the figure or the run to `typed`; the error, or empty. Success remembers the
    /// folder and logs "exported PATH (SIZE)".
    Q_INVOKABLE QString exportTo(const QString &typed, double viewWidth, bool comparison);
    /// The sweep's figure (.png .svg .pdf), table (.csv) or runs (.json) to `typed`, as wide as
    /// `viewWidth` (or the width option, at least the figure's own least width); the error, or empty.
    Q_INVOKABLE QString exportSweepTo(const QString &typed, double viewWidth);
    /// A path in the folder for the sweep's export: "http-fanout-sweep-limit-20261201-101500.png".
    Q_INVOKABLE QString suggestedSweepPath(const QString &suffix) const;
    /// "1200 × 900 pixels" of the sweep's figure, or empty for data formats.
    Q_INVOKABLE QString sweepSizeText(double viewWidth, const QString &suffix) const;
    void setSweep(SweepController *sweep) { m_sweep = sweep; }
    /// The last successful export: "Saved PATH — 1200 × 640 px, 84 KB".
    Q_INVOKABLE QString lastSaved() const { return m_lastSaved; }

Q_SIGNALS:
    void changed();
    void replaySecondsChanged();

private:
    /// Sets a remembered on/off option (as ChartOptions does).
    void setOption(bool &member, bool on, const QString &key);
    [[nodiscard]] double figureWidth(double viewWidth) const;
    /// "1200 × 640 pixels" (PNG, with its scale) or "… px (vector)".
    [[nodiscard]] QString sizeWords(const QSizeF &size, const QString &suffix) const;
    [[nodiscard]] QString themeName() const;
    /// Resolves `typed`, runs `write` on the path (its error, or empty), then remembers the
    /// folder and says what was saved (`sizeOf` the suffix: the figure's size, or empty).
    QString writeTo(const QString &typed, const std::function<QString(const QString &)> &write,
        const std::function<QString(const QString &)> &sizeOf);
    QString exportCurrent(const QString &path, double width);
    /// The current run's figure at `width`: its model, options and height (a replay's frame).
    struct Figure
    {
        std::shared_ptr<const GanttModel> model;
        GanttPaintOptions paint;
        double height = 0;
    };
    [[nodiscard]] Figure currentFigure(double width) const;
    QString exportComparison(const QString &path, double width);

    RunHandle *m_current;
    PinBoard *m_pins;
    SweepController *m_sweep = nullptr;
    ChartOptions *m_chart;
    std::function<QString()> m_appTheme;
    std::function<void(const QString &)> m_log;
    QSettings m_settings;
    QString m_theme;
    double m_scale = 1;
    int m_width = 0;
    bool m_title = true;
    bool m_legend = true;
    bool m_footer = true;
    double m_replaySeconds = -1;
    QString m_lastSaved;
};

} // namespace Coroscope
