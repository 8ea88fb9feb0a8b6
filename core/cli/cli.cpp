// SPDX-License-Identifier: MIT
#include "cli.h"

#include "async/errors.h"

#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/runner.h"
#include "experiments/sweep.h"
#include "http/delayserver.h"
#include "pg/localpostgres.h"
#include "pg/postgres.h"
#include "python/pythontrace.h"
#include "render/exporters.h"
#include "render/ganttmodel.h"
#include "render/replay.h"
#include "render/sweepfigure.h"
#include "render/textchart.h"
#include "timeline/analysis.h"
#include "timeline/prediction.h"
#include "timeline/runfile.h"
#include "timeline/stats.h"
#include "timeline/traceimport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <functional>
#include <unistd.h>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace Coroscope::Cli {

namespace {

/// The command line's human output is translatable (context "Coroscope::Cli").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::Cli)
};

/// Text for the terminal: control characters that come from servers, files or arguments
/// (an ESC that would recolour or clear the screen) are shown as \xNN; line breaks stay.
QString forTerminal(const QString &text)
{
    return printableLines(text);
}

void out(const QString &text)
{
    const QByteArray bytes = forTerminal(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = u"coroscope: "_s.toUtf8() + forTerminal(text).toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
}

int usageError(const QString &message, const QString &hint = {})
{
    err(message);
    if (!hint.isEmpty()) {
        const QByteArray bytes = hint.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
    }
    return BadUsage;
}

QString ms(double seconds)
{
    return u"%1 ms"_s.arg(seconds * 1e3, 0, 'f', 1);
}

QString signedMs(double seconds)
{
    return (seconds >= 0 ? u"+"_s : QString()) + ms(seconds);
}

const Experiment *findExperiment(const QString &id, int *exitCode)
{
    const Experiment *experiment = Catalog::find(id);
    if (!experiment) {
        QStringList close;
        for (const Experiment *e : Catalog::all()) {
            if (e->id().contains(id, Qt::CaseInsensitive) || id.contains(e->id(), Qt::CaseInsensitive)) {
                close.append(e->id());
            }
        }
        *exitCode = usageError(Tr::tr("unknown experiment '%1'").arg(id),
            close.isEmpty() ? Tr::tr("Run 'coroscope list' to see the experiments.")
                            : Tr::tr("Did you mean: %1?").arg(close.join(u", "_s)));
    }
    return experiment;
}

// ---- list -------------------------------------------------------------------------------

int cmdList(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("List the experiments."));
    parser.addHelpOption();
    parser.addOption({u"json"_s, Tr::tr("Print the list as JSON.")});
    if (!parser.parse(args)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.isSet(u"json"_s)) {
        QJsonArray list;
        for (const Experiment *e : Catalog::all()) {
            const auto &info = e->info();
            list.append(QJsonObject {{u"id"_s, info.id}, {u"title"_s, info.title}, {u"group"_s, info.group},
                {u"seed"_s, info.seed}, {u"ideal"_s, info.idealFormula},
                {u"available"_s, e->unavailableReason().isEmpty()}, {u"summary"_s, info.summary}});
        }
        out(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    qsizetype idWidth = 0;
    for (const Experiment *e : Catalog::all()) {
        idWidth = std::max(idWidth, e->id().size());
    }
    QString group;
    for (const Experiment *e : Catalog::all()) {
        if (e->info().group != group) {
            group = e->info().group;
            out(u"\n%1\n"_s.arg(translated(group)));
        }
        const QString reason = e->unavailableReason();
        out(u"  %1  %2%3\n"_s.arg(e->id().leftJustified(idWidth), translated(e->info().summary),
            reason.isEmpty() ? QString() : Tr::tr("  [unavailable: %1]").arg(reason)));
    }
    out(Tr::tr("\nRun one: coroscope run ID [--param delay=0.3]   Details: coroscope describe ID\n"));
    return Ok;
}

// ---- describe ---------------------------------------------------------------------------

int cmdDescribe(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Describe an experiment: what it does, its parameters and its source."));
    parser.addHelpOption();
    parser.addOption({u"no-source"_s, Tr::tr("Leave out the C++ source.")});
    parser.addPositionalArgument(u"id"_s, Tr::tr("The experiment (see 'coroscope list')."));
    if (!parser.parse(args)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError(
            Tr::tr("describe needs exactly one experiment id"), Tr::tr("Usage: coroscope describe ID"));
    }
    int code = Ok;
    const Experiment *e = findExperiment(parser.positionalArguments().constFirst(), &code);
    if (!e) {
        return code;
    }
    const ExperimentInfo info = e->translatedInfo();
    QString text;
    text += u"%1 — %2\n"_s.arg(info.id, info.title);
    text += Tr::tr("group: %1    seed: %2    ideal: %3\n\n").arg(info.group, info.seed, info.idealFormula);
    text += info.explanation + u"\n\n"_s;
    text += Tr::tr("What to expect: ") + info.expectation + u"\n\n"_s;
    text += Tr::tr("Parameters:\n");
    for (const ParamSpec &p : info.params) {
        text += u"  %1 = %2   (%3)  %4\n"_s.arg(p.key, p.defaultValue.toString(), p.rangeText(), p.help);
    }
    if (const QString reason = e->unavailableReason(); !reason.isEmpty()) {
        text += Tr::tr("\nUnavailable here: %1\n").arg(reason);
    }
    if (!parser.isSet(u"no-source"_s)) {
        text += Tr::tr("\nSource (core/experiments/%1):\n\n").arg(info.sourceFile);
        text += e->source();
    }
    out(text);
    return Ok;
}

// ---- run --------------------------------------------------------------------------------

/// The main culprits of a run's blame, at most three lines:
///   "  delayed    task 2 · APPL: blocking SELECT pg_sleep($1) held the loop while task 1 ·
///    GOOG: SELECT pg_sleep($1) was ready: +0.300 s" (Analysis::blameSentence).
QString delayedLines(const RunData &run)
{
    const auto culprits = Analysis::culprits(run);
    QString text;
    for (std::size_t i = 0; i < culprits.size() && i < 3; ++i) {
        const Analysis::CulpritSummary &c = culprits[i];
        // One multi-argument arg(): a lane name holding "%2" (an imported trace) stays as it is.
        const QString others = c.victims > 1
            ? Tr::tr(" (and %n more, +%1 s in all)", nullptr, c.victims - 1)
                  .arg(QString::number(static_cast<double>(c.totalNs) / 1e9, 'f', 3))
            : QString();
        text += Tr::tr("  delayed    %1: +%2 s%3\n")
                    .arg(Analysis::blameSentence(run, c.culprit, c.worstVictim),
                        QString::number(static_cast<double>(c.maxNs) / 1e9, 'f', 3), others);
    }
    if (culprits.size() > 3) {
        text += Tr::tr("  delayed    … and %n more culprit(s) (the run file's \"blame\" list has them all)\n",
            nullptr, static_cast<int>(culprits.size() - 3));
    }
    return text;
}

QJsonArray delayedJson(const RunData &run)
{
    QJsonArray out;
    for (const Analysis::CulpritSummary &c : Analysis::culprits(run)) {
        out.append(QJsonObject {{u"culprit"_s, Analysis::describeStep(run, c.culprit)},
            {u"victims"_s, c.victims}, {u"total_s"_s, static_cast<double>(c.totalNs) / 1e9},
            {u"worst_victim"_s, Analysis::describeStep(run, c.worstVictim)},
            {u"worst_s"_s, static_cast<double>(c.maxNs) / 1e9}});
    }
    return out;
}

/// The ideal schedule's figures: as written with zero overhead, and with every blocking step
/// made async (when there were blocking steps to make async).
QString scheduleLines(const RunData &run)
{
    const RunStats &s = run.stats;
    if (s.idealScheduleS <= 0) {
        return {};
    }
    QString text = Tr::tr("  scheduled  %1 s with zero overhead (the recorded steps replayed)\n")
                       .arg(s.idealScheduleS, 0, 'f', 4);
    if (s.madeAsync > 0) {
        text += Tr::tr("  all async  %1 s if its %n blocking step(s) were async\n", nullptr, s.madeAsync)
                    .arg(s.idealAllAsyncS, 0, 'f', 4);
    }
    return text;
}

/// What a run and a traced program both report after their wall: the schedule, the overlap,
/// the loop's stalls and what delayed whom.
QString whyLines(const RunData &run)
{
    const RunStats &s = run.stats;
    QString text = scheduleLines(run);
    text += Tr::tr("  overlap    max %1 at once, average %2\n").arg(s.maxConcurrency).arg(s.avgConcurrency, 0, 'f', 2);
    text += Tr::tr("  loop       longest stall %1%2\n")
                .arg(ms(s.longestStallS),
                    s.totalStallS > 0 ? Tr::tr(", frozen %1 in all").arg(ms(s.totalStallS)) : QString());
    return text + delayedLines(run);
}

QString verdict(const RunData &run, const Expectation &expected)
{
    const RunStats &s = run.stats;
    if (run.status != RunStatus::Ok) {
        return u"%1: %2"_s.arg(
            run.status == RunStatus::Cancelled ? Tr::tr("cancelled") : Tr::tr("failed"), run.error);
    }
    QStringList parts;
    if (s.maxConcurrency >= 2) {
        parts.append(Tr::tr("overlapped (up to %1 at once)").arg(s.maxConcurrency));
    } else {
        parts.append(Tr::tr("no overlap (one at a time)"));
    }
    if (s.totalStallS > 0) {
        parts.append(Tr::tr("loop frozen for %1").arg(ms(s.totalStallS)));
    }
    const double margin = 0.003 + 0.01 * s.idealS;
    if (s.overheadS <= margin) {
        parts.append(Tr::tr("on ideal"));
    } else {
        parts.append(Tr::tr("%1 over ideal").arg(ms(s.overheadS)));
    }
    const bool asExpected
        = s.maxConcurrency == expected.maxConcurrency && (s.totalStallS > 0) == expected.loopBlocked;
    if (!asExpected) {
        return parts.join(u", "_s) + Tr::tr(" — NOT as expected");
    }
    // The shape is what the experiment predicts; the time may still be far from it (two threads
    // computing on cores the machine does not really give them): not "as expected" then.
    if (s.idealS > 0 && s.overheadS > std::max(0.05, 0.25 * s.idealS)) {
        return parts.join(u", "_s)
            + Tr::tr(" — the shape as expected, but %1× the ideal").arg(s.wallS / s.idealS, 0, 'f', 1);
    }
    return parts.join(u", "_s) + Tr::tr(" — as expected");
}

// ---- output options shared by run and render ---------------------------------------------

// Functions, not constants: translated once the translators are installed.
QString runUsage()
{
    return Tr::tr(
        "Usage: coroscope run ID [--param k=v]... [--export FILE]... [--scale S] [--theme light|dark] "
        "[--width PX] [--hide blame|states|ideal] [--text] [--repeat N] [--json] [--predict S] "
        "[--predict-overlap 1+2|none|all] "
        "[--note T:TEXT]...");
}

QString renderUsage()
{
    return Tr::tr("Usage: coroscope render RUN.json|TRACE.json [--export FILE]... [--scale S] "
                  "[--theme light|dark] [--width PX] [--hide blame|states|ideal] [--text] [--note T:TEXT]... "
                  "[--until T]");
}

struct OutputOptions
{
    QStringList exports;
    Export::ImageOptions image;
    bool text = false;
};

void addOutputOptions(QCommandLineParser &parser)
{
    parser.addOption({u"export"_s,
        Tr::tr("Write FILE (repeatable): .png, .svg, .pdf — the chart; .json — the run file; "
               ".trace.json — Chrome trace (Perfetto); .csv — one row per span."),
        u"file"_s});
    parser.addOption(
        {u"scale"_s, Tr::tr("PNG device pixel ratio, e.g. 2 for HiDPI (0.5–4)."), u"s"_s, u"1"_s});
    parser.addOption({u"theme"_s, Tr::tr("Chart theme: light (default) or dark."), u"name"_s, u"light"_s});
    parser.addOption(
        {u"width"_s, Tr::tr("Chart width in pixels at 96 dpi (400–10000)."), u"px"_s, u"1200"_s});
    parser.addOption({u"text"_s, Tr::tr("Print the chart as Unicode bars.")});
    parser.addOption({u"hide"_s,
        Tr::tr("Leave out of the chart (repeatable): blame (arrows from what held the loop), states (the "
               "task state strips), ideal (ghost outlines at zero overhead, overheads, the all-async "
               "marker)."),
        u"what"_s});
}

std::optional<OutputOptions> readOutputOptions(const QCommandLineParser &parser, int *exitCode)
{
    OutputOptions o;
    o.text = parser.isSet(u"text"_s);
    bool ok = false;
    o.image.scale = parser.value(u"scale"_s).toDouble(&ok);
    if (!ok || o.image.scale < 0.5 || o.image.scale > 4) {
        *exitCode
            = usageError(u"--scale must be a number in 0.5–4, got '%1'"_s.arg(parser.value(u"scale"_s)));
        return std::nullopt;
    }
    o.image.width = parser.value(u"width"_s).toDouble(&ok);
    if (!ok || o.image.width < 400 || o.image.width > 10000) {
        *exitCode = usageError(
            u"--width must be a number of pixels in 400–10000, got '%1'"_s.arg(parser.value(u"width"_s)));
        return std::nullopt;
    }
    o.image.theme = GanttTheme::byName(parser.value(u"theme"_s), &ok);
    if (!ok) {
        *exitCode = usageError(u"--theme must be light or dark, got '%1'"_s.arg(parser.value(u"theme"_s)));
        return std::nullopt;
    }
    for (const QString &what : parser.values(u"hide"_s)) {
        for (const QString &item : what.split(u',', Qt::SkipEmptyParts)) {
            if (item == u"blame") {
                o.image.paint.blame = false;
            } else if (item == u"states") {
                o.image.paint.states = false;
            } else if (item == u"ideal") {
                o.image.paint.ideal = false;
            } else {
                *exitCode = usageError(
                    Tr::tr("--hide takes blame, states or ideal, got '%1'").arg(printable(item)));
                return std::nullopt;
            }
        }
    }
    o.exports = parser.values(u"export"_s);
    for (const QString &path : std::as_const(o.exports)) {
        if (!Export::formatForPath(path)) {
            const QString suffix = QFileInfo(path).suffix().toLower();
            *exitCode = usageError(Tr::tr("cannot export '%1': unsupported format '.%2' (supported: %3)")
                                       .arg(path, suffix, Export::supportedSuffixes()));
            return std::nullopt;
        }
        if (const QFileInfo target(path); target.exists() && !target.isFile()) {
            *exitCode = usageError(
                Tr::tr("cannot export '%1': it is %2, not a regular file; refusing to replace it")
                    .arg(path, target.isDir() ? Tr::tr("a folder") : Tr::tr("a device, pipe or socket")));
            return std::nullopt;
        }
        const QFileInfo dir(QFileInfo(path).absolutePath());
        if (!dir.isDir() || !dir.isWritable()) {
            *exitCode
                = usageError(Tr::tr("cannot export '%1': directory %2 does not exist or is not writable")
                                 .arg(path, dir.absoluteFilePath()));
            return std::nullopt;
        }
    }
    return o;
}

/// Writes every export; returns false if a write failed (reported).
bool writeExports(const GanttModel &model, const OutputOptions &o, bool quiet)
{
    bool ok = true;
    for (const QString &path : o.exports) {
        QString error;
        if (!Export::write(model, path, o.image, &error)) {
            err(error);
            ok = false;
        } else if (!quiet) {
            out(Tr::tr("wrote %1\n").arg(path));
        }
    }
    return ok;
}

bool writeExports(const RunData &run, const OutputOptions &o, bool quiet)
{
    return o.exports.isEmpty() || writeExports(GanttModel(run), o, quiet);
}

void printTextChart(const RunData &run, const OutputOptions &o)
{
    if (o.text) {
        const int columns = qEnvironmentVariableIntValue("COLUMNS");
        out(textChart(GanttModel(run), columns >= 40 ? columns : 100));
    }
}

/// The --param options as (key, value) pairs; nullopt (reported) when one is not key=value.
std::optional<QList<std::pair<QString, QString>>> readOverrides(const QCommandLineParser &parser, int *exitCode)
{
    QList<std::pair<QString, QString>> overrides;
    for (const QString &kv : parser.values(u"param"_s)) {
        const auto eq = kv.indexOf(u'=');
        if (eq <= 0) {
            *exitCode = usageError(Tr::tr("--param '%1' is not key=value (e.g. --param delay=0.3)").arg(kv));
            return std::nullopt;
        }
        overrides.append({kv.left(eq).trimmed(), kv.mid(eq + 1)});
    }
    return overrides;
}

void addNoteOption(QCommandLineParser &parser)
{
    parser.addOption({u"note"_s,
        Tr::tr("A note on the chart (repeatable): TIME:TEXT at an instant or FROM-TO:TEXT over a range, in "
               "seconds (0.25) or milliseconds (250ms). Drawn in every export, kept in the run file and the "
               "Chrome trace."),
        u"t:text"_s});
}

/// The --note options, checked for their form (their times are checked against the run later).
std::optional<std::vector<Note>> readNotes(const QCommandLineParser &parser, int *exitCode)
{
    std::vector<Note> notes;
    for (const QString &spec : parser.values(u"note"_s)) {
        QString error;
        auto note = parseNote(spec, &error);
        // Its text and order now, before a run: only its times wait for the run's range.
        RunData any;
        any.wallNs = std::numeric_limits<qint64>::max();
        if (!note || !any.addNote(*note, &error)) {
            *exitCode = usageError(note ? Tr::tr("--note '%1': %2").arg(printable(spec, 60), error) : printable(error));
            return std::nullopt;
        }
        notes.push_back(std::move(*note));
    }
    return notes;
}

/// Adds the notes to the run; false (reported) when one is refused (outside the run...).
bool addNotes(RunData &run, const std::vector<Note> &notes)
{
    for (const Note &note : notes) {
        QString error;
        if (!run.addNote(note, &error)) {
            err(Tr::tr("--note '%1': %2").arg(printable(note.text, 60), error));
            return false;
        }
    }
    return true;
}

int cmdRun(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Run an experiment and report wall, ideal and overhead."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"id"_s, Tr::tr("The experiment (see 'coroscope list')."));
    parser.addOption({u"param"_s, Tr::tr("Set a parameter, e.g. delay=0.3 (repeatable)."), u"key=value"_s});
    addOutputOptions(parser);
    parser.addOption({u"repeat"_s, Tr::tr("Run N times and report median and p95."), u"n"_s, u"1"_s});
    parser.addOption({u"dsn"_s,
        Tr::tr("PostgreSQL to use (libpq connection string or URI); default: COROSCOPE_PG_DSN, the PG* "
               "variables, or a private throwaway cluster."),
        u"conninfo"_s});
    parser.addOption({u"json"_s, Tr::tr("Print the results as JSON on stdout.")});
    parser.addOption({u"predict"_s,
        Tr::tr("Your prediction of the total, in seconds: printed against the measurement, drawn on the "
               "axis and kept in the run file."),
        u"seconds"_s});
    parser.addOption({u"predict-overlap"_s,
        Tr::tr(
            "Which tasks you predict will run at the same time: groups of task numbers (as the chart lists "
            "them after main) or names joined by '+' (1+2, 1+2+3,4+5, \"task 1+task 2\"), none, or all. "
            "Printed against what ran, kept in the run file."),
        u"tasks"_s});
    addNoteOption(parser);
    if (!parser.parse(args)) {
        return usageError(parser.errorText(), runUsage());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError(Tr::tr("run needs exactly one experiment id"), runUsage());
    }
    int code = Ok;
    const Experiment *experiment = findExperiment(parser.positionalArguments().constFirst(), &code);
    if (!experiment) {
        return code;
    }

    const auto overrides = readOverrides(parser, &code);
    if (!overrides) {
        return code;
    }
    QString error;
    const auto params = experiment->resolveParams(*overrides, &error);
    if (!params) {
        return usageError(error);
    }

    bool repeatOk = false;
    const int repeat = parser.value(u"repeat"_s).toInt(&repeatOk);
    if (!repeatOk || repeat < 1 || repeat > 1000) {
        return usageError(
            u"--repeat must be a whole number in 1–1000, got '%1'"_s.arg(parser.value(u"repeat"_s)));
    }

    const auto output = readOutputOptions(parser, &code);
    if (!output) {
        return code;
    }
    const QStringList &exports = output->exports;
    qint64 predictedNs = kUnknownTime;
    if (parser.isSet(u"predict"_s)) {
        bool ok = false;
        const double predicted = parser.value(u"predict"_s).toDouble(&ok);
        if (!ok || !std::isfinite(predicted) || predicted < 1e-6 || predicted > 1e6) {
            return usageError(Tr::tr("--predict must be a positive number of seconds, got '%1'")
                                  .arg(printable(parser.value(u"predict"_s))));
        }
        predictedNs = static_cast<qint64>(std::llround(predicted * 1e9));
    }
    std::optional<OverlapPrediction> predictedOverlap;
    if (parser.isSet(u"predict-overlap"_s)) {
        QString why;
        predictedOverlap = OverlapPrediction::parse(parser.value(u"predict-overlap"_s), &why);
        if (!predictedOverlap) {
            return usageError(
                Tr::tr("--predict-overlap '%1': %2").arg(printable(parser.value(u"predict-overlap"_s)), why));
        }
    }
    const auto notes = readNotes(parser, &code);
    if (!notes) {
        return code;
    }

    if (parser.isSet(u"dsn"_s)) {
        qputenv("COROSCOPE_PG_DSN", parser.value(u"dsn"_s).toUtf8());
    }
    const bool json = parser.isSet(u"json"_s);
    const Expectation expected = experiment->expectation(*params);
    Runner runner;
    InterruptHandler interrupts([&runner] {
        err(Tr::tr("interrupted: cancelling the run (Ctrl+C again to quit at once)"));
        runner.cancel();
    });
    // Of every repetition only what is reported is kept; the last run whole (it is exported):
    // 40 repeats of a 5 000-request fan-out kept 654 MB of timelines before.
    struct Repetition
    {
        RunStatus status;
        RunStats stats;
        QString error;
    };
    std::vector<Repetition> runs;
    RunData last;
    for (int i = 0; i < repeat; ++i) {
        last = runner.runAndWait(*experiment, *params);
        runs.push_back({last.status, last.stats, last.error});
        if (last.status != RunStatus::Ok) {
            break;
        }
    }

    std::vector<double> walls;
    std::vector<double> overheads;
    for (const Repetition &r : runs) {
        if (r.status == RunStatus::Ok) {
            walls.push_back(r.stats.wallS);
            overheads.push_back(r.stats.overheadS);
        }
    }

    int exitCode = last.status == RunStatus::Ok ? Ok : RunFailed;
    last.predictedNs = predictedNs;
    // Which tasks ran at once is known once the run has ended ok; a task it does not have is the
    // user's mistake, said as such (and not kept in the run's files).
    std::optional<OverlapVerdict> overlap;
    if (predictedOverlap && last.status == RunStatus::Ok) {
        overlap = overlapVerdict(last, *predictedOverlap);
        if (overlap->badTask) {
            err(Tr::tr("--predict-overlap '%1': %2")
                    .arg(printable(predictedOverlap->text()), overlap->error));
            exitCode = BadUsage;
            overlap.reset();
        } else {
            last.predictedOverlap = predictedOverlap->text();
        }
    }
    if (!addNotes(last, *notes)) {
        exitCode = BadUsage;
    }
    if (!writeExports(last, *output, json)) {
        exitCode = BadUsage;
    }
    // The measurement a prediction is held against: the median of the runs that ended ok.
    const bool measured = !walls.empty();
    const double measuredS = measured ? quantile(walls, 0.5) : 0.0;

    if (json) {
        QJsonArray all;
        for (const Repetition &r : runs) {
            QJsonObject o = RunFile::statsToJson(r.stats);
            o.insert(u"status"_s, toString(r.status));
            o.insert(u"error"_s, r.error);
            all.append(o);
        }
        QJsonObject params;
        for (const auto &[k, v] : last.params) {
            params.insert(k, QJsonValue::fromVariant(v));
        }
        QJsonObject root {
            {u"experiment"_s, experiment->id()},
            {u"params"_s, params},
            {u"status"_s, toString(last.status)},
            {u"error"_s, last.error},
            {u"runs"_s, all},
            {u"wall_s"_s,
                QJsonObject {{u"median"_s, quantile(walls, 0.5)}, {u"p95"_s, quantile(walls, 0.95)}}},
            {u"ideal_s"_s, last.stats.idealS},
            {u"ideal_schedule_s"_s, last.stats.idealScheduleS},
            {u"ideal_all_async_s"_s, last.stats.idealAllAsyncS},
            {u"overhead_s"_s,
                QJsonObject {{u"median"_s, quantile(overheads, 0.5)}, {u"p95"_s, quantile(overheads, 0.95)}}},
            {u"verdict"_s, verdict(last, expected)},
            {u"delayed"_s, delayedJson(last)},
            {u"exports"_s, QJsonArray::fromStringList(exports)},
        };
        if (predictedNs != kUnknownTime && measured) {
            root.insert(u"prediction"_s,
                QJsonObject {{u"predicted_s"_s, static_cast<double>(predictedNs) / 1e9}, {u"measured_s"_s, measuredS},
                    {u"ratio"_s, measuredS / (static_cast<double>(predictedNs) / 1e9)},
                    {u"text"_s, predictionVerdict(predictedNs, measuredS)}});
        }
        if (overlap) {
            root.insert(u"overlap_prediction"_s,
                QJsonObject {{u"predicted"_s, last.predictedOverlap}, {u"right"_s, overlap->right},
                    {u"text"_s, overlap->text}});
        }
        out(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    } else {
        const RunStats &s = last.stats;
        QString text;
        text += u"%1 — %2\n"_s.arg(experiment->id(), translated(experiment->title()));
        text += Tr::tr("  params     %1\n").arg(Params(last.params).summary());
        if (runs.size() > 1 || repeat > 1) {
            text += Tr::tr("  runs       %1\n").arg(walls.size());
            text += Tr::tr("  wall       median %1 s, p95 %2 s\n")
                        .arg(quantile(walls, 0.5), 0, 'f', 4)
                        .arg(quantile(walls, 0.95), 0, 'f', 4);
            text += Tr::tr("  ideal      %1 s\n").arg(s.idealS, 0, 'f', 4);
            text += Tr::tr("  overhead   median %1, p95 %2\n")
                        .arg(signedMs(quantile(overheads, 0.5)), signedMs(quantile(overheads, 0.95)));
        } else {
            text += Tr::tr("  wall       %1 s\n").arg(s.wallS, 0, 'f', 4);
            text += Tr::tr("  ideal      %1 s\n").arg(s.idealS, 0, 'f', 4);
            text += Tr::tr("  overhead   %1\n").arg(signedMs(s.overheadS));
        }
        text += whyLines(last);
        if (predictedNs != kUnknownTime && measured) {
            text += u"  %1\n"_s.arg(predictionVerdict(predictedNs, measuredS));
        }
        if (overlap) {
            text += u"  %1\n"_s.arg(overlap->text);
        }
        text += Tr::tr("  verdict    %1\n").arg(verdict(last, expected));
        out(text);
    }
    if (!json) {
        printTextChart(last, *output);
    }
    if (last.status != RunStatus::Ok) {
        err(u"%1 %2: %3"_s.arg(experiment->id(),
            last.status == RunStatus::Cancelled ? Tr::tr("was cancelled") : Tr::tr("failed"), last.error));
    }
    return exitCode;
}

// ---- sweep ------------------------------------------------------------------------------

QString sweepUsage()
{
    return Tr::tr("Usage: coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] "
                  "[--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide ...] [--json]");
}

int cmdSweep(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Run an experiment once per value of one parameter and draw the runs on one time axis beside "
        "the curve of their total time."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"id"_s, Tr::tr("The experiment (see 'coroscope list')."));
    parser.addOption({u"param"_s,
        Tr::tr("A parameter (repeatable): one of them with several values to sweep — a list (limit=1,2,4,8) "
               "or a range (tasks=1..10, delay=0.1..0.5:0.1, pool=1..16:*2); the others fixed."),
        u"key=values"_s});
    addOutputOptions(parser);
    parser.addOption({u"repeat"_s, Tr::tr("Run each value N times: median and p95 (1–100)."), u"n"_s, u"1"_s});
    parser.addOption({u"dsn"_s, Tr::tr("PostgreSQL to use (as for run)."), u"conninfo"_s});
    parser.addOption({u"json"_s, Tr::tr("Print the results as JSON on stdout.")});
    if (!parser.parse(args)) {
        return usageError(parser.errorText(), sweepUsage());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError(Tr::tr("sweep needs exactly one experiment id"), sweepUsage());
    }
    int code = Ok;
    const Experiment *experiment = findExperiment(parser.positionalArguments().constFirst(), &code);
    if (!experiment) {
        return code;
    }
    const auto overrides = readOverrides(parser, &code);
    if (!overrides) {
        return code;
    }
    bool repeatOk = false;
    const int repeat = parser.value(u"repeat"_s).toInt(&repeatOk);
    if (!repeatOk || repeat < 1 || repeat > 100) {
        return usageError(
            Tr::tr("--repeat must be a whole number in 1–100, got '%1'").arg(printable(parser.value(u"repeat"_s))));
    }
    QString error;
    auto plan = planSweep(*experiment, *overrides, repeat, &error);
    if (!plan) {
        return usageError(error);
    }
    const auto output = readOutputOptions(parser, &code);
    if (!output) {
        return code;
    }
    for (const QString &path : output->exports) {
        if (Export::formatForPath(path) == Export::Format::ChromeTrace) {
            return usageError(Tr::tr("cannot export '%1': a sweep exports as a figure (.png, .svg, .pdf), a "
                                     "table (.csv) or its runs (.json)")
                                  .arg(path));
        }
    }
    if (parser.isSet(u"dsn"_s)) {
        qputenv("COROSCOPE_PG_DSN", parser.value(u"dsn"_s).toUtf8());
    }
    const bool json = parser.isSet(u"json"_s);

    Sweep sweep(std::move(*plan));
    Runner runner;
    bool interrupted = false;
    InterruptHandler interrupts([&] {
        err(Tr::tr("interrupted: stopping the sweep, keeping the values done (Ctrl+C again to quit at once)"));
        interrupted = true;
        runner.cancel();
    });
    const QString key = sweep.plan().spec.key;
    while (!sweep.done()) {
        if (interrupted) {
            sweep.stop();
            break;
        }
        err(Tr::tr("[%1/%2] %3=%4").arg(sweep.runsDone() + 1).arg(sweep.runsPlanned()).arg(key, sweep.nextValueText()));
        sweep.record(runner.runAndWait(*experiment, sweep.nextParams()));
    }
    const SweepResult &result = sweep.result();

    int exitCode = result.cancelled || result.failures() > 0 ? RunFailed : Ok;
    for (const QString &path : output->exports) {
        QString why;
        if (!Export::writeSweep(result, path, output->image, &why)) {
            err(why);
            exitCode = BadUsage;
        } else if (!json) {
            out(Tr::tr("wrote %1\n").arg(path));
        }
    }
    if (json) {
        out(QString::fromUtf8(Export::sweepJson(result, false)));
        return exitCode;
    }
    QString text;
    text += Tr::tr("%1 — %2 — sweep over %3\n").arg(experiment->id(), translated(experiment->title()), key);
    if (const QString fixed = result.fixedSummary(); !fixed.isEmpty()) {
        text += Tr::tr("  fixed      %1\n").arg(fixed);
    }
    if (repeat > 1) {
        text += Tr::tr("  runs       %1 per value: wall is the median, p95 beside it\n").arg(repeat);
    }
    int valueWidth = key.size();
    for (const SweepPoint &p : result.points) {
        valueWidth = std::max(valueWidth, static_cast<int>(printable(p.valueText, 24).size()));
    }
    const auto cell = [](const QString &s, int width) { return s.leftJustified(width); };
    text += u"  "_s + cell(key, valueWidth) + u"  "_s + cell(Tr::tr("wall"), 10) + cell(repeat > 1 ? Tr::tr("p95") : QString(), repeat > 1 ? 10 : 0)
        + cell(Tr::tr("ideal"), 10) + cell(Tr::tr("overhead"), 11) + cell(Tr::tr("in flight"), 10) + Tr::tr("stall")
        + u'\n';
    for (const SweepPoint &p : result.points) {
        const RunStats &s = p.run->stats;
        QString line = u"  "_s + cell(printable(p.valueText, 24), valueWidth) + u"  "_s;
        if (p.status == RunStatus::Ok) {
            line += cell(u"%1 s"_s.arg(p.wallMedianS, 0, 'f', 3), 10);
            if (repeat > 1) {
                line += cell(u"%1 s"_s.arg(p.wallP95S, 0, 'f', 3), 10);
            }
            line += cell(u"%1 s"_s.arg(s.idealS, 0, 'f', 3), 10) + cell(signedMs(p.wallMedianS - s.idealS), 11)
                + cell(QString::number(s.maxConcurrency), 10) + ms(s.longestStallS);
        } else {
            line += p.status == RunStatus::Cancelled ? Tr::tr("stopped after %1 s").arg(s.wallS, 0, 'f', 3)
                                                     : Tr::tr("FAILED: %1").arg(printable(p.error, 300));
        }
        text += line + u'\n';
    }
    if (result.cancelled) {
        text += Tr::tr("  stopped after %1 of %2 values\n").arg(result.points.size()).arg(result.plannedValues);
    }
    out(text);
    if (result.failures() > 0) {
        err(Tr::tr("%1: %n value(s) of %2 failed", nullptr, result.failures()).arg(experiment->id(), key));
    }
    return exitCode;
}

// ---- trace ------------------------------------------------------------------------------

QString traceUsage()
{
    return Tr::tr("Usage: coroscope trace [--export FILE]... [--text] [--json] [--postgres] [--cwd DIR] -- "
                  "python3 SCRIPT.py [ARGS...]");
}

int cmdTrace(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Run a Python asyncio program under Coroscope's tracer and draw it: a lane per task, the "
               "event loop's stalls and what held it, executor jobs and threads. The program gets "
               "COROSCOPE_HTTP_URL (the embedded delay server) and, with --postgres or when it reads it, "
               "COROSCOPE_PG_DSN."));
    parser.addHelpOption();
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addPositionalArgument(u"command"_s, Tr::tr("python3 SCRIPT.py [ARGS...] (or -m module)"));
    addOutputOptions(parser);
    parser.addOption({u"json"_s, Tr::tr("Print the results as JSON on stdout (the program's output goes to stderr).")});
    parser.addOption({u"postgres"_s,
        Tr::tr("Give the program a PostgreSQL DSN in COROSCOPE_PG_DSN (--dsn, COROSCOPE_PG_DSN, the PG* "
               "variables, or a private throwaway cluster).")});
    parser.addOption({u"dsn"_s, Tr::tr("The PostgreSQL to give the program (implies --postgres)."), u"conninfo"_s});
    parser.addOption({u"cwd"_s, Tr::tr("Run the program in DIR."), u"dir"_s});
    if (!parser.parse(args)) {
        return usageError(parser.errorText(), traceUsage());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    QString error;
    auto program = parsePythonCommand(parser.positionalArguments(), &error);
    if (!program) {
        return usageError(error, traceUsage());
    }
    int code = Ok;
    const auto output = readOutputOptions(parser, &code);
    if (!output) {
        return code;
    }
    program->workingDirectory = parser.value(u"cwd"_s);
    const bool json = parser.isSet(u"json"_s);

    // What the seeds' programs (and the user's) connect to.
    program->withDelayServer = qEnvironmentVariableIsEmpty("COROSCOPE_HTTP_URL");
    bool wantsPostgres = parser.isSet(u"postgres"_s) || parser.isSet(u"dsn"_s);
    if (!wantsPostgres && program->target.size() == 1) {
        QFile script(QDir(program->workingDirectory.isEmpty() ? QDir::currentPath() : program->workingDirectory)
                         .filePath(program->target.constFirst()));
        if (script.open(QIODevice::ReadOnly)) {
            wantsPostgres = script.read(4 << 20).contains("COROSCOPE_PG_DSN");
        }
    }
    if (parser.isSet(u"dsn"_s)) {
        qputenv("COROSCOPE_PG_DSN", parser.value(u"dsn"_s).toUtf8());
    }
    if (wantsPostgres) {
        QString pgError;
        const QString dsn = Postgres::conninfo(&pgError);
        if (dsn.isEmpty()) {
            err(Tr::tr("no PostgreSQL for the program: %1").arg(pgError));
            return RunFailed;
        }
        program->environment.append({u"COROSCOPE_PG_DSN"_s, dsn});
    }

    PythonTracer tracer;
    QObject::connect(&tracer, &PythonTracer::output, &tracer, [json](const QString &line, bool isError) {
        const QByteArray bytes = line.toUtf8() + '\n';
        std::FILE *to = isError || json ? stderr : stdout;
        std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), to);
        std::fflush(to);
    });
    InterruptHandler interrupts([&tracer] {
        err(Tr::tr("interrupted: stopping the program (Ctrl+C again to quit at once)"));
        tracer.cancel();
    });
    const RunData run = tracer.runAndWait(*program);

    int exitCode = run.status == RunStatus::Ok ? Ok : RunFailed;
    if (!writeExports(run, *output, json)) {
        exitCode = BadUsage;
    }
    int tasks = 0;
    for (const Lane &lane : run.lanes) {
        tasks += lane.kind == LaneKind::Task ? 1 : 0;
    }
    const RunStats &s = run.stats;
    if (json) {
        QJsonObject root {
            {u"command"_s, program->commandLine()},
            {u"python"_s, run.param(u"python"_s).toString()},
            {u"status"_s, toString(run.status)},
            {u"error"_s, run.error},
            {u"tasks"_s, tasks},
            {u"stats"_s, RunFile::statsToJson(s)},
            {u"delayed"_s, delayedJson(run)},
            {u"exports"_s, QJsonArray::fromStringList(output->exports)},
        };
        out(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    } else {
        QString text;
        text += u"%1\n"_s.arg(program->commandLine());
        text += Tr::tr("  python     %1, %n task(s)\n", nullptr, tasks)
                    .arg(run.param(u"python"_s).toString().isEmpty() ? Tr::tr("(the tracer did not start)")
                                                                      : run.param(u"python"_s).toString());
        text += Tr::tr("  wall       %1 s\n").arg(s.wallS, 0, 'f', 4);
        text += whyLines(run);
        out(text);
        printTextChart(run, *output);
    }
    if (run.status != RunStatus::Ok) {
        err(u"%1 %2: %3"_s.arg(program->shortName(),
            run.status == RunStatus::Cancelled ? Tr::tr("was stopped") : Tr::tr("failed"), run.error));
    }
    return exitCode;
}

