// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace Coroscope {

/**
 * What the experiments talk to, for the status bar and Settings: the embedded delay server's
 * address, and PostgreSQL as configured (the DSN of the settings, the PG* variables or the
 * private cluster), whether it was reached, and the last error — from a connection check at
 * start and whenever the DSN changes, then from every PostgreSQL run.
 */
class ServiceStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the controller's")
    Q_PROPERTY(QString serverAddress READ serverAddress NOTIFY changed)
    /// "checking" · "ready" · "unreachable" · "unavailable".
    Q_PROPERTY(QString postgresState READ postgresState NOTIFY changed)
    /// One line: what is configured, then whether it was reached or why not.
    Q_PROPERTY(QString postgresText READ postgresText NOTIFY changed)
    Q_PROPERTY(QString postgresError READ postgresError NOTIFY changed)

public:
    explicit ServiceStatus(QObject *parent = nullptr);

    [[nodiscard]] QString serverAddress() const { return m_serverAddress; }
    [[nodiscard]] QString postgresState() const { return m_state; }
    [[nodiscard]] QString postgresText() const;
    [[nodiscard]] QString postgresError() const { return m_error; }

    /// Starts the delay server and checks PostgreSQL (off the GUI thread); `settingsDsn` is the
    /// DSN of the settings (empty: the environment's PG* variables or the private cluster).
    void refresh(const QString &settingsDsn);
    /// A PostgreSQL run ended: it reached the server, or failed with `error` before it did.
    void reportRun(bool reached, const QString &error);

Q_SIGNALS:
    void changed();
    /// The check finished (the experiment list refreshes what can run).
    void postgresChecked();

private:
    void setPostgres(const QString &state, const QString &target, const QString &error);

    QString m_serverAddress;
    QString m_configured; ///< "your DSN", "PG* variables", "private cluster"
    QString m_target; ///< user@host:port/db, never the password
    QString m_state;
    QString m_error;
    int m_generation = 0; ///< a check answered after a newer one started is dropped
};

} // namespace Coroscope
