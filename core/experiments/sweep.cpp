// SPDX-License-Identifier: MIT
#include "sweep.h"

#include "async/errors.h"
#include "experiment.h"
#include "render/exporters.h"
#include "timeline/runfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::Sweep)
};

template<typename T> std::optional<T> failWith(QString *error, const QString &why)
{
    if (error) {
        *error = why;
    }
    return std::nullopt;
}

QString numberText(double v)
{
    if (std::abs(v) < 1e15 && v == std::floor(v)) {
        return QString::number(static_cast<qint64>(v));
    }
    return QString::number(v, 'g', 6);
}

/// "1..8", "1..8:2", "1..16:*2" → the values; nullopt with an error when it is not a range.
std::optional<QStringList> expandRange(const ParamSpec &spec, const QString &text, QString *error)
{
    const auto dots = text.indexOf(u".."_s);
    const auto colon = text.indexOf(u':', dots + 2);
    const QString fromText = text.left(dots).trimmed();
    const QString toText = text.mid(dots + 2, colon < 0 ? -1 : colon - dots - 2).trimmed();
    const QString stepText = colon < 0 ? QString() : text.mid(colon + 1).trimmed();
    bool okFrom = false;
    bool okTo = false;
    const double from = fromText.toDouble(&okFrom);
    const double to = toText.toDouble(&okTo);
    if (!okFrom || !okTo || !std::isfinite(from) || !std::isfinite(to)) {
        return failWith<QStringList>(error,
            Tr::tr("sweep range '%1' of '%2' is not FROM..TO[:STEP] with numbers (e.g. 1..8, 0.1..0.5:0.1, "
                   "1..16:*2)")
                .arg(printable(text), spec.key));
    }
    if (to < from) {
        return failWith<QStringList>(
            error, Tr::tr("sweep range '%1' of '%2' goes down: write it from the smaller value").arg(text, spec.key));
    }
    const bool factor = stepText.startsWith(u'*') || stepText.startsWith(u'x');
    bool okStep = true;
    double step = stepText.isEmpty() ? 1.0 : (factor ? stepText.mid(1) : stepText).toDouble(&okStep);
    if (stepText.isEmpty() && spec.type == ParamType::Number && from != to) {
        return failWith<QStringList>(error,
            Tr::tr("sweep range '%1' of '%2' needs a step for a number of seconds (e.g. %1:0.1)").arg(text, spec.key));
    }
    if (!okStep || !std::isfinite(step) || (factor ? step <= 1 : step <= 0)) {
        return failWith<QStringList>(error,
            factor ? Tr::tr("sweep range '%1' of '%2': the factor after '*' must be a number above 1").arg(text, spec.key)
                   : Tr::tr("sweep range '%1' of '%2': the step must be a positive number").arg(text, spec.key));
    }
    // A whole-number parameter's range is of whole numbers (a factor's values are rounded).
    const auto whole = [](double v) { return v == std::floor(v); };
    if (spec.type == ParamType::Integer && (!whole(from) || !whole(to) || (!factor && !whole(step)))) {
        return failWith<QStringList>(error,
            Tr::tr("sweep range '%1' of '%2': '%2' takes whole numbers, so the range's ends and step must be "
                   "whole (e.g. 1..8, 2..16:2, 1..16:*2)")
                .arg(printable(text), spec.key));
    }
    if (factor && from <= 0) {
        return failWith<QStringList>(
            error, Tr::tr("sweep range '%1' of '%2': a factor needs a positive start").arg(text, spec.key));
    }
    // How many values, before making them: a tiny step must not loop for ever.
    const double count = factor ? std::floor(std::log(to / from) / std::log(step) + 1e-9) + 1
                                : std::floor((to - from) / step + 1e-9) + 1;
    if (!std::isfinite(count) || count > kMaxSweepValues) {
        return failWith<QStringList>(error,
            Tr::tr("sweep range '%1' of '%2' has more than %3 values").arg(text, spec.key).arg(kMaxSweepValues));
    }
    QStringList values;
    // A small tolerance keeps 0.1..0.5:0.1 from losing its last value to rounding.
    const double slack = factor ? 1e-9 * to : 1e-9 * std::max(1.0, std::abs(step));
    for (qint64 i = 0; i <= static_cast<qint64>(count); ++i) {
        const double v = factor ? from * std::pow(step, static_cast<double>(i)) : from + step * static_cast<double>(i);
        if (v > to + slack) {
            break;
        }
        if (values.size() >= kMaxSweepValues) {
            return failWith<QStringList>(error,
                Tr::tr("sweep range '%1' of '%2' has more than %3 values").arg(text, spec.key).arg(kMaxSweepValues));
        }
        if (spec.type == ParamType::Integer) {
            values.append(numberText(std::round(v)));
            if (values.size() > 1 && values.at(values.size() - 2) == values.last()) {
                values.removeLast(); // *1.5 from 1: 1, 1.5 → 2, 2.25 → 2
            }
        } else {
            values.append(numberText(std::round(v * 1e9) / 1e9));
        }
    }
    return values;
}

} // namespace

