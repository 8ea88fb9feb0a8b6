// SPDX-License-Identifier: MIT
#include "runfile.h"

#include "savefile.h"

#include "stats.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope::RunFile {

namespace {

double seconds(qint64 ns)
{
    return static_cast<double>(ns) / 1e9;
}

qint64 nanoseconds(double s)
{
    return static_cast<qint64>(std::llround(s * 1e9));
}

} // namespace

QJsonObject statsToJson(const RunStats &s)
{
    return QJsonObject {
        {u"wall_s"_s, s.wallS},
        {u"ideal_s"_s, s.idealS},
        {u"overhead_s"_s, s.overheadS},
        {u"max_concurrency"_s, s.maxConcurrency},
        {u"avg_concurrency"_s, s.avgConcurrency},
        {u"longest_stall_s"_s, s.longestStallS},
        {u"total_stall_s"_s, s.totalStallS},
        {u"spans"_s, s.spans},
        {u"errors"_s, s.errors},
        {u"cancelled"_s, s.cancelled},
        {u"late_s"_s, s.lateS},
        {u"blamed_s"_s, s.blamedS},
        {u"ideal_schedule_s"_s, s.idealScheduleS},
        {u"ideal_all_async_s"_s, s.idealAllAsyncS},
        {u"made_async"_s, s.madeAsync},
    };
}

namespace {

/// Reads typed fields and remembers the first problem with its JSON path.
class Reader
{
public:
    [[nodiscard]] bool failed() const { return !m_error.isEmpty(); }
    [[nodiscard]] const QString &error() const { return m_error; }

    void fail(const QString &path, const QString &what)
    {
        if (m_error.isEmpty()) {
            m_error = path.isEmpty() ? what : path + u": "_s + what;
        }
    }

    QJsonValue field(const QJsonObject &o, const QString &path, const QString &key, bool required = true)
    {
        const auto v = o.value(key);
        if (v.isUndefined() && required) {
            fail(join(path, key), u"missing"_s);
        }
        return v;
    }

    double number(const QJsonObject &o, const QString &path, const QString &key, bool required = true,
        double fallback = 0)
    {
        const auto v = field(o, path, key, required);
        if (v.isUndefined() || (!required && v.isNull())) {
            return fallback;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(join(path, key), u"expected a number"_s);
            return fallback;
        }
        return v.toDouble();
    }

    /// A time in seconds that must fit in nanoseconds (±1e9 s, about 31 years).
    qint64 time(const QJsonObject &o, const QString &path, const QString &key, bool required = true,
        double fallback = 0)
    {
        const double s = number(o, path, key, required, fallback);
        if (std::abs(s) > kMaxSeconds) {
            fail(join(path, key), u"%1 s is out of range (times are within ±1e9 s)"_s.arg(s));
            return 0;
        }
        return nanoseconds(s);
    }

    /// A whole number within [lo, hi].
    qint64 integer(const QJsonObject &o, const QString &path, const QString &key, qint64 lo, qint64 hi)
    {
        const double v = number(o, path, key);
        if (v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi)) {
            fail(join(path, key), u"expected a whole number from %1 to %2, got %3"_s.arg(lo).arg(hi).arg(v));
            return lo;
        }
        return static_cast<qint64>(v);
    }

    static constexpr double kMaxSeconds = 1e9;

    QString string(const QJsonObject &o, const QString &path, const QString &key, bool required = true)
    {
        const auto v = field(o, path, key, required);
        if (v.isUndefined() || (!required && v.isNull())) {
            return {};
        }
        if (!v.isString()) {
            fail(join(path, key), u"expected a string"_s);
            return {};
        }
        return v.toString();
    }

    QJsonArray array(const QJsonObject &o, const QString &key, bool required = true)
    {
        const auto v = field(o, {}, key, required);
        if (v.isUndefined()) {
            return {};
        }
        if (!v.isArray()) {
            fail(key, u"expected an array"_s);
            return {};
        }
        return v.toArray();
    }

    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, u"expected an object"_s);
            return {};
        }
        return v.toObject();
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

private:
    QString m_error;
};

} // namespace

