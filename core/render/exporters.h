// SPDX-License-Identifier: MIT
#pragma once

#include "ganttpainter.h"
#include "theme.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <functional>
#include <optional>

namespace Coroscope {

struct RunData;

/// Writing a run (or its chart) to files. Every failure reports the writer's own reason and
/// names the path.
namespace Export {

enum class Format
{
    Png,
    Svg,
    Pdf,
    RunJson,
    ChromeTrace,
    Csv
};

/// By file name: .png .svg .pdf .csv .trace.json (Chrome trace) and .json (run file).
[[nodiscard]] std::optional<Format> formatForPath(const QString &path);
[[nodiscard]] QString supportedSuffixes();

struct ImageOptions
{
    double width = 1200; ///< logical pixels (96 dpi); the height follows the rows
    double height = 0; ///< 0: the chart's natural height
    double scale = 1; ///< PNG only: device pixel ratio (2 for HiDPI)
    GanttTheme theme = GanttTheme::light();
    GanttPaintOptions paint;
};

/// The chart as an image of `size` logical pixels at `scale`, exactly as painted on screen.
[[nodiscard]] QImage renderImage(const GanttModel &model, const QSizeF &size, double scale,
    const GanttTheme &theme, const GanttPaintOptions &paint = {});
/// Something to draw at logical-pixel coordinates (a chart, a comparison of charts).
using Drawing = std::function<void(QPainter &)>;
struct DrawingInfo
{
    QString title;
    QString description;
};
/// `draw` on an image of `size` logical pixels at `scale`, filled with `background` first.
[[nodiscard]] QImage renderDrawing(
    const QSizeF &size, double scale, const QColor &background, const Drawing &draw);
/// `draw` into a PNG (at `scale`), SVG (96 dpi) or PDF (the page is the drawing), by the
/// path's suffix. Failures name the path.
bool writeDrawing(const QString &path, const QSizeF &size, double scale, const QColor &background,
    const DrawingInfo &info, const Drawing &draw, QString *error);
/// The size an export of `model` gets with `options`.
/// Images are at least this wide (logical pixels).
inline constexpr double kMinImageWidth = 320;
[[nodiscard]] QSizeF imageSize(const GanttModel &model, const ImageOptions &options);

bool writePng(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error);
bool writeSvg(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error);
bool writePdf(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error);

/// Chrome trace event format (chrome://tracing, Perfetto): one tid per lane, X events with
/// kind as category and detail/status in args, instants for marks, flows for hand-offs.
[[nodiscard]] QByteArray chromeTrace(const RunData &run);
/// One row per span: lane, lane_kind, name, kind, start_s, end_s, duration_s, ready_s, status, blocking,
/// detail.
[[nodiscard]] QByteArray csv(const RunData &run);

/// A CSV field: control characters dropped, quoted when it holds a comma, a quote or a line break.
[[nodiscard]] QString csvField(const QString &raw);

/// Writes `path` in the format its name asks for.
bool write(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error);

} // namespace Export
} // namespace Coroscope