double quantile(std::vector<double> values, double q)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    // Nearest-rank, so p95 of few runs is an observed value.
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::optional<QStringList> expandSweepValues(const ParamSpec &spec, const QString &text, QString *error)
{
    QStringList values;
    const bool numeric = spec.type == ParamType::Number || spec.type == ParamType::Integer;
    if (spec.type == ParamType::Text) {
        values.append(text);
    } else if (numeric && text.contains(u".."_s)) {
        auto range = expandRange(spec, text, error);
        if (!range) {
            return std::nullopt;
        }
        values = std::move(*range);
    } else {
        for (const QString &part : text.split(u',')) {
            if (part.trimmed().isEmpty()) {
                return failWith<QStringList>(
                    error, Tr::tr("sweep values of '%1' have an empty item: '%2'").arg(spec.key, printable(text)));
            }
            values.append(part.trimmed());
        }
    }
    if (values.size() > kMaxSweepValues) {
        return failWith<QStringList>(
            error, Tr::tr("a sweep of '%1' takes at most %2 values, got %3").arg(spec.key).arg(kMaxSweepValues).arg(values.size()));
    }
    for (const QString &value : std::as_const(values)) {
        QString why;
        if (!spec.parse(value, &why)) {
            return failWith<QStringList>(error, Tr::tr("sweep value '%1' of '%2': %3").arg(printable(value), spec.key, why));
        }
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (spec.parse(values.at(i), nullptr) == spec.parse(values.at(j), nullptr)) {
                return failWith<QStringList>(
                    error, Tr::tr("sweep value '%1' of '%2' is there twice").arg(printable(values.at(i)), spec.key));
            }
        }
    }
    return values;
}

std::optional<SweepPlan> planSweep(const Experiment &experiment,
    const QList<std::pair<QString, QString>> &overrides, int repeat, QString *error)
{
    const QList<ParamSpec> &specs = experiment.info().params;
    const auto specOf = [&specs](const QString &key) -> const ParamSpec * {
        for (const ParamSpec &spec : specs) {
            if (spec.key == key) {
                return &spec;
            }
        }
        return nullptr;
    };
    std::optional<qsizetype> swept;
    QStringList values;
    QList<std::pair<QString, QString>> fixed;
    for (qsizetype i = 0; i < overrides.size(); ++i) {
        const auto &[key, text] = overrides.at(i);
        const ParamSpec *spec = specOf(key);
        if (!spec) {
            // The experiment's own message, with the parameters it takes.
            QString why;
            (void)experiment.resolveParams({overrides.at(i)}, &why);
            return failWith<SweepPlan>(error, why);
        }
        auto expanded = expandSweepValues(*spec, text, error);
        if (!expanded) {
            return std::nullopt;
        }
        if (expanded->size() == 1) {
            fixed.append({key, expanded->constFirst()});
            continue;
        }
        if (swept) {
            return failWith<SweepPlan>(error,
                Tr::tr("a sweep varies one parameter: '%1' and '%2' both have several values")
                    .arg(overrides.at(*swept).first, key));
        }
        swept = i;
        values = std::move(*expanded);
    }
    if (!swept) {
        QStringList sweepable;
        QString example = u"delay=0.1,0.2,0.4"_s;
        for (const ParamSpec &spec : specs) {
            if (spec.type != ParamType::Text) {
                sweepable.append(spec.key);
            }
        }
        for (const ParamSpec &spec : specs) {
            if (spec.type == ParamType::Integer) {
                example = spec.key + u"=1,2,4,8"_s;
                break;
            }
        }
        return failWith<SweepPlan>(error,
            Tr::tr("say what to sweep: one --param with several values, e.g. --param %1 (%2 takes: %3)")
                .arg(example, experiment.id(), sweepable.join(u", "_s)));
    }
    if (repeat < 1 || repeat > 100) {
        return failWith<SweepPlan>(error, Tr::tr("--repeat must be a whole number in 1–100, got %1").arg(repeat));
    }
    SweepPlan plan;
    plan.experiment = &experiment;
    plan.spec = *specOf(overrides.at(*swept).first);
    plan.valueTexts = values;
    plan.repeat = repeat;
    for (const QString &value : std::as_const(values)) {
        auto all = fixed;
        all.append({plan.spec.key, value});
        auto params = experiment.resolveParams(all, error);
        if (!params) {
            return std::nullopt;
        }
        plan.params.push_back(std::move(*params));
    }
    return plan;
}

