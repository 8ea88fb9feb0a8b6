// SPDX-License-Identifier: MIT
#include "postgres.h"

#include "localpostgres.h"
#include "pgconnection.h"

#include <QCoreApplication>

#include <mutex>

using namespace Qt::StringLiterals;

namespace Coroscope::Postgres {

namespace {
std::mutex s_mutex; ///< the cluster
LocalPostgres *s_cluster = nullptr;
std::mutex s_configuredMutex; ///< never held while starting the cluster
QString s_configured;

void stopCluster()
{
    std::lock_guard lock(s_mutex);
    delete s_cluster;
    s_cluster = nullptr;
}

bool hasPgVariables()
{
    return qEnvironmentVariableIsSet("PGHOST") || qEnvironmentVariableIsSet("PGDATABASE")
        || qEnvironmentVariableIsSet("PGSERVICE");
}
} // namespace

void setConfigured(const QString &conninfo)
{
    std::lock_guard lock(s_configuredMutex);
    s_configured = conninfo.trimmed();
}

QString configured()
{
    std::lock_guard lock(s_configuredMutex);
    return s_configured;
}

QString source()
{
    if (!configured().isEmpty()) {
        return u"settings"_s;
    }
    if (!qEnvironmentVariableIsEmpty("COROSCOPE_PG_DSN")) {
        return u"COROSCOPE_PG_DSN"_s;
    }
    if (hasPgVariables()) {
        return u"PG* variables"_s;
    }
    return u"private cluster"_s;
}

QString conninfo(QString *error)
{
    if (QString dsn = configured(); !dsn.isEmpty()) {
        return dsn;
    }
    if (!qEnvironmentVariableIsEmpty("COROSCOPE_PG_DSN")) {
        return qEnvironmentVariable("COROSCOPE_PG_DSN");
    }
    if (hasPgVariables()) {
        return u"connect_timeout=10"_s; // libpq fills in the rest from PG*
    }
    std::lock_guard lock(s_mutex);
    if (!s_cluster) {
        s_cluster = new LocalPostgres;
        qAddPostRoutine(stopCluster);
    }
    if (!s_cluster->isRunning() && !s_cluster->start(error)) {
        return {};
    }
    return s_cluster->conninfo();
}

void shutdown()
{
    stopCluster();
}

QString check(const QString &conninfo)
{
    try {
        PgBlockingConnection connection {CancelToken {}};
        connection.connect(conninfo);
        connection.close();
        return {};
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

QString unavailableReason()
{
    if (!configured().isEmpty() || !qEnvironmentVariableIsEmpty("COROSCOPE_PG_DSN") || hasPgVariables()) {
        return {};
    }
    QString why;
    if (LocalPostgres::findBinDir(&why).isEmpty()) {
        return why;
    }
    return {};
}

} // namespace Coroscope::Postgres