// ---- serve ------------------------------------------------------------------------------

int cmdServe(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Run the delay server alone: GET /?delay=S answers after S seconds."));
    parser.addHelpOption();
    parser.addOption({u"port"_s, Tr::tr("Port on 127.0.0.1 (0: a free one)."), u"port"_s, u"8000"_s});
    parser.addOption(
        {u"serial"_s, Tr::tr("Answer one request at a time, like a single synchronous worker.")});
    if (!parser.parse(args)) {
        return usageError(parser.errorText(), Tr::tr("Usage: coroscope serve [--port 8000] [--serial]"));
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    bool ok = false;
    const int port = parser.value(u"port"_s).toInt(&ok);
    if (!ok || port < 0 || port > 65535) {
        return usageError(
            Tr::tr("--port must be a number in 0–65535, got '%1'").arg(parser.value(u"port"_s)));
    }
    DelayServer server;
    QString error;
    const bool serial = parser.isSet(u"serial"_s);
    if (!server.start({.port = static_cast<quint16>(port),
                          .mode = serial ? DelayServer::Mode::Serial : DelayServer::Mode::Async},
            &error)) {
        err(error);
        return RunFailed;
    }
    const QString url = server.url().toString();
    out(Tr::tr("Delay server listening on %1 (%2). Try: curl '%1?delay=1'   Ctrl+C stops it.\n")
            .arg(url,
                serial ? Tr::tr("serial: one request at a time") : Tr::tr("async: all requests at once")));
    QEventLoop loop;
    InterruptHandler interrupts([&loop] { loop.quit(); });
    loop.exec();
    const DelayServer::Stats stats = server.stats();
    server.stop();
    out(Tr::tr("stopped: %1 answered, %2 rejected, %3 abandoned by their clients\n")
            .arg(stats.served)
            .arg(stats.rejected)
            .arg(stats.abandoned));
    return Ok;
}

// ---- pg-cluster ------------------------------------------------------------------------

int cmdPgCluster(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Start or stop a private, throwaway PostgreSQL cluster (used by the tests' fixture)."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"action"_s, Tr::tr("start, or stop DIR"));
    parser.addOption(
        {u"env-file"_s, Tr::tr("start: also write DIR, PORT and CONNINFO lines to FILE."), u"file"_s});
    if (!parser.parse(args)) {
        return usageError(
            parser.errorText(), Tr::tr("Usage: coroscope pg-cluster start [--env-file F] | stop DIR"));
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.value(0) == u"start" && pos.size() == 1) {
        LocalPostgres cluster;
        QString error;
        if (!cluster.start(&error)) {
            err(error);
            return RunFailed;
        }
        cluster.detach();
        const QString text = u"DIR=%1\nPORT=%2\nCONNINFO=%3\n"_s.arg(cluster.directory())
                                 .arg(cluster.port())
                                 .arg(cluster.conninfo());
        if (parser.isSet(u"env-file"_s)) {
            QFile f(parser.value(u"env-file"_s));
            if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0) {
                err(Tr::tr("cannot write %1: %2").arg(f.fileName(), f.errorString()));
                return BadUsage;
            }
        }
        out(text);
        return Ok;
    }
    if (pos.value(0) == u"stop" && pos.size() == 2) {
        LocalPostgres cluster;
        QString error;
        if (!cluster.adopt(pos.at(1), &error)) {
            err(error);
            return BadUsage;
        }
        cluster.stop();
        return Ok;
    }
    return usageError(Tr::tr("pg-cluster needs 'start' or 'stop DIR'"),
        Tr::tr("Usage: coroscope pg-cluster start [--env-file F] | stop DIR"));
}

// ---- render -----------------------------------------------------------------------------

int cmdRender(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Draw a saved run (coroscope run file) or a Chrome trace from "
                                            "another tool (VizTracer, Perfetto JSON)."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"file"_s, Tr::tr("A run file (.json) or a Chrome trace (.json)."));
    addOutputOptions(parser);
    addNoteOption(parser);
    parser.addOption({u"until"_s,
        Tr::tr("Draw the run as it was at this time (seconds, or 250ms): what had begun, what was still "
               "going — one frame of a replay."),
        u"t"_s});
    if (!parser.parse(args)) {
        return usageError(parser.errorText(), renderUsage());
    }
    if (parser.isSet(u"help"_s)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError(Tr::tr("render needs exactly one file"), renderUsage());
    }
    int code = Ok;
    const auto output = readOutputOptions(parser, &code);
    if (!output) {
        return code;
    }
    if (output->exports.isEmpty() && !output->text) {
        return usageError(Tr::tr("render needs --export FILE or --text: nothing to do"), renderUsage());
    }
    const auto notes = readNotes(parser, &code);
    if (!notes) {
        return code;
    }
    std::optional<qint64> untilNs;
    if (parser.isSet(u"until"_s)) {
        // The same form as a note's time.
        QString why;
        const auto at = parseNote(parser.value(u"until"_s) + u":t"_s, &why);
        if (!at || at->isRange() || at->beginNs < 0 || parser.value(u"until"_s).contains(u':')) {
            return usageError(Tr::tr("--until must be a time in seconds (0.25) or milliseconds (250ms), got '%1'")
                                  .arg(printable(parser.value(u"until"_s))));
        }
        untilNs = at->beginNs;
    }
    QString error;
    auto run = loadRunOrTrace(parser.positionalArguments().constFirst(), &error);
    if (!run) {
        err(error);
        return BadUsage;
    }
    if (!addNotes(*run, *notes)) {
        return BadUsage;
    }
    OutputOptions o = *output;
    if (untilNs && *untilNs > run->wallNs) {
        return usageError(Tr::tr("--until %1 s is after the run's end (0–%2 s)")
                              .arg(static_cast<double>(*untilNs) / 1e9, 0, 'f', 3)
                              .arg(static_cast<double>(run->wallNs) / 1e9, 0, 'f', 3));
    }
    if (untilNs && *untilNs < run->wallNs) {
        // The frame the app's replay draws at T: live, on the whole run's axis and at its
        // height, so that a sequence of frames lines up.
        const auto whole = std::make_shared<const GanttModel>(std::move(*run));
        const Replay::Frame frame = Replay::frameAt(
            whole, *untilNs, o.image.theme, o.image.paint, std::max(o.image.width, Export::kMinImageWidth));
        o.image.paint = frame.paint;
        o.image.height = frame.height;
        const bool written = writeExports(*frame.model, o, false);
        printTextChart(frame.model->run(), o);
        return written ? Ok : BadUsage;
    }
    const bool written = writeExports(*run, o, false);
    printTextChart(*run, o);
    return written ? Ok : BadUsage;
}

} // namespace

