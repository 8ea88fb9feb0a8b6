// SPDX-License-Identifier: MIT
#include "runfile.h"

#include "savefile.h"

#include "fasthash_p.h"
#include "fastjson_p.h"
#include "prediction.h"
#include "stats.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <charconv>
#include <future>
#include <string_view>
#include <unordered_map>
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

// ---- the spans array without a DOM ---------------------------------------------------------
// A million spans as a QJsonDocument took 670 MB and 1.7 s to parse, and as long again to
// read field by field. The top-level "spans" array is found by a shallow scan and read straight
// into spans; everything else (small) still goes through QJsonDocument. Any syntax error in
// the fast path falls back to QJsonDocument for the whole file, so a broken file is refused
// with exactly the message it always was.

/// Skips white space, a string, or one value with everything nested in it; false at a
/// syntax problem the skip can see (it does not validate scalars: the fast parse does).
struct Shallow
{
    const char *p;
    const char *e;

    void ws()
    {
        while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
            ++p;
        }
    }
    bool string()
    {
        if (p >= e || *p != '"') {
            return false;
        }
        for (++p; p < e; ++p) {
            if (*p == '\\') {
                ++p;
            } else if (*p == '"') {
                ++p;
                return true;
            }
        }
        return false;
    }
    bool value()
    {
        ws();
        if (p >= e) {
            return false;
        }
        if (*p == '"') {
            return string();
        }
        if (*p != '{' && *p != '[') {
            while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' && *p != '\r'
                && *p != '\t') {
                ++p;
            }
            return true;
        }
        int depth = 0;
        while (p < e) {
            const char c = *p;
            if (c == '"') {
                if (!string()) {
                    return false;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++p;
                    return true;
                }
            }
            ++p;
        }
        return false;
    }
};

/// Where the top-level object's "spans" array is: [begin, end) byte offsets, or {-1, -1}.
std::pair<qsizetype, qsizetype> findSpansArray(QByteArrayView json)
{
    Shallow s {json.data(), json.data() + json.size()};
    std::pair<qsizetype, qsizetype> found {-1, -1};
    s.ws();
    if (s.p >= s.e || *s.p != '{') {
        return {-1, -1};
    }
    ++s.p;
    while (true) {
        s.ws();
        const char *keyBegin = s.p;
        if (!s.string()) {
            return {-1, -1};
        }
        const QByteArrayView key(keyBegin + 1, s.p - keyBegin - 2);
        s.ws();
        if (s.p >= s.e || *s.p != ':') {
            return {-1, -1};
        }
        ++s.p;
        s.ws();
        const char *valueBegin = s.p;
        if (!s.value()) {
            return {-1, -1};
        }
        if (key.contains('\\')) {
            return {-1, -1}; // an escaped key might be "spans": the reference path decides
        }
        if (key == "spans") {
            if (found.first >= 0 || *valueBegin != '[') {
                return {-1, -1}; // twice (QJsonDocument keeps the last), or not an array
            }
            found = {valueBegin - json.data(), s.p - json.data()};
        }
        s.ws();
        if (s.p < s.e && *s.p == ',') {
            ++s.p;
            continue;
        }
        if (s.p < s.e && *s.p == '}') {
            return found;
        }
        return {-1, -1};
    }
}

/// A kind or status named in plain ASCII, without a QString per span.
std::optional<SpanKind> kindFromBytes(QByteArrayView name)
{
    static const auto names = [] {
        std::array<QByteArray, kSpanKindCount> n;
        for (int k = 0; k < kSpanKindCount; ++k) {
            n[static_cast<std::size_t>(k)] = toString(static_cast<SpanKind>(k)).toLatin1();
        }
        return n;
    }();
    for (int k = 0; k < kSpanKindCount; ++k) {
        if (name == names[static_cast<std::size_t>(k)]) {
            return static_cast<SpanKind>(k);
        }
    }
    return std::nullopt;
}

std::optional<SpanStatus> statusFromBytes(QByteArrayView name)
{
    if (name == "ok") {
        return SpanStatus::Ok;
    }
    if (name == "error") {
        return SpanStatus::Error;
    }
    if (name == "cancelled") {
        return SpanStatus::Cancelled;
    }
    return std::nullopt;
}

