// SPDX-License-Identifier: MIT
#include "rundata.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <thread>

using namespace Qt::StringLiterals;

namespace Coroscope {

QString toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Ok:
        return u"ok"_s;
    case RunStatus::Failed:
        return u"failed"_s;
    case RunStatus::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

EnvInfo EnvInfo::current()
{
    EnvInfo env;
    env.qt = QString::fromLatin1(qVersion());
    env.qcoro = QStringLiteral(COROSCOPE_QCORO_VERSION);
    const int pq = PQlibVersion(); // e.g. 150018
    env.libpq = pq >= 100000 ? u"%1.%2"_s.arg(pq / 10000).arg(pq % 10000)
                             : u"%1.%2.%3"_s.arg(pq / 10000).arg(pq / 100 % 100).arg(pq % 100);
    env.host = QSysInfo::machineHostName();
    env.os = QSysInfo::prettyProductName();
    env.cores = static_cast<int>(std::thread::hardware_concurrency());
    return env;
}

bool RunData::isImportedTrace() const
{
    return experiment == QLatin1StringView("imported trace");
}

const QString &RunData::str(StrId id) const
{
    static const QString empty;
    return id < static_cast<StrId>(strings.size()) ? strings.at(id) : empty;
}

QVariant RunData::param(const QString &key) const
{
    for (const auto &[k, v] : params) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

namespace {
QString secondsText(qint64 ns)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 3);
}
} // namespace

namespace {
/// "0.25", "0.25s", "250ms" → ns; nullopt when it is not a time.
std::optional<qint64> parseTime(QString text)
{
    text = text.trimmed();
    double unit = 1e9;
    if (text.endsWith(u"ms"_s)) {
        unit = 1e6;
        text.chop(2);
    } else if (text.endsWith(u's')) {
        text.chop(1);
    }
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || std::abs(v) > 1e6) {
        return std::nullopt;
    }
    return static_cast<qint64>(std::llround(v * unit));
}
} // namespace

std::optional<Note> parseNote(const QString &spec, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<Note> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    const auto colon = spec.indexOf(u':');
    if (colon <= 0) {
        return fail(QCoreApplication::translate("Coroscope::RunData",
            "--note '%1' is not TIME:TEXT or FROM-TO:TEXT (e.g. --note 0.5:\"the loop froze\" or --note 0.1-0.3:waves)")
                        .arg(spec));
    }
    const QString when = spec.left(colon);
    // A range's dash is after the first character (a leading one would be a sign).
    const auto dash = when.indexOf(u'-', 1);
    const auto begin = parseTime(dash < 0 ? when : when.left(dash));
    const auto end = dash < 0 ? begin : parseTime(when.mid(dash + 1));
    if (!begin || !end) {
        return fail(QCoreApplication::translate("Coroscope::RunData",
            "--note '%1': '%2' is not a time in seconds (0.25, 0.25s) or milliseconds (250ms)")
                        .arg(spec, when));
    }
    return Note {*begin, *end, spec.mid(colon + 1)};
}

QString predictionVerdict(qint64 predictedNs, double measuredS, bool withMeasured)
{
    const double predicted = static_cast<double>(predictedNs) / 1e9;
    const QString head = withMeasured
        ? QCoreApplication::translate("Coroscope::RunData", "predicted %1 s, measured %2 s")
              .arg(QString::number(predicted, 'g', 6), QString::number(measuredS, 'f', 3))
        : QCoreApplication::translate("Coroscope::RunData", "predicted %1 s").arg(QString::number(predicted, 'g', 6));
    if (predicted <= 0 || measuredS <= 0) {
        return head;
    }
    const double ratio = measuredS / predicted;
    if (std::abs(ratio - 1) <= 0.05) {
        return head + QCoreApplication::translate("Coroscope::RunData", " — right (within 5 %)");
    }
    const QString off = QString::number(ratio > 1 ? ratio : 1 / ratio, 'f', 1);
    return head
        + (ratio > 1 ? QCoreApplication::translate("Coroscope::RunData", " — off by %1× (it took longer)")
                     : QCoreApplication::translate("Coroscope::RunData", " — off by %1× (it was faster)"))
              .arg(off);
}

bool RunData::addNote(Note note, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error) {
            *error = why;
        }
        return false;
    };
    // One line, no control characters (they reach terminals and SVG).
    // By code point: an emoji (a surrogate pair) is printable, a lone surrogate is not.
    QList<uint> points = QStringView(note.text).toUcs4();
    for (uint &c : points) {
        if (!QChar::isPrint(static_cast<char32_t>(c)) || c == 0xfffd) {
            c = u' ';
        }
    }
    const QString text
        = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), points.size()).simplified();
    if (text.isEmpty()) {
        return fail(QCoreApplication::translate("Coroscope::RunData", "a note needs some text"));
    }
    if (text.size() > kMaxNoteChars) {
        return fail(QCoreApplication::translate("Coroscope::RunData", "a note takes at most %1 characters, got %2")
                        .arg(kMaxNoteChars)
                        .arg(text.size()));
    }
    if (note.endNs < note.beginNs) {
        return fail(QCoreApplication::translate("Coroscope::RunData", "a note's range %1–%2 s ends before it begins")
                        .arg(secondsText(note.beginNs), secondsText(note.endNs)));
    }
    if (note.beginNs < 0 || note.endNs > wallNs) {
        const QString at = note.isRange() ? u"%1–%2 s"_s.arg(secondsText(note.beginNs), secondsText(note.endNs))
                                          : u"%1 s"_s.arg(secondsText(note.beginNs));
        return fail(QCoreApplication::translate("Coroscope::RunData", "a note at %1 is outside the run (0–%2 s)")
                        .arg(at, secondsText(wallNs)));
    }
    note.text = text;
    const auto at = std::upper_bound(notes.begin(), notes.end(), note.beginNs,
        [](qint64 t, const Note &n) { return t < n.beginNs; });
    notes.insert(at, std::move(note));
    return true;
}

StrId RunData::intern(const QString &text)
{
    if (strings.isEmpty()) {
        strings.append(QString());
    }
    if (text.isEmpty()) {
        return 0;
    }
    const auto index = strings.indexOf(text);
    if (index >= 0) {
        return static_cast<StrId>(index);
    }
    strings.append(text);
    return static_cast<StrId>(strings.size() - 1);
}

} // namespace Coroscope