int SweepResult::failures() const
{
    return static_cast<int>(
        std::count_if(points.begin(), points.end(), [](const SweepPoint &p) { return p.status == RunStatus::Failed; }));
}

qint64 SweepResult::longestWallNs() const
{
    // The wall, or a span that ended after it (the chart draws it whole).
    qint64 longest = 0;
    for (const SweepPoint &p : points) {
        longest = std::max(longest, p.run->wallNs);
        for (const Span &s : p.run->spans) {
            longest = std::max(longest, s.isOpen() ? s.beginNs : s.endNs);
        }
    }
    return longest;
}

QString SweepResult::fixedSummary() const
{
    return Params(fixed).summary();
}

Sweep::Sweep(SweepPlan plan)
    : m_plan(std::move(plan))
{
    if (m_plan.experiment) {
        m_result.experiment = m_plan.experiment->id();
        m_result.title = m_plan.experiment->title();
    }
    m_result.spec = m_plan.spec;
    m_result.repeat = m_plan.repeat;
    m_result.plannedValues = static_cast<int>(m_plan.params.size());
    if (!m_plan.params.empty()) {
        for (const auto &[key, value] : m_plan.params.front().values()) {
            if (key != m_plan.spec.key) {
                m_result.fixed.append({key, value});
            }
        }
    }
}

bool Sweep::done() const
{
    return m_stopped || m_value >= m_plan.params.size();
}

const Params &Sweep::nextParams() const
{
    Q_ASSERT(!done());
    return m_plan.params.at(m_value);
}

QString Sweep::nextValueText() const
{
    return done() ? QString() : m_plan.valueTexts.at(static_cast<qsizetype>(m_value));
}

int Sweep::runsPlanned() const
{
    return static_cast<int>(m_plan.params.size()) * m_plan.repeat;
}

void Sweep::record(RunData run)
{
    if (done()) {
        return;
    }
    ++m_runsDone;
    const RunStatus status = run.status;
    m_reps.push_back(std::move(run));
    if (status == RunStatus::Cancelled) {
        finishPoint();
        m_result.cancelled = true;
        m_stopped = true;
        return;
    }
    if (status == RunStatus::Failed || static_cast<int>(m_reps.size()) >= m_plan.repeat) {
        finishPoint();
        ++m_value;
    }
}

void Sweep::stop()
{
    if (done()) {
        return;
    }
    if (!m_reps.empty()) {
        finishPoint(); // the repetitions done of this value: not all of them, so not a result
        m_result.points.back().status = RunStatus::Cancelled;
    }
    m_result.cancelled = true;
    m_stopped = true;
}