QByteArray toJson(const RunData &run)
{
    QJsonObject params;
    for (const auto &[key, value] : run.params) {
        params.insert(key, QJsonValue::fromVariant(value));
    }
    QJsonArray lanes;
    for (const Lane &lane : run.lanes) {
        QJsonObject o {{u"id"_s, static_cast<qint64>(lane.id)}, {u"name"_s, lane.name},
            {u"kind"_s, toString(lane.kind)}};
        if (lane.createdNs != kUnknownTime) {
            o.insert(u"created_s"_s, seconds(lane.createdNs));
        }
        lanes.append(o);
    }
    QJsonArray spans;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &span = run.spans[i];
        QJsonObject o {
            {u"lane"_s, static_cast<qint64>(span.lane)},
            {u"name"_s, run.str(span.name)},
            {u"kind"_s, toString(span.kind)},
            {u"start_s"_s, seconds(span.beginNs)},
            {u"end_s"_s, span.isOpen() ? QJsonValue() : QJsonValue(seconds(span.endNs))},
            {u"status"_s, toString(span.status)},
            {u"detail"_s, run.str(span.detail)},
        };
        if (span.readyNs != kUnknownTime) {
            o.insert(u"ready_s"_s, seconds(span.readyNs));
        }
        if (span.blocking) {
            o.insert(u"blocking"_s, true);
        }
        if (span.nestedLoop) {
            o.insert(u"nested_loop"_s, true);
        }
        if (i < run.ideal.beginNs.size() && run.ideal.beginNs[i] != kUnknownTime
            && run.ideal.endNs[i] != kUnknownTime) {
            o.insert(u"ideal_start_s"_s, seconds(run.ideal.beginNs[i]));
            o.insert(u"ideal_end_s"_s, seconds(run.ideal.endNs[i]));
        }
        spans.append(o);
    }
    QJsonArray blame;
    for (const Blame &b : run.blame) {
        blame.append(QJsonObject {
            {u"culprit"_s, b.culprit}, {u"victim"_s, b.victim}, {u"delay_s"_s, seconds(b.delayNs)}});
    }
    QJsonArray marks;
    for (const Mark &mark : run.marks) {
        marks.append(
            QJsonObject {{u"lane"_s, static_cast<qint64>(mark.lane)}, {u"name"_s, run.str(mark.name)},
                {u"t_s"_s, seconds(mark.atNs)}, {u"detail"_s, run.str(mark.detail)}});
    }
    QJsonArray counters;
    for (const CounterSample &c : run.counters) {
        counters.append(QJsonObject {{u"lane"_s, static_cast<qint64>(c.lane)}, {u"name"_s, run.str(c.name)},
            {u"t_s"_s, seconds(c.atNs)}, {u"value"_s, c.value}});
    }
    const QJsonObject env {
        {u"qt"_s, run.env.qt},
        {u"qcoro"_s, run.env.qcoro},
        {u"libpq"_s, run.env.libpq},
        {u"host"_s, run.env.host},
        {u"os"_s, run.env.os},
        {u"cores"_s, run.env.cores},
    };
    QJsonObject root {
        {u"format"_s, QString::fromLatin1(kFormat)},
        {u"version"_s, kVersion},
        {u"experiment"_s, run.experiment},
        {u"title"_s, run.title},
        {u"status"_s, toString(run.status)},
        {u"error"_s, run.error},
        {u"started_at"_s, run.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"params"_s, params},
        {u"wall_s"_s, seconds(run.wallNs)},
        {u"ideal_s"_s, seconds(run.idealNs)},
        {u"lanes"_s, lanes},
        {u"spans"_s, spans},
        {u"marks"_s, marks},
        {u"counters"_s, counters},
        {u"blame"_s, blame},
        {u"stats"_s, statsToJson(run.stats)},
        {u"env"_s, env},
    };
    if (run.loopMaxLatenessNs != kUnknownTime) {
        root.insert(u"loop_max_lateness_s"_s, seconds(run.loopMaxLatenessNs));
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<RunData> fromJson(const QByteArray &json, QString *error)
{
    auto failWith = [error](const QString &message) -> std::optional<RunData> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (json.trimmed().isEmpty()) {
        return failWith(u"the file is empty"_s);
    }
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const bool atEnd = parseError.offset >= json.trimmed().size() - 1;
        return failWith(u"not valid JSON: %1 at byte %2%3"_s.arg(parseError.errorString())
                            .arg(parseError.offset)
                            .arg(atEnd ? u" (the file looks truncated)"_s : QString()));
    }
    if (!doc.isObject()) {
        return failWith(u"not a Coroscope run file: the top level is not a JSON object"_s);
    }
    const QJsonObject root = doc.object();
    const auto format = root.value(u"format"_s);
    if (format.toString() != QLatin1StringView(kFormat)) {
        return failWith(u"not a Coroscope run file: \"format\" is %1, expected \"%2\""_s.arg(
            format.isUndefined() ? u"missing"_s : u"\"%1\""_s.arg(format.toVariant().toString()),
            QString::fromLatin1(kFormat)));
    }
    const auto version = root.value(u"version"_s);
    if (!version.isDouble() || version.toDouble() < 1
        || version.toDouble() != std::floor(version.toDouble())) {
        return failWith(u"version: expected a positive whole number"_s);
    }
    if (version.toDouble() > kVersion) {
        return failWith(u"written by a newer Coroscope (run file version %1; this build reads up to %2)"_s
                            .arg(version.toDouble())
                            .arg(kVersion));
    }

    Reader r;
    RunData run;
    run.strings.append(QString());
    QHash<QString, StrId> ids;
    auto intern = [&](const QString &s) -> StrId {
        if (s.isEmpty()) {
            return 0;
        }
        auto it = ids.constFind(s);
        if (it != ids.cend()) {
            return *it;
        }
        const auto id = static_cast<StrId>(run.strings.size());
        run.strings.append(s);
        ids.insert(s, id);
        return id;
    };

    run.experiment = r.string(root, {}, u"experiment"_s);
    run.title = r.string(root, {}, u"title"_s, false);
    const QString status = r.string(root, {}, u"status"_s, false);
    if (status.isEmpty() || status == u"ok") {
        run.status = RunStatus::Ok;
    } else if (status == u"failed") {
        run.status = RunStatus::Failed;
    } else if (status == u"cancelled") {
        run.status = RunStatus::Cancelled;
    } else {
        r.fail(u"status"_s, u"unknown run status \"%1\" (expected ok, failed or cancelled)"_s.arg(status));
    }
    run.error = r.string(root, {}, u"error"_s, false);
    run.startedAt = QDateTime::fromString(r.string(root, {}, u"started_at"_s, false), Qt::ISODateWithMs);
    run.wallNs = r.time(root, {}, u"wall_s"_s);
    run.idealNs = std::max<qint64>(r.time(root, {}, u"ideal_s"_s), 0);
    if (run.wallNs < 0) {
        r.fail(u"wall_s"_s, u"must not be negative"_s);
    }
    if (root.contains(u"loop_max_lateness_s"_s)) {
        run.loopMaxLatenessNs = r.time(root, {}, u"loop_max_lateness_s"_s);
    }

    const auto paramsValue = r.field(root, {}, u"params"_s, false);
    if (!paramsValue.isUndefined()) {
        const QJsonObject params = r.object(paramsValue, u"params"_s);
        for (auto it = params.begin(); it != params.end(); ++it) {
            run.params.append({it.key(), it.value().toVariant()});
        }
    }

    QHash<qint64, LaneId> laneIndex;
    const QJsonArray lanes = r.array(root, u"lanes"_s);
    for (qsizetype i = 0; i < lanes.size() && !r.failed(); ++i) {
        const QString path = u"lanes[%1]"_s.arg(i);
        const QJsonObject o = r.object(lanes.at(i), path);
        const qint64 id = r.integer(o, path, u"id"_s, 0, std::numeric_limits<int>::max());
        const QString kindText = r.string(o, path, u"kind"_s);
        const auto kind = laneKindFromString(kindText);
        if (!r.failed() && !kind) {
            r.fail(path + u".kind"_s,
                u"unknown lane kind \"%1\" (expected task, loop, pool or server)"_s.arg(kindText));
        }
        if (!r.failed() && laneIndex.contains(id)) {
            r.fail(path + u".id"_s, u"duplicate lane id %1"_s.arg(id));
        }
        if (r.failed()) {
            break;
        }
        const auto index = static_cast<LaneId>(run.lanes.size());
        laneIndex.insert(id, index);
        Lane lane {index, r.string(o, path, u"name"_s), *kind};
        if (o.contains(u"created_s"_s)) {
            lane.createdNs = r.time(o, path, u"created_s"_s, false);
        }
        run.lanes.append(lane);
    }

    auto laneOf = [&](const QJsonObject &o, const QString &path) -> LaneId {
        const qint64 id = r.integer(o, path, u"lane"_s, 0, std::numeric_limits<int>::max());
        if (!r.failed() && !laneIndex.contains(id)) {
            r.fail(path + u".lane"_s, u"no lane with id %1"_s.arg(id));
        }
        return laneIndex.value(id);
    };

    const QJsonArray spans = r.array(root, u"spans"_s);
    run.spans.reserve(static_cast<std::size_t>(spans.size()));
    for (qsizetype i = 0; i < spans.size() && !r.failed(); ++i) {
        const QString path = u"spans[%1]"_s.arg(i);
        const QJsonObject o = r.object(spans.at(i), path);
        Span span;
        span.lane = laneOf(o, path);
        span.name = intern(r.string(o, path, u"name"_s));
        const QString kindText = r.string(o, path, u"kind"_s);
        const auto kind = spanKindFromString(kindText);
        if (!r.failed() && !kind) {
            r.fail(path + u".kind"_s, u"unknown span kind \"%1\""_s.arg(kindText));
        }
        const QString statusText = r.string(o, path, u"status"_s, false);
        const auto spanStatus
            = statusText.isEmpty() ? std::optional(SpanStatus::Ok) : spanStatusFromString(statusText);
        if (!r.failed() && !spanStatus) {
            r.fail(path + u".status"_s,
                u"unknown span status \"%1\" (expected ok, error or cancelled)"_s.arg(statusText));
        }
        const qint64 start = r.time(o, path, u"start_s"_s);
        const qint64 end = r.time(o, path, u"end_s"_s);
        if (!r.failed() && end < start) {
            r.fail(path, u"ends (%1 s) before it starts (%2 s)"_s.arg(static_cast<double>(end) / 1e9).arg(static_cast<double>(start) / 1e9));
        }
        if (r.failed()) {
            break;
        }
        span.kind = *kind;
        span.status = *spanStatus;
        span.beginNs = start;
        span.endNs = end;
        span.detail = intern(r.string(o, path, u"detail"_s, false));
        if (o.contains(u"ready_s"_s)) {
            span.readyNs = r.time(o, path, u"ready_s"_s, false, -1);
            if (span.readyNs < 0) {
                span.readyNs = kUnknownTime;
            }
        }
        span.blocking = o.value(u"blocking"_s).toBool(false);
        span.nestedLoop = o.value(u"nested_loop"_s).toBool(false);
        run.spans.push_back(span);
    }

    const QJsonArray marks = r.array(root, u"marks"_s, false);
    for (qsizetype i = 0; i < marks.size() && !r.failed(); ++i) {
        const QString path = u"marks[%1]"_s.arg(i);
        const QJsonObject o = r.object(marks.at(i), path);
        Mark mark;
        mark.lane = laneOf(o, path);
        mark.name = intern(r.string(o, path, u"name"_s));
        mark.atNs = r.time(o, path, u"t_s"_s);
        mark.detail = intern(r.string(o, path, u"detail"_s, false));
        run.marks.push_back(mark);
    }

    const QJsonArray counters = r.array(root, u"counters"_s, false);
    for (qsizetype i = 0; i < counters.size() && !r.failed(); ++i) {
        const QString path = u"counters[%1]"_s.arg(i);
        const QJsonObject o = r.object(counters.at(i), path);
        CounterSample c;
        c.lane = laneOf(o, path);
        c.name = intern(r.string(o, path, u"name"_s));
        c.atNs = r.time(o, path, u"t_s"_s);
        c.value = r.number(o, path, u"value"_s);
        run.counters.push_back(c);
    }

    const auto envValue = r.field(root, {}, u"env"_s, false);
    if (envValue.isObject()) {
        const QJsonObject env = envValue.toObject();
        run.env.qt = env.value(u"qt"_s).toString();
        run.env.qcoro = env.value(u"qcoro"_s).toString();
        run.env.libpq = env.value(u"libpq"_s).toString();
        run.env.host = env.value(u"host"_s).toString();
        run.env.os = env.value(u"os"_s).toString();
        run.env.cores = env.value(u"cores"_s).toInt();
    }

    if (r.failed()) {
        return failWith(r.error());
    }
    computeStats(run); // and the blame list: recomputed from the spans, never trusted from the file
    return run;
}

bool write(const RunData &run, const QString &path, QString *error)
{
    return saveFile(path, toJson(run), error);
}

std::optional<RunData> read(const QString &path, QString *error)
{
    const auto bytes = readJsonInput(path, error);
    if (!bytes) {
        return std::nullopt;
    }
    QString why;
    auto run = fromJson(*bytes, &why);
    if (!run && error) {
        *error = u"%1: %2"_s.arg(path, why);
    }
    return run;
}

std::optional<Summary> readSummary(const QString &path)
{
    const auto bytes = readJsonInput(path, nullptr);
    if (!bytes) {
        return std::nullopt;
    }
    const QJsonObject root = QJsonDocument::fromJson(*bytes).object();
    if (root.value(u"format"_s).toString() != QLatin1StringView(kFormat)) {
        return std::nullopt;
    }
    return Summary {
        .experiment = root.value(u"experiment"_s).toString(),
        .status = root.value(u"status"_s).toString(),
        .startedAt = QDateTime::fromString(root.value(u"started_at"_s).toString(), Qt::ISODateWithMs),
        .wallNs = static_cast<qint64>(std::llround(root.value(u"wall_s"_s).toDouble() * 1e9)),
    };
}

} // namespace Coroscope::RunFile
