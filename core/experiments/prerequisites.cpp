// SPDX-License-Identifier: MIT
#include "prerequisites.h"

#include "http/delayserver.h"
#include "pg/postgres.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

ParamSpec sqlParam()
{
    return ParamSpec {
        .key = u"sql"_s,
        .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "SQL")),
        .type = ParamType::Text,
        .defaultValue = u"SELECT pg_sleep($1)"_s,
        .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "The query each task runs; $1 is bound to the delay (never spliced into the SQL).")),
        .validate
        = [](const QString &text) { return text.trimmed().isEmpty() ? u"the SQL is empty"_s : QString(); },
    };
}

QStringList delayParams(const QString &sql, double delay)
{
    return sql.contains(u"$1"_s) ? QStringList {QString::number(delay, 'g', 10)} : QStringList {};
}

void prepareHttp(const Params &params)
{
    if (params.text(u"url").trimmed().isEmpty()) {
        DelayServer::embedded();
    }
}

QString PostgresExperiment::unavailableReason() const
{
    return Postgres::unavailableReason();
}

void PostgresExperiment::prepare(const Params &) const
{
    [[maybe_unused]] const QString dsn = Postgres::conninfo(); // a failure is reported by the run itself
}

} // namespace Coroscope
