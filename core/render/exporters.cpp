// SPDX-License-Identifier: MIT
#include "exporters.h"

#include "timeline/analysis.h"

#include "async/errors.h"
#include "timeline/savefile.h"

#include "timeline/runfile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace Coroscope::Export {

namespace {

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    return saveFile(path, bytes, error);
}

double micros(qint64 ns)
{
    return static_cast<double>(ns) / 1e3;
}

} // namespace

QString csvField(const QString &raw)
{
    // Control characters (a server's ESC sequences) never reach a spreadsheet or a terminal.
    const QString s = printableLines(raw);
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r')) {
        QString quoted = s;
        quoted.replace(u'"', u"\"\""_s);
        return u'"' + quoted + u'"';
    }
    return s;
}

namespace {

QString seconds(qint64 ns)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 9);
}

} // namespace

std::optional<Format> formatForPath(const QString &path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(u".trace.json")) {
        return Format::ChromeTrace;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png") {
        return Format::Png;
    }
    if (suffix == u"svg") {
        return Format::Svg;
    }
    if (suffix == u"pdf") {
        return Format::Pdf;
    }
    if (suffix == u"json") {
        return Format::RunJson;
    }
    if (suffix == u"csv") {
        return Format::Csv;
    }
    return std::nullopt;
}

QString supportedSuffixes()
{
    return u".png, .svg, .pdf, .json (run file), .trace.json (Chrome trace), .csv"_s;
}

QSizeF imageSize(const GanttModel &model, const ImageOptions &options)
{
    const GanttPainter painter(model, options.theme, options.paint);
    const double width = std::max(options.width, kMinImageWidth);
    const double height = options.height > 0 ? options.height : painter.preferredHeight(width);
    return {width, height};
}

QImage renderImage(const GanttModel &model, const QSizeF &size, double scale, const GanttTheme &theme,
    const GanttPaintOptions &paint)
{
    return renderDrawing(size, scale, theme.background,
        [&](QPainter &p) { GanttPainter(model, theme, paint).paint(p, size); });
}

QImage renderDrawing(const QSizeF &size, double scale, const QColor &background, const Drawing &draw)
{
    const QSize pixels(static_cast<int>(std::ceil(size.width() * scale)),
        static_cast<int>(std::ceil(size.height() * scale)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(background);
    QPainter p(&image);
    draw(p);
    p.end();
    return image;
}

bool writeDrawing(const QString &path, const QSizeF &size, double scale, const QColor &background,
    const DrawingInfo &info, const Drawing &draw, QString *error)
{
    const auto format = formatForPath(path);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (format == Format::Png) {
        QImageWriter writer(&buffer, "png");
        if (!writer.write(renderDrawing(size, scale, background, draw))) {
            if (error) {
                *error = QCoreApplication::translate("Coroscope::Export", "cannot write %1: %2")
                             .arg(path, writer.errorString());
            }
            return false;
        }
        return saveBytes(path, buffer.data(), error);
    }
    QPainter p;
    std::unique_ptr<QPaintDevice> device;
    if (format == Format::Svg) {
        auto svg = std::make_unique<QSvgGenerator>();
        svg->setOutputDevice(&buffer);
        svg->setResolution(96); // QSvgGenerator defaults to 72 dpi
        svg->setSize(size.toSize());
        svg->setViewBox(QRectF(QPointF(0, 0), size));
        svg->setTitle(info.title);
        svg->setDescription(info.description);
        device = std::move(svg);
    } else if (format == Format::Pdf) {
        auto pdf = std::make_unique<QPdfWriter>(&buffer);
        pdf->setResolution(96); // one device unit = one logical pixel
        pdf->setCreator(u"Coroscope "_s + QCoreApplication::applicationVersion());
        pdf->setTitle(info.title);
        // The page is the drawing: width × height pixels at 96 dpi, in points.
        pdf->setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0),
            QPageSize::Point, u"Coroscope chart"_s, QPageSize::ExactMatch));
        pdf->setPageMargins(QMarginsF(0, 0, 0, 0));
        device = std::move(pdf);
    } else {
        if (error) {
            *error = QCoreApplication::translate(
                "Coroscope::Export", "cannot write %1 as an image: use .png, .svg or .pdf")
                         .arg(path);
        }
        return false;
    }
    if (!p.begin(device.get())) {
        if (error) {
            *error = QCoreApplication::translate(
                "Coroscope::Export", "cannot write %1: the %2 writer could not start")
                         .arg(path, format == Format::Svg ? u"SVG"_s : u"PDF"_s);
        }
        return false;
    }
    draw(p);
    p.end();
    device.reset();
    return saveBytes(path, buffer.data(), error);
}