QString usage()
{
    return Tr::tr(R"(Coroscope — see concurrency: real experiments drawn as timelines.

Usage:
  coroscope list [--json]                  the experiments
  coroscope describe ID                    what an experiment does, its parameters, its C++ source
  coroscope run ID [--param k=v]... [--export FILE]... [--repeat N] [--json] [--text]
                                           run it; print wall, ideal, overhead and a verdict
  coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] [--export FILE]...
                                           run it once per value: timelines on one axis, the curve
  coroscope render FILE --export OUT... [--text]
                                           draw a saved run or a Chrome trace (VizTracer, Perfetto)
  coroscope trace [--export FILE]... [--text] [--json] -- python3 app.py [args]
                                           trace a Python asyncio program: its tasks, loop stalls, blame
  coroscope serve [--port 8000] [--serial] the delay server alone: GET /?delay=S answers after S s

Exports: .png .svg .pdf (the chart), .json (run file), .trace.json (Chrome trace), .csv
Chart options: --scale 2 (HiDPI PNG), --theme dark, --width 1600, --text (Unicode bars),
               --hide blame,states,ideal (arrows, state strips, zero-overhead outlines)

Exit codes: 0 ok, 1 the run failed or was cancelled, 2 bad usage.
Example:
  coroscope run tasks-concurrent --param delay=0.3 --export t.png --export t.json
)");
}

