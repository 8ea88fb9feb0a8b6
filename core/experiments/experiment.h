// SPDX-License-Identifier: MIT
#pragma once

#include "params.h"

#include <QCoro/QCoroTask>

#include <QList>
#include <QString>

namespace Coroscope {

class RunContext;

/// Everything shown about an experiment before it runs.
struct ExperimentInfo
{
    QString id; ///< e.g. "tasks-concurrent"
    QString title; ///< one line
    QString group; ///< Basics, HTTP, Postgres, Pools, Combinations, Event loop
    QString seed; ///< the seed post and section it mirrors, e.g. "003 §6.1, 000 §1"
    QString summary; ///< one sentence for lists
    QString explanation; ///< what runs and why it takes the time it takes
    QString expectation; ///< what the seed measured and what the chart should show
    QString idealFormula; ///< e.g. "D", "2D", "tasks × D"
    QList<ParamSpec> params;
    QString sourceFile; ///< file name under core/experiments/ (embedded as a resource)
};

/// What the chart should show: used for the CLI verdict and by the tests.
struct Expectation
{
    int maxConcurrency = 1; ///< work spans in flight at once at the peak
    bool loopBlocked = false; ///< the loop is frozen for about the delay (or more)
    bool errors = false; ///< some steps fail (red spans) or are cancelled on purpose
    double timingSlack = 0; ///< relative: the wall may undercut the ideal by this much (CPU work)
    QString fails; ///< the run fails on purpose, with an error containing this
};

/**
 * One experiment: metadata, typed parameters, an ideal-time model and the coroutine that runs
 * on the run's own event loop. Its real C++ source is embedded so the user can read it.
 */
class Experiment
{
public:
    explicit Experiment(ExperimentInfo info);
    virtual ~Experiment();
    Experiment(const Experiment &) = delete;
    Experiment &operator=(const Experiment &) = delete;

    [[nodiscard]] const ExperimentInfo &info() const { return m_info; }
    /// The same in the language of the installed translators (title, group, summary,
    /// explanation, expectation, the parameters' labels and help): what users read.
    [[nodiscard]] ExperimentInfo translatedInfo() const;
    [[nodiscard]] const QString &id() const { return m_info.id; }
    [[nodiscard]] const QString &title() const { return m_info.title; }

    /// The critical path of the experiment's own structure, in seconds.
    [[nodiscard]] virtual double idealSeconds(const Params &params) const = 0;
    [[nodiscard]] virtual Expectation expectation(const Params &params) const = 0;
    /// Empty when the experiment can run here; otherwise why not (e.g. no PostgreSQL).
    [[nodiscard]] virtual QString unavailableReason() const { return {}; }
    /// Untimed preparation on the run's thread before the clock starts (e.g. calibration).
    virtual void prepare(const Params &params) const { Q_UNUSED(params); }
    /// The experiment itself, on the run's event loop. Throws on failure.
    [[nodiscard]] virtual QCoro::Task<> run(RunContext &ctx) const = 0;

    /// The experiment's real source: the part of its .cpp file between the
    /// `[coroscope-begin]` and `[coroscope-end]` markers.
    [[nodiscard]] QString source() const;

    /// Resolves parameter overrides against this experiment's specs (see Params::resolve).
    [[nodiscard]] std::optional<Params> resolveParams(
        const QList<std::pair<QString, QString>> &overrides, QString *error) const;

private:
    ExperimentInfo m_info;
};

} // namespace Coroscope
