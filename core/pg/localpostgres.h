// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

namespace Coroscope {

/**
 * A private, throwaway PostgreSQL cluster that Coroscope starts itself: `initdb` and `pg_ctl`
 * from PATH or /usr/lib/postgresql/<version>/bin, data and Unix socket in a 0700 directory
 * of its own, a free port on 127.0.0.1, trust authentication only there (plus one role with
 * a scram-sha-256 password, so that wrong passwords fail for real), fsync off. When
 * Coroscope runs as root it runs them as the `postgres` user (initdb refuses root). Roles:
 * `coroscope_app` (LOGIN, what experiments connect as) and `tscraper` (NOLOGIN, granted to
 * it — the seed's SET ROLE). Stopped and removed by stop() or the destructor; a cluster
 * left behind by a crash is reaped at the next start (its owner PID is gone).
 */
class LocalPostgres
{
public:
    static constexpr auto kAppUser = "coroscope_app";
    static constexpr auto kPasswordUser = "coroscope_pw";
    static constexpr auto kPassword = "coroscope-secret";

    LocalPostgres() = default;
    ~LocalPostgres();
    LocalPostgres(const LocalPostgres &) = delete;
    LocalPostgres &operator=(const LocalPostgres &) = delete;

    /// The directory holding initdb/pg_ctl/postgres, or empty with `error` saying what to install.
    [[nodiscard]] static QString findBinDir(QString *error = nullptr);

    /// Creates and starts the cluster (about a second). False with `error` on failure.
    bool start(QString *error = nullptr);
    /// Fast shutdown, then removes the directory.
    void stop();
    /// Stops the server the way a crash or a failover does (`pg_ctl stop -m immediate`: every
    /// session cut at once) but keeps the cluster, for startServer() to bring it back (tests of
    /// how clients and pools survive an outage).
    bool stopServer(QString *error = nullptr);
    bool startServer(QString *error = nullptr);
    [[nodiscard]] bool isRunning() const { return !m_dir.isEmpty(); }

    [[nodiscard]] const QString &directory() const { return m_dir; }
    [[nodiscard]] QString socketDirectory() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    /// libpq connection string for `coroscope_app` over the Unix socket.
    [[nodiscard]] QString conninfo() const;
    /// The same over TCP on 127.0.0.1.
    [[nodiscard]] QString tcpConninfo() const;
    /// As the superuser (postgres), for set-up and tests (pg_stat_activity, pg_terminate_backend).
    [[nodiscard]] QString superuserConninfo() const;

    /// Removes clusters under the temp directory whose owner process is gone.
    static void reapStale();

    /// Adopts a cluster started by another process (the test fixture): reads its env file.
    bool adopt(const QString &directory, QString *error = nullptr);
    /// Leaves the cluster running when this object dies (the fixture's start step); it is no
    /// longer reaped as stale — whoever detached it stops it.
    void detach();

private:
    QString m_binDir;
    QString m_dir;
    quint16 m_port = 0;
    bool m_owned = true;
};

} // namespace Coroscope