int run(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.constFirst() == u"help" || arguments.constFirst() == u"--help"
        || arguments.constFirst() == u"-h") {
        out(usage());
        return Ok;
    }
    if (arguments.constFirst() == u"--version" || arguments.constFirst() == u"version") {
        out(u"coroscope %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    const QString command = arguments.constFirst();
    // QCommandLineParser expects the program name first.
    QStringList rest = arguments;
    rest[0] = u"coroscope "_s + command;
    if (command == u"list") {
        return cmdList(rest);
    }
    if (command == u"describe") {
        return cmdDescribe(rest);
    }
    if (command == u"run") {
        return cmdRun(rest);
    }
    if (command == u"sweep") {
        return cmdSweep(rest);
    }
    if (command == u"render") {
        return cmdRender(rest);
    }
    if (command == u"serve") {
        return cmdServe(rest);
    }
    if (command == u"trace") {
        return cmdTrace(rest);
    }
    if (command == u"pg-cluster") {
        return cmdPgCluster(rest);
    }
    return usageError(Tr::tr("unknown command '%1'").arg(command), usage());
}

struct InterruptHandler::Impl
{
    static inline int s_pipe[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> notifier;
    struct sigaction oldInt = {};
    struct sigaction oldTerm = {};
    struct sigaction oldHup = {};
    int interrupts = 0;
};

InterruptHandler::InterruptHandler(std::function<void()> onInterrupt)
    : d(std::make_unique<Impl>())
{
    if (::pipe(Impl::s_pipe) != 0) {
        Impl::s_pipe[0] = Impl::s_pipe[1] = -1;
        return; // no handler: the signals keep their default action
    }
    d->notifier = std::make_unique<QSocketNotifier>(Impl::s_pipe[0], QSocketNotifier::Read);
    QObject::connect(d->notifier.get(), &QSocketNotifier::activated, d->notifier.get(),
        [impl = d.get(), onInterrupt = std::move(onInterrupt)] {
            char c = 0;
            [[maybe_unused]] const auto n = ::read(Impl::s_pipe[0], &c, 1);
            if (++impl->interrupts == 1) {
                onInterrupt();
            } else {
                // Quit at once — but not leaving the private PostgreSQL cluster behind.
                Postgres::shutdown();
                std::_Exit(130);
            }
        });
    struct sigaction action = {};
    action.sa_handler = [](int) {
        const int saved = errno;
        const char c = 1;
        [[maybe_unused]] const auto n = ::write(Impl::s_pipe[1], &c, 1);
        errno = saved;
    };
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &d->oldInt);
    sigaction(SIGTERM, &action, &d->oldTerm);
    sigaction(SIGHUP, &action, &d->oldHup); // the terminal closed
}

InterruptHandler::~InterruptHandler()
{
    if (!d->notifier) {
        return;
    }
    sigaction(SIGINT, &d->oldInt, nullptr);
    sigaction(SIGTERM, &d->oldTerm, nullptr);
    sigaction(SIGHUP, &d->oldHup, nullptr);
    d->notifier.reset();
    ::close(Impl::s_pipe[0]);
    ::close(Impl::s_pipe[1]);
    Impl::s_pipe[0] = Impl::s_pipe[1] = -1;
}

} // namespace Coroscope::Cli
