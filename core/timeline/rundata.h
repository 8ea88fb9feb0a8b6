// SPDX-License-Identifier: MIT
#pragma once

#include "span.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>
#include <utility>
#include <vector>

namespace Coroscope {

enum class RunStatus : quint8
{
    Ok,
    Failed,
    Cancelled,
};
[[nodiscard]] QString toString(RunStatus status);

/// Figures computed from a run's spans (see stats.cpp for the definitions).
struct RunStats
{
    double wallS = 0;
    double idealS = 0;
    double overheadS = 0;
    int maxConcurrency = 0; ///< most work spans (not waits/stalls) in flight at once
    double avgConcurrency = 0; ///< time-average of the same over the wall time
    double longestStallS = 0; ///< the loop's longest unresponsive period beyond its heartbeat
    double totalStallS = 0; ///< sum of the loop lane's stall spans
    int spans = 0;
    int errors = 0;
    int cancelled = 0;
    /// Task steps' time ready but not resumed (their answer was in, the loop was not free),
    /// summed over steps; and the part of it attributed to a culprit (RunData::blame).
    double lateS = 0;
    double blamedS = 0;
    /// The ideal schedule's end (timeline/ideal.h: the recorded structure replayed with zero
    /// overhead), and the same with every blocking step made async.
    double idealScheduleS = 0;
    double idealAllAsyncS = 0;
    /// Blocking steps the all-async counterfactual made async (0: it is the ideal schedule).
    int madeAsync = 0;
};

/// The ideal schedule of a run's task steps (see timeline/ideal.h): per span and per lane,
/// kUnknownTime where there is none.
struct IdealTimes
{
    std::vector<qint64> beginNs;
    std::vector<qint64> endNs;
    std::vector<qint64> laneEndNs;
    qint64 totalNs = 0; ///< the latest task's end
    int holdingSteps = 0; ///< steps that held the loop in it
    int madeAsync = 0; ///< blocking steps replayed as async to get it
};

/// "This step held the loop while that one was ready": `victim` (a task step) was ready but
/// could not resume for `delayNs` because `culprit` (a blocking step, CPU work on the loop, a
/// nested event loop, or a loop stall nothing else explains) held the loop's thread.
/// Indices into RunData::spans.
struct Blame
{
    qint32 culprit = -1;
    qint32 victim = -1;
    qint64 delayNs = 0;
};

/// Versions and machine a run was recorded on.
struct EnvInfo
{
    QString qt;
    QString qcoro;
    QString libpq;
    QString host;
    QString os;
    int cores = 0;

    [[nodiscard]] static EnvInfo current();
};

/// A user's note on the chart: at an instant (endNs == beginNs) or over a range. Drawn in the
/// app and in every export; saved in the run file and the Chrome trace.
struct Note
{
    qint64 beginNs = 0;
    qint64 endNs = 0;
    QString text;

    [[nodiscard]] bool isRange() const { return endNs > beginNs; }
    friend bool operator==(const Note &, const Note &) = default;
};

/// The most characters a note keeps.
inline constexpr qsizetype kMaxNoteChars = 300;

/// A note as the command line writes it: "T:TEXT" (an instant) or "T1-T2:TEXT" (a range),
/// times in seconds ("0.25", "0.25s") or milliseconds ("250ms"). The run's range is checked
/// when the note is added (RunData::addNote).
[[nodiscard]] std::optional<Note> parseNote(const QString &spec, QString *error);

/// "predicted 0.2 s, measured 0.401 s — off by 2.0× (slower)" — a prediction against a
/// measured total (the median, with --repeat).
/// Without `withMeasured`: "predicted 0.2 s — off by 2.0× (it took longer)" (where the
/// measurement is already said).
[[nodiscard]] QString predictionVerdict(qint64 predictedNs, double measuredS, bool withMeasured = true);

/// Parameters in the experiment's declared order.
using ParamList = QList<std::pair<QString, QVariant>>;

/// A finished (or partial) run: everything the chart, the stats and the run file need.
struct RunData
{
    QString experiment;
    QString title;
    ParamList params;
    RunStatus status = RunStatus::Ok;
    QString error;
    QDateTime startedAt;
    qint64 wallNs = 0;
    qint64 idealNs = 0;
    /// The loop heartbeat's longest gap beyond its period (from the runner), or -1.
    qint64 loopMaxLatenessNs = kUnknownTime;

    QList<QString> strings; ///< string table; index = StrId, 0 = ""
    QList<Lane> lanes;
    std::vector<Span> spans;
    std::vector<Mark> marks;
    std::vector<CounterSample> counters;
    std::vector<Note> notes; ///< in time order
    /// The total the user predicted before the run (kUnknownTime: none).
    qint64 predictedNs = kUnknownTime;
    /// Which tasks the user predicted would run at once (OverlapPrediction::text(): "1+2",
    /// "none", "all"); empty: no such prediction.
    QString predictedOverlap;
    /// Who delayed whom, largest delay first (computed with the stats, see analysis.h).
    std::vector<Blame> blame;
    /// Each task step at its zero-overhead time (computed with the stats).
    IdealTimes ideal;
    RunStats stats;
    EnvInfo env;

    /// Another tool's trace (Chrome JSON from Node, VizTracer, Perfetto...): its lanes are
    /// threads and async operations, not Coroscope's tasks — a gap between two slices says
    /// nothing about a task running, and slices nest, so no task states and no sequential sum.
    [[nodiscard]] bool isImportedTrace() const;
    [[nodiscard]] const QString &str(StrId id) const;
    [[nodiscard]] QVariant param(const QString &key) const;
    /// Adds a note after checking it (non-empty, within [0, wall], at most kMaxNoteChars);
    /// false with an error naming the run's range otherwise.
    bool addNote(Note note, QString *error);
    /// Interns into this run's own table (used by importers and tests).
    StrId intern(const QString &text);
};

} // namespace Coroscope
