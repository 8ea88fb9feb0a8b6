// SPDX-License-Identifier: MIT
#include "exporter.h"

#include "experiments/sweep.h"
#include "render/replay.h"
#include "render/sweepfigure.h"
#include "sweepcontroller.h"

#include "chartoptions.h"
#include "pinboard.h"
#include "render/exporters.h"
#include "render/ganttpainter.h"
#include "runhandle.h"
#include "timeline/rundata.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
constexpr double kMinWidth = 320;
constexpr double kMaxWidth = 8000;

bool isImage(const QString &suffix)
{
    return suffix == u"png" || suffix == u"svg" || suffix == u"pdf";
}

QString suffixOf(const QString &path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(u".trace.json")) {
        return u"trace.json"_s;
    }
    return QFileInfo(path).suffix().toLower();
}
} // namespace

Exporter::Exporter(RunHandle *current, PinBoard *pins, ChartOptions *chart, std::function<QString()> appTheme,
    std::function<void(const QString &)> log, QObject *parent)
    : QObject(parent)
    , m_current(current)
    , m_pins(pins)
    , m_chart(chart)
    , m_appTheme(std::move(appTheme))
    , m_log(std::move(log))
{
    m_theme = m_settings.value(u"export/theme"_s, u"app"_s).toString();
    m_scale = std::clamp(m_settings.value(u"export/scale"_s, 1.0).toDouble(), 1.0, 4.0);
    m_width = m_settings.value(u"export/width"_s, 0).toInt();
    m_title = m_settings.value(u"export/title"_s, true).toBool();
    m_legend = m_settings.value(u"export/legend"_s, true).toBool();
    m_footer = m_settings.value(u"export/footer"_s, true).toBool();
}

QString Exporter::folder() const
{
    const QString saved = m_settings.value(u"export/folder"_s).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir()) {
        return saved;
    }
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    return !pictures.isEmpty() && QFileInfo(pictures).isDir() ? pictures : QDir::homePath();
}

void Exporter::setFolder(const QString &folder)
{
    const QString path = resolve(folder);
    if (path != this->folder() && QFileInfo(path).isDir()) {
        m_settings.setValue(u"export/folder"_s, path);
        Q_EMIT changed();
    }
}

void Exporter::setTheme(const QString &theme)
{
    if (theme != m_theme && (theme == u"app" || theme == u"light" || theme == u"dark")) {
        m_theme = theme;
        m_settings.setValue(u"export/theme"_s, theme);
        Q_EMIT changed();
    }
}

void Exporter::setScale(double scale)
{
    scale = std::clamp(scale, 1.0, 4.0);
    if (!qFuzzyCompare(scale, m_scale)) {
        m_scale = scale;
        m_settings.setValue(u"export/scale"_s, scale);
        Q_EMIT changed();
    }
}

void Exporter::setWidth(int width)
{
    width = width <= 0 ? 0 : static_cast<int>(std::clamp<double>(width, kMinWidth, kMaxWidth));
    if (width != m_width) {
        m_width = width;
        m_settings.setValue(u"export/width"_s, width);
        Q_EMIT changed();
    }
}

void Exporter::setOption(bool &member, bool on, const QString &key)
{
    if (on != member) {
        member = on;
        m_settings.setValue(key, on);
        Q_EMIT changed();
    }
}

void Exporter::setTitle(bool on)
{
    setOption(m_title, on, u"export/title"_s);
}

void Exporter::setLegend(bool on)
{
    setOption(m_legend, on, u"export/legend"_s);
}

void Exporter::setFooter(bool on)
{
    setOption(m_footer, on, u"export/footer"_s);
}

QString Exporter::themeName() const
{
    return m_theme == u"app" ? m_appTheme() : m_theme;
}

double Exporter::figureWidth(double viewWidth) const
{
    // Whole pixels: the size stated is then exactly the size written (a view may be 1023.4 wide).
    return std::round(
        std::clamp(m_width > 0 ? static_cast<double>(m_width) : viewWidth, kMinWidth, kMaxWidth));
}

QString Exporter::suggestedPath(const QString &suffix, bool comparison) const
{
    QString base;
    if (comparison) {
        QStringList ids;
        for (const RunHandle *h : m_pins->handles()) {
            if (!ids.contains(h->experimentId())) {
                ids.append(h->experimentId());
            }
        }
        base = u"compare-"_s + (ids.size() <= 3 ? ids.join(u'-') : ids.mid(0, 3).join(u'-') + u"-etc"_s);
    } else {
        base = m_current->isEmpty() ? u"coroscope"_s : m_current->experimentId();
    }
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    return QDir(folder()).filePath(u"%1-%2.%3"_s.arg(base, stamp, suffix));
}

QString Exporter::suggestedSweepPath(const QString &suffix) const
{
    const auto result = m_sweep ? m_sweep->result() : nullptr;
    const QString base = result ? u"%1-sweep-%2"_s.arg(result->experiment, result->spec.key) : u"sweep"_s;
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    return QDir(folder()).filePath(u"%1-%2.%3"_s.arg(base, stamp, suffix));
}