/// One span object's fields as written, before they are checked (in the order and with the
/// messages of the QJsonObject path).
struct RawField
{
    enum Type : quint8 { Missing, Null, String, Number, Bool, Other } type = Missing;
    QByteArrayView view;
    QString decoded;
    bool escaped = false;
    double number = 0;
    bool flag = false;
};

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
    if (!run.notes.empty()) {
        QJsonArray notes;
        for (const Note &n : run.notes) {
            QJsonObject o {{u"t_s"_s, seconds(n.beginNs)}, {u"text"_s, n.text}};
            if (n.isRange()) {
                o.insert(u"end_s"_s, seconds(n.endNs));
            }
            notes.append(o);
        }
        root.insert(u"notes"_s, notes);
    }
    if (run.predictedNs != kUnknownTime) {
        root.insert(u"predicted_s"_s, seconds(run.predictedNs));
    }
    if (!run.predictedOverlap.isEmpty()) {
        root.insert(u"predicted_overlap"_s, run.predictedOverlap);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

namespace {

std::optional<RunData> parseBody(
    const QByteArray &json, QString *error, bool withStats, std::pair<qsizetype, qsizetype> spansRange);

/// The spans array's syntax alone (the fast path reads it after checks that may refuse the
/// file first: a broken array must still be refused as QJsonDocument refuses it).
bool spansSyntaxOk(const QByteArray &json, std::pair<qsizetype, qsizetype> range)
{
    Json::FastJson v {json.constData() + range.first, json.constData() + range.second};
    if (!v.skip()) {
        return false;
    }
    v.ws();
    return v.p == v.e;
}

std::optional<RunData> parseRun(const QByteArray &json, QString *error, bool withStats, bool fast)
{
    const auto range = fast ? findSpansArray(json) : std::pair<qsizetype, qsizetype>(-1, -1);
    if (range.first < 0) {
        return parseBody(json, error, withStats, range);
    }
    // Checked beside the parse, on the other core, when it is big.
    const bool big = range.second - range.first > (1 << 20);
    std::future<bool> syntax;
    bool syntaxOk = true;
    if (big) {
        syntax = std::async(std::launch::async, [&json, range] { return spansSyntaxOk(json, range); });
    } else {
        syntaxOk = spansSyntaxOk(json, range);
    }
    QString why;
    auto run = syntaxOk ? parseBody(json, &why, withStats, range) : std::nullopt;
    if (big) {
        syntaxOk = syntax.get();
    }
    if (!syntaxOk) {
        return parseBody(json, error, withStats, {-1, -1}); // QJsonDocument's own message
    }
    if (!run && error) {
        *error = why;
    }
    return run;
}

std::optional<RunData> parseBody(
    const QByteArray &json, QString *error, bool withStats, std::pair<qsizetype, qsizetype> spansRange)
{
    bool fast = spansRange.first >= 0;
    auto failWith = [error](const QString &message) -> std::optional<RunData> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    // (Not json.trimmed(): a copy of the whole file.)
    if (std::all_of(json.cbegin(), json.cend(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; })) {
        return failWith(u"the file is empty"_s);
    }
    // The spans array apart (see FastJson): the rest of the document is small.
    const auto [spansBegin, spansEnd] = spansRange;
    QByteArray rest;
    if (fast) {
        rest.reserve(json.size() - (spansEnd - spansBegin) + 2);
        rest.append(json.constData(), spansBegin).append("[]").append(json.constData() + spansEnd, json.size() - spansEnd);
    }
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(fast ? rest : json, &parseError);
    if (parseError.error != QJsonParseError::NoError && fast) {
        return parseBody(json, error, withStats, {-1, -1}); // its message, at its byte
    }
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
    QHash<Detail::StringKey, StrId> ids;
    auto intern = [&](const QString &s) -> StrId {
        if (s.isEmpty()) {
            return 0;
        }
        auto it = ids.constFind(Detail::StringKey {s});
        if (it != ids.cend()) {
            return *it;
        }
        const auto id = static_cast<StrId>(run.strings.size());
        run.strings.append(s);
        ids.insert(Detail::StringKey {s}, id);
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

    if (fast) {
        Json::FastJson fj {json.constData() + spansBegin, json.constData() + spansEnd};
        std::unordered_map<std::string_view, StrId> byBytes; // interning without a QString per span
        const auto internView = [&](const RawField &f) -> StrId {
            if (f.escaped) {
                return intern(f.decoded);
            }
            if (f.view.isEmpty()) {
                return 0;
            }
            const std::string_view key(f.view.data(), static_cast<std::size_t>(f.view.size()));
            if (const auto it = byBytes.find(key); it != byBytes.end()) {
                return it->second;
            }
            const StrId id = intern(QString::fromUtf8(f.view));
            byBytes.emplace(key, id);
            return id;
        };
        const auto text = [](const RawField &f) { return f.escaped ? f.decoded : QString::fromUtf8(f.view); };
        fj.eat('[');
        run.spans.reserve(static_cast<std::size_t>((spansEnd - spansBegin) / 96)); // ~110 bytes a span
        qsizetype i = 0;
        const bool empty = fj.eat(']');
        // After a refusal the rest is still read for its syntax: a broken file is refused for
        // that, as QJsonDocument refuses it, whatever the first span said.
        const auto next = [&fj]() {
            if (!fj.eat(',')) {
                if (!fj.eat(']')) {
                    fj.bad = true;
                }
                return false;
            }
            return true;
        };
        while (!empty && !fj.bad) {
            if (r.failed()) {
                if (!fj.skip() || !next()) {
                    break;
                }
                continue;
            }
            // spans[i] as it is written
            RawField lane, name, kind, status, start, end, detail, ready, blocking, nested;
            fj.ws();
            if (fj.p < fj.e && *fj.p != '{') {
                const QString path = u"spans[%1]"_s.arg(i);
                fj.ws();
                if (fj.skip()) {
                    r.fail(path, u"expected an object"_s);
                }
                if (!next()) {
                    break;
                }
                continue;
            }
            fj.eat('{');
            if (!fj.eat('}')) {
                do {
                    QByteArrayView key;
                    QString decodedKey;
                    bool escapedKey = false;
                    if (!fj.string(&key, &decodedKey, &escapedKey) || !fj.eat(':')) {
                        fj.bad = true;
                        break;
                    }
                    RawField *f = nullptr;
                    // (An escaped key is matched as Qt decodes it: it takes "\e" for "e".)
                    QByteArray decodedKeyBytes;
                    if (escapedKey) {
                        decodedKeyBytes = decodedKey.toUtf8();
                        key = decodedKeyBytes;
                    }
                    {
                        if (key == "lane") {
                            f = &lane;
                        } else if (key == "name") {
                            f = &name;
                        } else if (key == "kind") {
                            f = &kind;
                        } else if (key == "status") {
                            f = &status;
                        } else if (key == "start_s") {
                            f = &start;
                        } else if (key == "end_s") {
                            f = &end;
                        } else if (key == "detail") {
                            f = &detail;
                        } else if (key == "ready_s") {
                            f = &ready;
                        } else if (key == "blocking") {
                            f = &blocking;
                        } else if (key == "nested_loop") {
                            f = &nested;
                        }
                    }
                    fj.ws();
                    if (!f || fj.p >= fj.e) {
                        fj.skip();
                        continue;
                    }
                    *f = {};
                    switch (*fj.p) {
                    case '"':
                        f->type = RawField::String;
                        fj.string(&f->view, &f->decoded, &f->escaped);
                        break;
                    case 'n':
                        f->type = RawField::Null;
                        fj.literal("null");
                        break;
                    case 't':
                        f->type = RawField::Bool;
                        f->flag = fj.literal("true");
                        break;
                    case 'f':
                        f->type = RawField::Bool;
                        fj.literal("false");
                        break;
                    case '{':
                    case '[':
                        f->type = RawField::Other;
                        fj.skip();
                        break;
                    default:
                        f->type = RawField::Number;
                        fj.number(&f->number);
                    }
                } while (!fj.bad && fj.eat(','));
                if (!fj.bad && !fj.eat('}')) {
                    fj.bad = true;
                }
            }
            if (fj.bad) {
                break;
            }
            // The checks of the QJsonObject path, in its order, with its messages (the path
            // only written out for one).
            struct LazyPath
            {
                qsizetype i;
                QString operator+(const QString &rest) const { return u"spans[%1]"_s.arg(i) + rest; }
                QString operator+(QChar c) const { return u"spans[%1]"_s.arg(i) + c; }
                operator QString() const { return u"spans[%1]"_s.arg(i); }
            };
            const LazyPath path {i};
            const auto field = [&](const RawField &f, const QString &key) {
                if (f.type == RawField::Missing) {
                    r.fail(path + u'.' + key, u"missing"_s);
                }
            };
            const auto number = [&](const RawField &f, const QString &key, bool required, double fallback) {
                if (required) {
                    field(f, key);
                }
                if (f.type == RawField::Missing || (!required && f.type == RawField::Null)) {
                    return fallback;
                }
                if (f.type != RawField::Number || !std::isfinite(f.number)) {
                    r.fail(path + u'.' + key, u"expected a number"_s);
                    return fallback;
                }
                return f.number;
            };
            const auto time = [&](const RawField &f, const QString &key, bool required, double fallback) -> qint64 {
                const double v = number(f, key, required, fallback);
                if (std::abs(v) > Reader::kMaxSeconds) {
                    r.fail(path + u'.' + key, u"%1 s is out of range (times are within ±1e9 s)"_s.arg(v));
                    return 0;
                }
                return nanoseconds(v);
            };
            const auto string = [&](const RawField &f, const QString &key, bool required) -> const RawField * {
                if (required) {
                    field(f, key);
                }
                if (f.type == RawField::Missing || (!required && f.type == RawField::Null)) {
                    return nullptr;
                }
                if (f.type != RawField::String) {
                    r.fail(path + u'.' + key, u"expected a string"_s);
                    return nullptr;
                }
                return &f;
            };
            Span span;
            {
                const double v = number(lane, u"lane"_s, true, 0);
                const double hi = std::numeric_limits<int>::max();
                qint64 id = 0;
                if (!r.failed() && (v != std::floor(v) || v < 0 || v > hi)) {
                    r.fail(path + u".lane"_s, u"expected a whole number from %1 to %2, got %3"_s.arg(0).arg(std::numeric_limits<int>::max()).arg(v));
                } else {
                    id = static_cast<qint64>(v);
                }
                if (!r.failed() && !laneIndex.contains(id)) {
                    r.fail(path + u".lane"_s, u"no lane with id %1"_s.arg(id));
                }
                span.lane = laneIndex.value(id);
            }
            const RawField *nameField = string(name, u"name"_s, true);
            span.name = nameField ? internView(*nameField) : 0;
            const RawField *kindField = string(kind, u"kind"_s, true);
            auto spanKind = kindField && !kindField->escaped ? kindFromBytes(kindField->view) : std::nullopt;
            const QString kindText = kindField && !spanKind ? text(*kindField) : QString();
            if (!spanKind) {
                spanKind = spanKindFromString(kindText);
            }
            if (!r.failed() && !spanKind) {
                r.fail(path + u".kind"_s, u"unknown span kind \"%1\""_s.arg(kindText));
            }
            const RawField *statusField = string(status, u"status"_s, false);
            std::optional<SpanStatus> spanStatus;
            QString statusText;
            if (statusField && !statusField->escaped) {
                spanStatus = statusField->view.isEmpty() ? std::optional(SpanStatus::Ok) : statusFromBytes(statusField->view);
            }
            if (!spanStatus) {
                statusText = statusField ? text(*statusField) : QString();
                spanStatus = statusText.isEmpty() ? std::optional(SpanStatus::Ok) : spanStatusFromString(statusText);
            }
            if (!r.failed() && !spanStatus) {
                r.fail(path + u".status"_s,
                    u"unknown span status \"%1\" (expected ok, error or cancelled)"_s.arg(statusText));
            }
            const qint64 startNs = time(start, u"start_s"_s, true, 0);
            // null: still open (a snapshot, a replay's frame, a live run saved as it was).
            const qint64 endNs = end.type == RawField::Null ? kUnknownTime : time(end, u"end_s"_s, true, 0);
            if (!r.failed() && endNs != kUnknownTime && endNs < startNs) {
                r.fail(path, u"ends (%1 s) before it starts (%2 s)"_s.arg(static_cast<double>(endNs) / 1e9).arg(static_cast<double>(startNs) / 1e9));
            }
            if (r.failed()) {
                if (!next()) {
                    break;
                }
                continue;
            }
            span.kind = *spanKind;
            span.status = *spanStatus;
            span.beginNs = startNs;
            span.endNs = endNs;
            const RawField *detailField = string(detail, u"detail"_s, false);
            span.detail = detailField ? internView(*detailField) : 0;
            if (ready.type != RawField::Missing) {
                span.readyNs = time(ready, u"ready_s"_s, false, -1);
                if (span.readyNs < 0) {
                    span.readyNs = kUnknownTime;
                }
            }
            span.blocking = blocking.type == RawField::Bool && blocking.flag;
            span.nestedLoop = nested.type == RawField::Bool && nested.flag;
            run.spans.push_back(span);
            ++i;
            if (!next()) {
                break;
            }
        }
        if (fj.bad) {
            return parseBody(json, error, withStats, {-1, -1}); // a syntax error: the DOM's message
        }
    } else {
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
            // null: still open (a snapshot, a replay's frame, a live run saved as it was).
            const qint64 end = o.value(u"end_s"_s).isNull() ? kUnknownTime : r.time(o, path, u"end_s"_s);
            if (!r.failed() && end != kUnknownTime && end < start) {
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

    const QJsonArray notes = r.array(root, u"notes"_s, false);
    for (qsizetype i = 0; i < notes.size() && !r.failed(); ++i) {
        const QString path = u"notes[%1]"_s.arg(i);
        const QJsonObject o = r.object(notes.at(i), path);
        Note note;
        note.beginNs = r.time(o, path, u"t_s"_s);
        note.endNs = o.contains(u"end_s"_s) ? r.time(o, path, u"end_s"_s) : note.beginNs;
        note.text = r.string(o, path, u"text"_s);
        QString why;
        if (!r.failed() && !run.addNote(std::move(note), &why)) {
            r.fail(path, why);
        }
    }
    if (root.contains(u"predicted_s"_s)) {
        run.predictedNs = r.time(root, {}, u"predicted_s"_s);
        if (!r.failed() && run.predictedNs <= 0) {
            r.fail(u"predicted_s"_s, u"must be a positive number of seconds"_s);
        }
    }
    if (root.contains(u"predicted_overlap"_s)) {
        const QString overlap = r.string(root, {}, u"predicted_overlap"_s);
        QString why;
        if (const auto p = OverlapPrediction::parse(overlap, &why); p && !r.failed()) {
            run.predictedOverlap = p->text();
        } else if (!r.failed()) {
            r.fail(u"predicted_overlap"_s, why);
        }
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
    if (withStats) {
        computeStats(run); // and the blame list: recomputed from the spans, never trusted from the file
    }
    return run;
}

} // namespace

std::optional<RunData> fromJson(const QByteArray &json, QString *error)
{
    return parseRun(json, error, true, true);
}

std::optional<RunData> fromJsonReference(const QByteArray &json, QString *error)
{
    return parseRun(json, error, true, false);
}

bool write(const RunData &run, const QString &path, QString *error)
{
    return saveFile(path, toJson(run), error);
}

std::optional<RunData> read(const QString &path, QString *error)
{
    auto bytes = readJsonInput(path, error);
    if (!bytes) {
        return std::nullopt;
    }
    QString why;
    auto run = parseRun(*bytes, &why, false, true);
    bytes.reset(); // the file's bytes are gone before the stats need their memory
    if (!run) {
        if (error) {
            *error = u"%1: %2"_s.arg(path, why);
        }
        return run;
    }
    computeStats(*run);
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
