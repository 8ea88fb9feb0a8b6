// SPDX-License-Identifier: MIT
#include "localpostgres.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QVersionNumber>

#include <libpq-fe.h>

#include <csignal>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPg, "coroscope.pg", QtInfoMsg)

namespace Coroscope {

namespace {

constexpr auto kDirPrefix = "coroscope-pg-";
constexpr int kStepTimeoutMs = 60'000;

bool isRoot()
{
    return ::geteuid() == 0;
}

/// Runs a server binary, as `postgres` when we are root. Returns its exit code (-1 if it
/// could not run) and its output.
int runTool(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (isRoot()) {
        p.start(u"runuser"_s, QStringList {u"-u"_s, u"postgres"_s, u"--"_s, program} + args);
    } else {
        p.start(program, args);
    }
    if (!p.waitForStarted(5000)) {
        if (output) {
            *output = p.errorString();
        }
        return -1;
    }
    p.waitForFinished(kStepTimeoutMs);
    if (output) {
        *output = QString::fromLocal8Bit(p.readAll()).trimmed();
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool execAsSuperuser(const QString &conninfo, const QString &sql, QString *error)
{
    PGconn *conn = PQconnectdb(conninfo.toUtf8().constData());
    if (PQstatus(conn) != CONNECTION_OK) {
        if (error) {
            *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        }
        PQfinish(conn);
        return false;
    }
    PGresult *r = PQexec(conn, sql.toUtf8().constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok && error) {
        *error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
    }
    PQclear(r);
    PQfinish(conn);
    return ok;
}

} // namespace

QString LocalPostgres::findBinDir(QString *error)
{
    const QString onPath = QStandardPaths::findExecutable(u"initdb"_s);
    if (!onPath.isEmpty() && QFileInfo::exists(QFileInfo(onPath).dir().filePath(u"pg_ctl"_s))) {
        return QFileInfo(onPath).absolutePath();
    }
    // Debian keeps the server binaries off PATH, one directory per major version.
    QString best;
    QVersionNumber bestVersion;
    const QDir root(u"/usr/lib/postgresql"_s);
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString bin = root.filePath(entry + u"/bin"_s);
        const QVersionNumber v = QVersionNumber::fromString(entry);
        if (QFileInfo::exists(bin + u"/initdb"_s) && QFileInfo::exists(bin + u"/pg_ctl"_s)
            && v > bestVersion) {
            best = bin;
            bestVersion = v;
        }
    }
    if (best.isEmpty() && error) {
        *error = u"PostgreSQL server binaries not found (initdb, pg_ctl): install postgresql"_s;
    }
    return best;
}

LocalPostgres::~LocalPostgres()
{
    if (m_owned) {
        stop();
    }
}

QString LocalPostgres::socketDirectory() const
{
    return m_dir + u"/sock"_s;
}

QString LocalPostgres::conninfo() const
{
    return u"host=%1 port=%2 user=%3 dbname=postgres connect_timeout=10"_s.arg(socketDirectory())
        .arg(m_port)
        .arg(QLatin1StringView(kAppUser));
}

QString LocalPostgres::tcpConninfo() const
{
    return u"host=127.0.0.1 port=%1 user=%2 dbname=postgres connect_timeout=10"_s.arg(m_port).arg(
        QLatin1StringView(kAppUser));
}

QString LocalPostgres::superuserConninfo() const
{
    return u"host=%1 port=%2 user=postgres dbname=postgres connect_timeout=10"_s.arg(socketDirectory())
        .arg(m_port);
}

bool LocalPostgres::start(QString *error)
{
    if (isRunning()) {
        return true;
    }
    auto fail = [&](const QString &why) {
        if (error) {
            *error = why;
        }
        stop();
        return false;
    };
    reapStale();
    QString why;
    m_binDir = findBinDir(&why);
    if (m_binDir.isEmpty()) {
        return fail(why);
    }
    if (isRoot() && !::getpwnam("postgres")) {
        return fail(
            u"running as root, and there is no 'postgres' user to run initdb as (initdb refuses root): "
            "install postgresql, or run Coroscope as an ordinary user"_s);
    }
    // A private directory: 0700, owned by whoever runs the server.
    QTemporaryDir tmp(QDir::tempPath() + u'/' + QLatin1StringView(kDirPrefix) + u"XXXXXX"_s);
    if (!tmp.isValid()) {
        return fail(u"cannot create a directory for the cluster under %1: %2"_s.arg(
            QDir::tempPath(), tmp.errorString()));
    }
    tmp.setAutoRemove(false);
    m_dir = tmp.path();
    QDir().mkpath(m_dir + u"/data"_s);
    QDir().mkpath(socketDirectory());
    QFile owner(m_dir + u"/owner.pid"_s);
    if (owner.open(QIODevice::WriteOnly)) {
        owner.write(QByteArray::number(QCoreApplication::applicationPid()));
        owner.close();
    }
    if (isRoot()) {
        const passwd *pg = ::getpwnam("postgres");
        for (const QString &path : {m_dir, m_dir + u"/data"_s, socketDirectory(), m_dir + u"/owner.pid"_s}) {
            [[maybe_unused]] const int rc = ::chown(path.toLocal8Bit().constData(), pg->pw_uid, pg->pw_gid);
        }
    }
    ::chmod(m_dir.toLocal8Bit().constData(), 0700);

    QString out;
    if (runTool(m_binDir + u"/initdb"_s,
            {u"-D"_s, m_dir + u"/data"_s, u"-A"_s, u"trust"_s, u"-U"_s, u"postgres"_s, u"-E"_s, u"UTF8"_s,
                u"--locale=C"_s, u"--no-sync"_s, u"--no-instructions"_s},
            &out)
        != 0) {
        return fail(u"initdb failed: %1"_s.arg(out.right(500)));
    }
    m_port = freePort();
    QFile conf(m_dir + u"/data/postgresql.conf"_s);
    if (!conf.open(QIODevice::Append)) {
        return fail(u"cannot configure the cluster: %1"_s.arg(conf.errorString()));
    }
    conf.write(u"\n# --- Coroscope private cluster ---\nlisten_addresses = '127.0.0.1'\nport = %1\n"
               "unix_socket_directories = '%2'\nmax_connections = 200\nfsync = off\n"
               "synchronous_commit = off\nfull_page_writes = off\nlogging_collector = off\n"_s.arg(m_port)
                   .arg(socketDirectory())
                   .toUtf8());
    conf.close();
    // The password role authenticates with scram-sha-256 (wrong passwords must fail for real);
    // everything else is trusted, on the private socket and 127.0.0.1 only.
    QFile hba(m_dir + u"/data/pg_hba.conf"_s);
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(u"cannot configure the cluster: %1"_s.arg(hba.errorString()));
    }
    hba.write(u"local all %1 scram-sha-256\nhost all %1 127.0.0.1/32 scram-sha-256\n"
              "local all all trust\nhost all all 127.0.0.1/32 trust\n"_s.arg(QLatin1StringView(kPasswordUser))
                  .toUtf8());
    hba.close();
    if (runTool(m_binDir + u"/pg_ctl"_s,
            {u"-D"_s, m_dir + u"/data"_s, u"-l"_s, m_dir + u"/server.log"_s, u"-w"_s, u"-t"_s, u"60"_s,
                u"start"_s},
            &out)
        != 0) {
        QFile log(m_dir + u"/server.log"_s);
        log.open(QIODevice::ReadOnly);
        return fail(u"the PostgreSQL server did not start: %1"_s.arg(
            QString::fromUtf8(log.readAll().right(600)).trimmed()));
    }
    if (!execAsSuperuser(superuserConninfo(),
            u"SET password_encryption = 'scram-sha-256';"
            "CREATE ROLE %1 LOGIN; CREATE ROLE tscraper NOLOGIN; GRANT tscraper TO %1;"
            "GRANT ALL ON SCHEMA public TO %1;"
            "CREATE ROLE %2 LOGIN PASSWORD '%3';"_s.arg(
                QLatin1StringView(kAppUser), QLatin1StringView(kPasswordUser), QLatin1StringView(kPassword)),
            &why)) {
        return fail(u"cannot create the roles: %1"_s.arg(why));
    }
    QFile env(m_dir + u"/env"_s);
    if (env.open(QIODevice::WriteOnly)) {
        env.write(QByteArray::number(m_port) + '\n');
    }
    qCDebug(lcPg) << "private PostgreSQL cluster at" << m_dir << "port" << m_port;
    return true;
}

bool LocalPostgres::stopServer(QString *error)
{
    QString out;
    if (m_dir.isEmpty()
        || runTool(m_binDir + u"/pg_ctl"_s,
               {u"-D"_s, m_dir + u"/data"_s, u"-m"_s, u"immediate"_s, u"-w"_s, u"stop"_s}, &out)
            != 0) {
        if (error) {
            *error = m_dir.isEmpty() ? u"the cluster is not running"_s : u"pg_ctl stop failed: %1"_s.arg(out);
        }
        return false;
    }
    return true;
}

bool LocalPostgres::startServer(QString *error)
{
    QString out;
    if (m_dir.isEmpty()
        || runTool(m_binDir + u"/pg_ctl"_s,
               {u"-D"_s, m_dir + u"/data"_s, u"-l"_s, m_dir + u"/server.log"_s, u"-w"_s, u"-t"_s, u"60"_s,
                   u"start"_s},
               &out)
            != 0) {
        if (error) {
            *error = m_dir.isEmpty() ? u"the cluster was removed"_s : u"pg_ctl start failed: %1"_s.arg(out);
        }
        return false;
    }
    return true;
}

void LocalPostgres::stop()
{
    if (m_dir.isEmpty()) {
        return;
    }
    if (!m_binDir.isEmpty() && QFileInfo::exists(m_dir + u"/data/postmaster.pid"_s)) {
        runTool(m_binDir + u"/pg_ctl"_s,
            {u"-D"_s, m_dir + u"/data"_s, u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s}, nullptr);
    }
    QDir(m_dir).removeRecursively();
    m_dir.clear();
    m_port = 0;
}

void LocalPostgres::detach()
{
    m_owned = false;
    QFile owner(m_dir + u"/owner.pid"_s);
    if (owner.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        owner.write("0\n"); // no owner process: never reaped
    }
}

bool LocalPostgres::adopt(const QString &directory, QString *error)
{
    QFile env(directory + u"/env"_s);
    if (!env.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = u"no cluster at %1: %2"_s.arg(directory, env.errorString());
        }
        return false;
    }
    m_dir = directory;
    m_port = static_cast<quint16>(env.readLine().trimmed().toUInt());
    m_binDir = findBinDir();
    m_owned = false;
    return m_port != 0;
}

void LocalPostgres::reapStale()
{
    const QDir tmp(QDir::tempPath());
    const QString binDir = findBinDir();
    for (const QString &entry : tmp.entryList({QLatin1StringView(kDirPrefix) + u"*"_s}, QDir::Dirs)) {
        const QString dir = tmp.filePath(entry);
        QFile owner(dir + u"/owner.pid"_s);
        if (!owner.open(QIODevice::ReadOnly)) {
            continue;
        }
        const qint64 pid = owner.readAll().trimmed().toLongLong();
        if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) {
            continue; // its owner is alive
        }
        qCDebug(lcPg) << "reaping a cluster left behind by process" << pid << "at" << dir;
        if (!binDir.isEmpty() && QFileInfo::exists(dir + u"/data/postmaster.pid"_s)) {
            runTool(binDir + u"/pg_ctl"_s,
                {u"-D"_s, dir + u"/data"_s, u"-m"_s, u"immediate"_s, u"-w"_s, u"stop"_s}, nullptr);
        }
        QDir(dir).removeRecursively();
    }
}

} // namespace Coroscope
