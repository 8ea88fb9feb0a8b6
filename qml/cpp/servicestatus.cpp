// SPDX-License-Identifier: MIT
#include "servicestatus.h"

#include "http/delayserver.h"
#include "pg/conninfo.h"
#include "pg/postgres.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace Coroscope {

ServiceStatus::ServiceStatus(QObject *parent)
    : QObject(parent)
{ }

QString ServiceStatus::postgresText() const
{
    const QString what = m_target.isEmpty() ? m_configured : m_configured + u" ("_s + m_target + u')';
    if (m_state == u"checking") {
        return tr("%1 · connecting…").arg(what);
    }
    if (m_state == u"ready") {
        return tr("%1 · reached").arg(what);
    }
    if (m_state == u"unavailable") {
        return tr("unavailable: %1").arg(m_error);
    }
    return tr("%1 · not reached: %2").arg(what, m_error);
}

void ServiceStatus::setPostgres(const QString &state, const QString &target, const QString &error)
{
    m_state = state;
    if (!target.isEmpty()) {
        m_target = target;
    }
    m_error = error;
    Q_EMIT changed();
}

void ServiceStatus::refresh(const QString &settingsDsn)
{
    // The delay server: started now (milliseconds) so the status bar can show where it is.
    QString error;
    DelayServer &server = DelayServer::embedded(&error);
    m_serverAddress = error.isEmpty() ? server.url().toString() : tr("unavailable: %1").arg(error);

    const int generation = ++m_generation;
    m_target.clear();
    if (!settingsDsn.trimmed().isEmpty() || Postgres::source() == u"settings") {
        m_configured = tr("the DSN from the settings");
        m_target = redactConninfo(settingsDsn.trimmed());
    } else if (Postgres::source() == u"private cluster") {
        m_configured = tr("a private cluster");
    } else if (Postgres::source() == u"COROSCOPE_PG_DSN") {
        m_configured = tr("COROSCOPE_PG_DSN from the environment");
        m_target = redactConninfo(qEnvironmentVariable("COROSCOPE_PG_DSN"));
    } else {
        m_configured = tr("the PG* variables from the environment");
    }
    const QString reason = Postgres::unavailableReason();
    if (!reason.isEmpty()) {
        setPostgres(u"unavailable"_s, {}, reason);
        Q_EMIT postgresChecked();
        return;
    }
    setPostgres(u"checking"_s, {}, {});
    // The private cluster takes about a second, a far server up to its connect_timeout: off the
    // GUI thread. The check connects for real: a DSN that parses is not yet one that works.
    QPointer<ServiceStatus> self(this);
    QThreadPool::globalInstance()->start([self, generation] {
        QString why;
        const QString dsn = Postgres::conninfo(&why);
        QString target;
        if (!dsn.isEmpty()) {
            why = Postgres::check(dsn);
            // The private cluster's socket path says nothing to the user: only a DSN of theirs is shown.
            if (Postgres::source() != u"private cluster") {
                target = redactConninfo(dsn);
            }
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, why, target] {
                if (self && generation == self->m_generation) {
                    self->setPostgres(why.isEmpty() ? u"ready"_s : u"unreachable"_s, target, why);
                    Q_EMIT self->postgresChecked();
                }
            },
            Qt::QueuedConnection);
    });
}

void ServiceStatus::reportRun(bool reached, const QString &error)
{
    if (m_state == u"unavailable") {
        return;
    }
    setPostgres(reached ? u"ready"_s : u"unreachable"_s, {}, reached ? QString() : error);
}

} // namespace Coroscope