namespace {
/// A sweep's figure is at least as wide as the CLI's default: its panels need the room.
double sweepWidth(int option, double viewWidth)
{
    return std::round(option > 0 ? static_cast<double>(option) : std::max(viewWidth, 1200.0));
}
} // namespace

QString Exporter::sweepSizeText(double viewWidth, const QString &suffix) const
{
    const auto result = m_sweep ? m_sweep->result() : nullptr;
    if (!isImage(suffix) || !result || result->points.empty()) {
        return {};
    }
    const SweepFigure figure(*result, GanttTheme::byName(themeName()), m_chart->apply({}), sweepWidth(m_width, viewWidth));
    return sizeWords(figure.size(), suffix);
}

QString Exporter::exportSweepTo(const QString &typed, double viewWidth)
{
    const auto result = m_sweep ? m_sweep->result() : nullptr;
    if (!result || result->points.empty()) {
        return tr("Nothing to export yet: run a sweep first (Parameters → Sweep).");
    }
    return writeTo(
        typed,
        [&](const QString &path) {
            Export::ImageOptions options;
            options.width = sweepWidth(m_width, viewWidth);
            options.scale = m_scale;
            options.theme = GanttTheme::byName(themeName());
            options.paint = m_chart->apply({});
            QString error;
            return Export::writeSweep(*result, path, options, &error) ? QString() : error;
        },
        [&](const QString &suffix) { return sweepSizeText(viewWidth, suffix); });
}

QString Exporter::writeTo(const QString &typed, const std::function<QString(const QString &)> &write,
    const std::function<QString(const QString &)> &sizeOf)
{
    const QString path = resolve(typed);
    if (path.isEmpty()) {
        return tr("Type a file name to export to.");
    }
    if (QFileInfo(path).isDir()) {
        return tr("%1 is a folder: add a file name.").arg(path);
    }
    if (const QString error = write(path); !error.isEmpty()) {
        m_log(error);
        return error;
    }
    m_settings.setValue(u"export/folder"_s, QFileInfo(path).absolutePath());
    const QString size = sizeOf(suffixOf(path));
    const QString bytes
        = QLocale().formattedDataSize(QFileInfo(path).size(), 1, QLocale::DataSizeTraditionalFormat);
    m_lastSaved = size.isEmpty() ? tr("Saved %1 — %2").arg(path, bytes)
                                 : tr("Saved %1 — %2, %3").arg(path, size, bytes);
    m_log(tr("exported %1 (%2)").arg(path, size.isEmpty() ? bytes : size));
    Q_EMIT changed();
    return {};
}

QString Exporter::resolve(const QString &typed) const
{
    QString text = typed.trimmed();
    if (text.startsWith(u"file:")) {
        text = QUrl(text).toLocalFile();
    }
    if (text == u"~" || text.startsWith(u"~/")) {
        text = QDir::homePath() + text.mid(1);
    }
    if (text.isEmpty()) {
        return {};
    }
    return QDir::cleanPath(QDir(folder()).absoluteFilePath(text));
}

QString Exporter::formatOf(const QString &typed) const
{
    const QString path = resolve(typed);
    return Export::formatForPath(path) ? suffixOf(path) : QString();
}

QUrl Exporter::fileUrl(const QString &path) const
{
    return QUrl::fromLocalFile(resolve(path));
}