namespace {
bool writeChart(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error)
{
    const QSizeF size = imageSize(model, options);
    const GanttPainter painter(model, options.theme, options.paint);
    return writeDrawing(
        path, size, options.scale, options.theme.background,
        {model.run().experiment + u" — Coroscope"_s, painter.headline()},
        [&](QPainter &p) { painter.paint(p, size); }, error);
}
} // namespace

bool writePng(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error)
{
    return writeChart(model, path, options, error);
}

bool writeSvg(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error)
{
    return writeChart(model, path, options, error);
}

bool writePdf(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error)
{
    return writeChart(model, path, options, error);
}

QByteArray chromeTrace(const RunData &run)
{
    QJsonArray events;
    constexpr int kPid = 1;
    events.append(QJsonObject {{u"ph"_s, u"M"_s}, {u"name"_s, u"process_name"_s}, {u"pid"_s, kPid},
        {u"tid"_s, 0}, {u"args"_s, QJsonObject {{u"name"_s, u"coroscope: "_s + run.experiment}}}});
    // One tid per lane, in lane order.
    for (const Lane &lane : run.lanes) {
        const int tid = static_cast<int>(lane.id) + 1;
        events.append(QJsonObject {{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_name"_s}, {u"pid"_s, kPid},
            {u"tid"_s, tid}, {u"args"_s, QJsonObject {{u"name"_s, lane.name}}}});
        events.append(QJsonObject {{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_sort_index"_s}, {u"pid"_s, kPid},
            {u"tid"_s, tid}, {u"args"_s, QJsonObject {{u"sort_index"_s, tid}}}});
    }
    for (const Span &s : run.spans) {
        QJsonObject args {
            {u"status"_s, toString(s.status)}, {u"lane_kind"_s, toString(run.lanes.at(s.lane).kind)}};
        if (!run.str(s.detail).isEmpty()) {
            args.insert(u"detail"_s, run.str(s.detail));
        }
        if (s.readyNs != kUnknownTime) {
            args.insert(u"ready_us"_s, micros(s.readyNs));
        }
        if (s.blocking) {
            args.insert(u"blocking"_s, true);
        }
        if (s.nestedLoop) {
            args.insert(u"nested_loop"_s, true);
        }
        if (const qint64 late = Analysis::lateFromNs(run, s); late != kUnknownTime) {
            // The task's states over the step: suspended, then ready but not resumed.
            args.insert(u"suspended_us"_s, micros(late - s.beginNs));
            args.insert(u"ready_waiting_us"_s, micros(s.endNs - late));
        }
        if (const std::size_t i = static_cast<std::size_t>(&s - run.spans.data());
            i < run.ideal.beginNs.size() && run.ideal.beginNs[i] != kUnknownTime
            && run.ideal.endNs[i] != kUnknownTime) {
            args.insert(u"ideal_start_us"_s, micros(run.ideal.beginNs[i]));
            args.insert(u"ideal_end_us"_s, micros(run.ideal.endNs[i]));
        }
        events.append(
            QJsonObject {{u"ph"_s, u"X"_s}, {u"name"_s, run.str(s.name)}, {u"cat"_s, toString(s.kind)},
                {u"ts"_s, micros(s.beginNs)}, {u"dur"_s, micros(s.isOpen() ? 0 : s.endNs - s.beginNs)},
                {u"pid"_s, kPid}, {u"tid"_s, static_cast<int>(s.lane) + 1}, {u"args"_s, args}});
    }
    for (const Mark &m : run.marks) {
        events.append(QJsonObject {{u"ph"_s, u"i"_s}, {u"s"_s, u"t"_s}, {u"name"_s, run.str(m.name)},
            {u"ts"_s, micros(m.atNs)}, {u"pid"_s, kPid}, {u"tid"_s, static_cast<int>(m.lane) + 1},
            {u"args"_s, QJsonObject {{u"detail"_s, run.str(m.detail)}}}});
    }
    for (const CounterSample &c : run.counters) {
        events.append(QJsonObject {{u"ph"_s, u"C"_s}, {u"name"_s, run.str(c.name)}, {u"ts"_s, micros(c.atNs)},
            {u"pid"_s, kPid}, {u"tid"_s, static_cast<int>(c.lane) + 1},
            {u"args"_s, QJsonObject {{run.str(c.name), c.value}}}});
    }
    // Wake-ups: what made a step ready (Analysis::wakers) — a flow from the end of that step
    // to the step's resumption.
    const std::vector<qint32> wakers = Analysis::wakers(run);
    int flowId = 1;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        if (wakers[i] < 0) {
            continue;
        }
        const Span &w = run.spans[i];
        const Span &source = run.spans[static_cast<std::size_t>(wakers[i])];
        const double startTs
            = micros(source.endNs) - std::min(1.0, micros(source.endNs - source.beginNs) / 2);
        events.append(QJsonObject {{u"ph"_s, u"s"_s}, {u"name"_s, u"wake-up"_s}, {u"cat"_s, u"wakeup"_s},
            {u"id"_s, flowId}, {u"ts"_s, startTs}, {u"pid"_s, kPid},
            {u"tid"_s, static_cast<int>(source.lane) + 1}});
        events.append(QJsonObject {{u"ph"_s, u"f"_s}, {u"bp"_s, u"e"_s}, {u"name"_s, u"wake-up"_s},
            {u"cat"_s, u"wakeup"_s}, {u"id"_s, flowId},
            {u"ts"_s, micros(w.endNs) - std::min(1.0, micros(w.endNs - w.beginNs) / 2)}, {u"pid"_s, kPid},
            {u"tid"_s, static_cast<int>(w.lane) + 1}});
        ++flowId;
    }
    // Who delayed whom, as flow arrows: from the culprit (where it began to hold the loop
    // while the victim was ready) to the victim's late resumption.
    for (const Blame &b : run.blame) {
        const Span &culprit = run.spans[static_cast<std::size_t>(b.culprit)];
        const Span &victim = run.spans[static_cast<std::size_t>(b.victim)];
        const QString name = u"+%1 s"_s.arg(static_cast<double>(b.delayNs) / 1e9, 0, 'f', 3);
        const qint64 from = std::max(culprit.beginNs, std::max(victim.readyNs, victim.beginNs));
        events.append(
            QJsonObject {{u"ph"_s, u"s"_s}, {u"name"_s, name}, {u"cat"_s, u"blame"_s}, {u"id"_s, flowId},
                {u"ts"_s, micros(from)}, {u"pid"_s, kPid}, {u"tid"_s, static_cast<int>(culprit.lane) + 1}});
        events.append(
            QJsonObject {{u"ph"_s, u"f"_s}, {u"bp"_s, u"e"_s}, {u"name"_s, name}, {u"cat"_s, u"blame"_s},
                {u"id"_s, flowId}, {u"ts"_s, micros(std::max(victim.beginNs, victim.endNs - 1000))},
                {u"pid"_s, kPid}, {u"tid"_s, static_cast<int>(victim.lane) + 1}});
        ++flowId;
    }
    // Notes on a track of their own: instants, and complete events for ranges.
    if (!run.notes.empty()) {
        const int tid = static_cast<int>(run.lanes.size()) + 1;
        events.append(QJsonObject {{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_name"_s}, {u"pid"_s, kPid},
            {u"tid"_s, tid}, {u"args"_s, QJsonObject {{u"name"_s, u"notes"_s}}}});
        events.append(QJsonObject {{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_sort_index"_s}, {u"pid"_s, kPid},
            {u"tid"_s, tid}, {u"args"_s, QJsonObject {{u"sort_index"_s, -1}}}});
        for (const Note &n : run.notes) {
            QJsonObject o {{u"name"_s, n.text}, {u"cat"_s, u"coroscope.note"_s}, {u"ts"_s, micros(n.beginNs)},
                {u"pid"_s, kPid}, {u"tid"_s, tid}};
            if (n.isRange()) {
                o.insert(u"ph"_s, u"X"_s);
                o.insert(u"dur"_s, micros(n.endNs - n.beginNs));
            } else {
                o.insert(u"ph"_s, u"i"_s);
                o.insert(u"s"_s, u"t"_s);
            }
            events.append(o);
        }
    }
    QJsonObject root {{u"traceEvents"_s, events}, {u"displayTimeUnit"_s, u"ms"_s},
        {u"otherData"_s,
            QJsonObject {{u"generator"_s, u"Coroscope "_s + QCoreApplication::applicationVersion()},
                {u"experiment"_s, run.experiment}, {u"wall_s"_s, static_cast<double>(run.wallNs) / 1e9},
                {u"ideal_s"_s, static_cast<double>(run.idealNs) / 1e9}}}};
    if (run.predictedNs != kUnknownTime || !run.predictedOverlap.isEmpty()) {
        QJsonObject other = root.value(u"otherData"_s).toObject();
        if (run.predictedNs != kUnknownTime) {
            other.insert(u"predicted_s"_s, static_cast<double>(run.predictedNs) / 1e9);
        }
        if (!run.predictedOverlap.isEmpty()) {
            other.insert(u"predicted_overlap"_s, run.predictedOverlap);
        }
        root.insert(u"otherData"_s, other);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray csv(const RunData &run)
{
    QString out = u"lane,lane_kind,name,kind,start_s,end_s,duration_s,ready_s,status,blocking,detail,"
                  "ready_waiting_s,ideal_start_s,ideal_end_s\n"_s;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &s = run.spans[i];
        const Lane &lane = run.lanes.at(s.lane);
        const qint64 late = Analysis::lateFromNs(run, s);
        const bool ideal = i < run.ideal.beginNs.size() && run.ideal.beginNs[i] != kUnknownTime
            && run.ideal.endNs[i] != kUnknownTime;
        out += csvField(lane.name) + u',' + toString(lane.kind) + u',' + csvField(run.str(s.name)) + u','
            + toString(s.kind) + u',' + seconds(s.beginNs) + u','
            + (s.isOpen() ? QString() : seconds(s.endNs)) + u','
            + (s.isOpen() ? QString() : seconds(s.endNs - s.beginNs)) + u','
            + (s.readyNs == kUnknownTime ? QString() : seconds(s.readyNs)) + u',' + toString(s.status) + u','
            + (s.blocking ? u"1"_s : u"0"_s) + u',' + csvField(run.str(s.detail)) + u','
            + (late == kUnknownTime ? QString() : seconds(s.endNs - late)) + u','
            + (ideal ? seconds(run.ideal.beginNs[i]) : QString()) + u','
            + (ideal ? seconds(run.ideal.endNs[i]) : QString()) + u'\n';
    }
    return out.toUtf8();
}

bool write(const GanttModel &model, const QString &path, const ImageOptions &options, QString *error)
{
    const auto format = formatForPath(path);
    if (!format) {
        if (error) {
            *error = QCoreApplication::translate(
                "Coroscope::Export", "cannot export %1: unknown format (supported: %2)")
                         .arg(path, supportedSuffixes());
        }
        return false;
    }
    switch (*format) {
    case Format::Png:
        return writePng(model, path, options, error);
    case Format::Svg:
        return writeSvg(model, path, options, error);
    case Format::Pdf:
        return writePdf(model, path, options, error);
    case Format::RunJson:
        return RunFile::write(model.run(), path, error);
    case Format::ChromeTrace:
        return saveBytes(path, chromeTrace(model.run()), error);
    case Format::Csv:
        return saveBytes(path, csv(model.run()), error);
    }
    return false;
}

} // namespace Coroscope::Export
