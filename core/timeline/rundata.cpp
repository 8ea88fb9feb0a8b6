// SPDX-License-Identifier: MIT
#include "rundata.h"

#include <QSysInfo>

#include <libpq-fe.h>

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