QUrl Exporter::folderUrl(const QString &path) const
{
    const QFileInfo info(resolve(path));
    return QUrl::fromLocalFile(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString Exporter::withSuffix(const QString &path, const QString &suffix) const
{
    if (path.endsWith(u'/')) {
        return path; // a folder: the export refuses it and says why
    }
    const QString old = suffixOf(path);
    QString stem = path;
    if (!old.isEmpty() && Export::formatForPath(path)) {
        stem.chop(old.size() + 1);
    }
    return stem + u'.' + suffix;
}

QSizeF Exporter::imageSize(double viewWidth, bool comparison) const
{
    const double width = figureWidth(viewWidth);
    const GanttTheme theme = GanttTheme::byName(themeName());
    if (comparison) {
        double height = 0;
        const auto &handles = m_pins->handles();
        for (std::size_t i = 0; i < handles.size(); ++i) {
            if (const auto model = handles[i]->model()) {
                const bool last = i + 1 == handles.size();
                GanttPaintOptions paint = m_chart->apply({.header = m_title,
                    .legend = m_legend && last,
                    .footer = m_footer && last,
                    .labelWidth = m_pins->labelWidth()});
                height += GanttPainter(*model, theme, paint).preferredHeight(width);
            }
        }
        return {width, height};
    }
    const Figure figure = currentFigure(width);
    return figure.model ? QSizeF(width, figure.height) : QSizeF();
}

Exporter::Figure Exporter::currentFigure(double width) const
{
    const auto model = m_current->model();
    if (!model) {
        return {};
    }
    const GanttTheme theme = GanttTheme::byName(themeName());
    const GanttPaintOptions paint = m_chart->apply(
        {.header = m_title, .legend = m_legend, .footer = m_footer, .live = m_current->isLive()});
    if (m_replaySeconds >= 0 && !m_current->isLive()) {
        const Replay::Frame frame
            = Replay::frameAt(model, std::llround(m_replaySeconds * 1e9), theme, paint, width);
        return {frame.model, frame.paint, frame.height};
    }
    return {model, paint, GanttPainter(*model, theme, paint).preferredHeight(width)};
}

void Exporter::setReplaySeconds(double seconds)
{
    if (!qFuzzyCompare(seconds + 2, m_replaySeconds + 2)) {
        m_replaySeconds = seconds;
        Q_EMIT replaySecondsChanged(); // not changed(): the size shown is the whole run's, and a
                                       // replay moves its playhead sixty times a second
    }
}

QString Exporter::sizeText(double viewWidth, bool comparison, const QString &suffix) const
{
    if (!isImage(suffix)) {
        return {};
    }
    const QSizeF size = imageSize(viewWidth, comparison);
    if (size.isEmpty()) {
        return {};
    }
    return sizeWords(size, suffix);
}

QString Exporter::sizeWords(const QSizeF &size, const QString &suffix) const
{
    const auto w = static_cast<int>(std::lround(size.width()));
    const auto h = static_cast<int>(std::ceil(size.height()));
    if (suffix == u"png" && m_scale > 1) {
        return tr("%1 × %2 px at %3× (%4 × %5 pixels)")
            .arg(w)
            .arg(h)
            .arg(m_scale)
            .arg(static_cast<int>(std::ceil(w * m_scale)))
            .arg(static_cast<int>(std::ceil(h * m_scale)));
    }
    return suffix == u"png" ? tr("%1 × %2 pixels").arg(w).arg(h) : tr("%1 × %2 px (vector)").arg(w).arg(h);
}

QString Exporter::exportTo(const QString &typed, double viewWidth, bool comparison)
{
    return writeTo(
        typed,
        [&](const QString &path) {
            return comparison ? exportComparison(path, figureWidth(viewWidth)) : exportCurrent(path, figureWidth(viewWidth));
        },
        [&](const QString &suffix) { return sizeText(viewWidth, comparison, suffix); });
}

QString Exporter::exportCurrent(const QString &path, double width)
{
    const Figure figure = currentFigure(width);
    if (!figure.model) {
        return tr("Nothing to export yet: run an experiment first.");
    }
    Export::ImageOptions options;
    options.width = width;
    options.height = figure.height; // the rows' natural height at this width: what the view shows at it
    options.scale = m_scale;
    options.theme = GanttTheme::byName(themeName());
    options.paint = figure.paint;
    QString error;
    if (!Export::write(*figure.model, path, options, &error)) {
        return error;
    }
    return {};
}

QString Exporter::exportComparison(const QString &path, double width)
{
    const auto &handles = m_pins->handles();
    if (handles.empty()) {
        return tr("Nothing to compare: pin runs first (Ctrl+P).");
    }
    if (const QString suffix = suffixOf(path); !isImage(suffix)) {
        return tr("cannot export the comparison to %1: it is a figure (.png, .svg or .pdf)").arg(path);
    }
    const GanttTheme theme = GanttTheme::byName(themeName());
    const auto endNs = static_cast<qint64>(m_pins->endSeconds() * 1e9);
    struct Chart
    {
        std::shared_ptr<const GanttModel> model;
        GanttPaintOptions paint;
        double height;
    };
    std::vector<Chart> charts;
    double height = 0;
    for (std::size_t i = 0; i < handles.size(); ++i) {
        const auto model = handles[i]->model();
        if (!model) {
            continue;
        }
        const bool last = i + 1 == handles.size();
        const GanttPaintOptions paint = m_chart->apply({.header = m_title,
            .legend = m_legend && last,
            .footer = m_footer && last,
            .labelWidth = m_pins->labelWidth()});
        const double h = GanttPainter(*model, theme, paint).preferredHeight(width);
        charts.push_back({model, paint, h});
        height += h;
    }
    QString error;
    const bool ok = Export::writeDrawing(
        path, QSizeF(width, height), m_scale, theme.background,
        {tr("Coroscope comparison"),
            tr("%n pinned runs on one time axis", nullptr, static_cast<int>(charts.size()))},
        [&](QPainter &p) {
            double y = 0;
            for (const Chart &c : charts) {
                const GanttPainter painter(*c.model, theme, c.paint);
                const QSizeF chart(width, c.height);
                p.save();
                p.translate(0, y);
                painter.paint(p, chart, painter.layout(chart, 0, endNs));
                p.restore();
                y += c.height;
            }
        },
        &error);
    return ok ? QString() : error;
}

} // namespace Coroscope
