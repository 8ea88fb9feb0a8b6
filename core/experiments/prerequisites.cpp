// SPDX-License-Identifier: MIT
#include "prerequisites.h"

#include "http/delayserver.h"
#include "pg/postgres.h"

namespace Coroscope {

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
