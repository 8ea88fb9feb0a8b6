// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Coroscope {

/// Which tasks the user predicted would run at the same time, before the run ("predict, then
/// run"): none of them, all of them at one instant, or groups whose members are each all in
/// flight together at some point ("1+2", "1+2+3, 4+5", "task 1+task 2"). Groups say nothing of
/// the tasks they leave out.
struct OverlapPrediction
{
    enum class Kind : quint8
    {
        None, ///< no two tasks in flight at once
        All, ///< every task in flight at one instant
        Groups,
    };
    Kind kind = Kind::Groups;
    /// Kind::Groups: each group's members as typed — a task's number (the n-th task the chart
    /// lists, not counting `main`) or its lane's name or the start of it ("task 2", "Task-3").
    QList<QStringList> groups;

    /// "none", "all" or "1+2, 3+4": how the run file keeps it and the headline shows it.
    [[nodiscard]] QString text() const;
    /// Reads "none", "all" (also 없음, 모두) or groups separated by ',' or ';' with members
    /// joined by '+'; nullopt with an error naming what is wrong otherwise.
    [[nodiscard]] static std::optional<OverlapPrediction> parse(const QString &spec, QString *error);
};

/// An overlap prediction held against a run.
struct OverlapVerdict
{
    bool right = false;
    /// "1+2 at once — right: task 1 and task 2 ran at once for 0.100 s" (the text chart, the
    /// CLI, the app's log); an unknown task: why ("there is no task 3: …"), and `right` false.
    QString text;
    /// "1+2 at once — right" (the chart's headline).
    QString brief;
    /// A member named no task of the run (or one twice): not a verdict at all; `error` says why
    /// ("there is no task 3: this run has 2 tasks besides main (1–2)").
    bool badTask = false;
    QString error;
};

/// `run`'s tasks held against `prediction`. Tasks are the task lanes as listed, but for a root
/// coroutine (`main`, `Task-1 · main`). A task is in flight while it does its own work — a
/// step that is not awaiting another task, a pool slot or its first turn, until what it awaited
/// was ready (not while it then waits for the loop) — and while a pool thread runs a job it
/// awaits (offloaded work is the task's). Tasks ran at once when they were
/// all in flight together for 5 % of the shortest one's time in flight, and at least 100 µs
/// (a handover from one to the next, or a pool thread freed for the next job, is not overlap).
/// `wakers`: Analysis::wakers(run) where the caller has it already (else it is computed).
[[nodiscard]] OverlapVerdict overlapVerdict(
    const RunData &run, const OverlapPrediction &prediction, const std::vector<qint32> *wakers = nullptr);

/// The run's own guess (`predictedOverlap`) held against it; none when it has none or did not
/// end ok.
[[nodiscard]] std::optional<OverlapVerdict> overlapVerdictOf(
    const RunData &run, const std::vector<qint32> *wakers = nullptr);

} // namespace Coroscope