void Sweep::finishPoint()
{
    SweepPoint point;
    point.valueText = m_plan.valueTexts.at(static_cast<qsizetype>(m_value));
    point.value = m_plan.params.at(m_value).value(m_plan.spec.key);
    std::vector<double> walls;
    std::size_t drawn = m_reps.size() - 1; // a failed or cancelled repetition is drawn
    for (const RunData &rep : m_reps) {
        point.runs.push_back(rep.stats);
        if (rep.status == RunStatus::Ok) {
            walls.push_back(rep.stats.wallS);
        }
    }
    point.status = m_reps.back().status;
    point.error = m_reps.back().error;
    point.wallMedianS = quantile(walls, 0.5);
    point.wallP95S = quantile(walls, 0.95);
    if (point.status == RunStatus::Ok) {
        // The repetition whose wall is nearest the median.
        double best = std::numeric_limits<double>::max();
        for (std::size_t i = 0; i < m_reps.size(); ++i) {
            const double d = std::abs(m_reps[i].stats.wallS - point.wallMedianS);
            if (d < best) {
                best = d;
                drawn = i;
            }
        }
    }
    point.run = std::make_shared<const RunData>(std::move(m_reps[drawn]));
    m_reps.clear();
    m_result.points.push_back(std::move(point));
}

namespace Export {

namespace {
QString secondsText(double s)
{
    return QString::number(s, 'f', 6);
}
} // namespace

QByteArray sweepCsv(const SweepResult &sweep)
{
    QString out = u"param,value,status,runs,wall_s,wall_p95_s,ideal_s,overhead_s,ideal_schedule_s,all_async_s,"
                  "max_concurrency,longest_stall_s,errors,error\n"_s;
    for (const SweepPoint &p : sweep.points) {
        const RunStats &s = p.run->stats;
        const bool ok = p.status == RunStatus::Ok;
        const double wall = ok ? p.wallMedianS : s.wallS;
        QStringList row {csvField(sweep.spec.key), csvField(p.valueText), toString(p.status),
            QString::number(p.runs.size()), secondsText(wall), secondsText(ok ? p.wallP95S : s.wallS),
            secondsText(s.idealS), ok ? secondsText(wall - s.idealS) : QString(), secondsText(s.idealScheduleS),
            secondsText(s.madeAsync > 0 ? s.idealAllAsyncS : s.idealScheduleS), QString::number(s.maxConcurrency),
            secondsText(s.longestStallS), QString::number(s.errors), csvField(p.error)};
        out += row.join(u',') + u'\n';
    }
    return out.toUtf8();
}

QByteArray sweepJson(const SweepResult &sweep, bool withRuns)
{
    QJsonObject fixed;
    for (const auto &[k, v] : sweep.fixed) {
        fixed.insert(k, QJsonValue::fromVariant(v));
    }
    QJsonArray points;
    for (const SweepPoint &p : sweep.points) {
        QJsonArray runs;
        for (const RunStats &s : p.runs) {
            runs.append(RunFile::statsToJson(s));
        }
        const RunStats &s = p.run->stats;
        QJsonObject point {
            {u"value"_s, QJsonValue::fromVariant(p.value)},
            {u"status"_s, toString(p.status)},
            {u"error"_s, p.error},
            {u"wall_s"_s, QJsonObject {{u"median"_s, p.wallMedianS}, {u"p95"_s, p.wallP95S}}},
            {u"ideal_s"_s, s.idealS},
            {u"ideal_schedule_s"_s, s.idealScheduleS},
            {u"ideal_all_async_s"_s, s.madeAsync > 0 ? s.idealAllAsyncS : s.idealScheduleS},
            {u"max_concurrency"_s, s.maxConcurrency},
            {u"longest_stall_s"_s, s.longestStallS},
            {u"errors"_s, s.errors},
            {u"runs"_s, runs},
        };
        if (withRuns) {
            point.insert(u"run"_s, QJsonDocument::fromJson(RunFile::toJson(*p.run)).object());
        }
        points.append(point);
    }
    const QJsonObject root {
        {u"coroscope_sweep"_s, 1},
        {u"experiment"_s, sweep.experiment},
        {u"title"_s, sweep.title},
        {u"param"_s,
            QJsonObject {{u"key"_s, sweep.spec.key}, {u"label"_s, sweep.spec.label}, {u"unit"_s, sweep.spec.unit}}},
        {u"fixed"_s, fixed},
        {u"repeat"_s, sweep.repeat},
        {u"planned_values"_s, sweep.plannedValues},
        {u"cancelled"_s, sweep.cancelled},
        {u"points"_s, points},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace Export

} // namespace Coroscope
