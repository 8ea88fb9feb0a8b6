// SPDX-License-Identifier: MIT
#pragma once

#include "params.h"
#include "timeline/rundata.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Coroscope {

class Experiment;

/// A sweep: one experiment run once per value of one parameter (each `repeat` times), the
/// other parameters fixed. Everything is checked before anything runs.
struct SweepPlan
{
    const Experiment *experiment = nullptr;
    ParamSpec spec; ///< the swept parameter
    QStringList valueTexts; ///< its values, as they are labelled ("1", "2", "4", "8")
    std::vector<Params> params; ///< one per value: the fixed parameters and that value
    int repeat = 1;
};

/// The q-quantile of `values` by nearest rank (an observed value; 0 for none).
[[nodiscard]] double quantile(std::vector<double> values, double q);

/// The most values one sweep takes.
inline constexpr int kMaxSweepValues = 50;

/// `text` as a sweep's values of `spec`: a list ("1,2,4,8"; choices too), or for numbers a
/// range "FROM..TO" (whole numbers: every one), "FROM..TO:STEP" or "FROM..TO:*FACTOR"
/// (1..16:*2 → 1, 2, 4, 8, 16). Each value is checked against the parameter's range; an error
/// names the value. A text parameter has one value (commas are part of it).
[[nodiscard]] std::optional<QStringList> expandSweepValues(
    const ParamSpec &spec, const QString &text, QString *error);

/// A sweep from `--param key=value` overrides: exactly one of them has several values.
[[nodiscard]] std::optional<SweepPlan> planSweep(const Experiment &experiment,
    const QList<std::pair<QString, QString>> &overrides, int repeat, QString *error);

/// One value's runs.
struct SweepPoint
{
    QString valueText;
    QVariant value;
    /// Ok: every repetition ended ok; Failed: one failed (its error; the value's remaining
    /// repetitions were not run); Cancelled: the sweep was stopped during it (or before all its
    /// repetitions ran).
    RunStatus status = RunStatus::Ok;
    QString error;
    std::vector<RunStats> runs; ///< every repetition's stats, in order
    /// The run drawn for this value: the repetition of median wall time (or the one that
    /// failed, or the partial one that was cancelled).
    /// Shared, not copied, by the results the app publishes as the values end.
    std::shared_ptr<const RunData> run;
    double wallMedianS = 0; ///< over the repetitions that ended ok
    double wallP95S = 0;
};

struct SweepResult
{
    QString experiment; ///< id
    QString title; ///< the experiment's title (English, as run files keep it)
    ParamSpec spec;
    ParamList fixed; ///< the other parameters
    int repeat = 1;
    int plannedValues = 0;
    std::vector<SweepPoint> points; ///< in the plan's order: the values run so far
    bool cancelled = false;

    [[nodiscard]] int failures() const;
    /// The longest wall time (or span end) of the drawn runs (their shared time axis).
    [[nodiscard]] qint64 longestWallNs() const;
    /// "n=8 delay=0.1" (the fixed parameters).
    [[nodiscard]] QString fixedSummary() const;
};

/// A sweep in progress, one run at a time: nextParams() is what to run, record() its run.
/// The CLI drives it with Runner::runAndWait, the app with Runner's finished() signal.
class Sweep
{
public:
    explicit Sweep(SweepPlan plan);

    [[nodiscard]] bool done() const;
    /// The parameters of the next run (only while !done()).
    [[nodiscard]] const Params &nextParams() const;
    /// The value of the next run, as labelled.
    [[nodiscard]] QString nextValueText() const;
    /// The run of nextParams(): a failure ends its value (on to the next), a cancelled run
    /// ends the sweep, keeping what was done.
    void record(RunData run);
    /// Ends the sweep between runs (what was done is kept).
    void stop();
    [[nodiscard]] int runsDone() const { return m_runsDone; }
    [[nodiscard]] int runsPlanned() const;
    [[nodiscard]] const SweepResult &result() const { return m_result; }
    [[nodiscard]] SweepResult takeResult() { return std::move(m_result); }
    [[nodiscard]] const SweepPlan &plan() const { return m_plan; }

private:
    void finishPoint();

    SweepPlan m_plan;
    SweepResult m_result;
    std::size_t m_value = 0; ///< the value being run
    std::vector<RunData> m_reps; ///< its repetitions so far
    int m_runsDone = 0;
    bool m_stopped = false;
};

namespace Export {
/// One row per value: param, value, status, runs, wall_s (median), wall_p95_s, ideal_s,
/// overhead_s, ideal_schedule_s, all_async_s, max_concurrency, longest_stall_s, errors, error.
[[nodiscard]] QByteArray sweepCsv(const SweepResult &sweep);
/// The sweep and (`withRuns`) its drawn runs, each a whole run file object.
[[nodiscard]] QByteArray sweepJson(const SweepResult &sweep, bool withRuns = true);
} // namespace Export

} // namespace Coroscope
