// SPDX-License-Identifier: MIT
#include "savefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

QString reason(int err)
{
    return QString::fromLocal8Bit(strerror(err));
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return u"a folder"_s;
    }
    if (S_ISCHR(mode)) {
        return QCoreApplication::translate("Coroscope::Files", "a character device");
    }
    if (S_ISBLK(mode)) {
        return QCoreApplication::translate("Coroscope::Files", "a block device");
    }
    if (S_ISFIFO(mode)) {
        return u"a pipe"_s;
    }
    if (S_ISSOCK(mode)) {
        return u"a socket"_s;
    }
    return QCoreApplication::translate("Coroscope::Files", "not a regular file");
}

/// The process's umask, read without changing it (umask() would, for every thread).
mode_t currentUmask()
{
    QFile status(u"/proc/self/status"_s);
    if (status.open(QIODevice::ReadOnly)) {
        while (!status.atEnd()) {
            const QByteArray line = status.readLine();
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const int mask = line.mid(6).trimmed().toInt(&ok, 8);
                if (ok) {
                    return static_cast<mode_t>(mask);
                }
            }
        }
    }
    return 022;
}

} // namespace

bool saveFile(const QString &path, QByteArrayView bytes, QString *error, int newFileMode)
{
    const auto fail = [&](const QString &why) {
        if (error) {
            *error = QCoreApplication::translate("Coroscope::Files", "cannot write %1: %2").arg(path, why);
        }
        return false;
    };
    if (path.isEmpty()) {
        return fail(QCoreApplication::translate("Coroscope::Files", "no file name"));
    }
    QByteArray target = QFile::encodeName(path);
    // Follow a symlink (chains too) to what it names: that is the file the user means.
    struct stat st
    {
    };
    for (int hops = 0; ::lstat(target.constData(), &st) == 0 && S_ISLNK(st.st_mode); ++hops) {
        if (hops > 40) {
            return fail(reason(ELOOP));
        }
        char buffer[PATH_MAX];
        const auto n = ::readlink(target.constData(), buffer, sizeof buffer - 1);
        if (n < 0) {
            return fail(reason(errno));
        }
        QByteArray link(buffer, n);
        if (!link.startsWith('/')) {
            const qsizetype slash = target.lastIndexOf('/');
            link = (slash >= 0 ? target.left(slash + 1) : QByteArray()) + link;
        }
        target = link;
    }
    bool exists = false;
    mode_t mode = 0666 & ~currentUmask();
    if (newFileMode >= 0) {
        mode = static_cast<mode_t>(newFileMode);
    }
    if (::stat(target.constData(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            return fail(QCoreApplication::translate(
                "Coroscope::Files", "it is %1, not a regular file; refusing to replace it")
                            .arg(kindOf(st.st_mode)));
        }
        exists = true;
        mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        return fail(reason(errno));
    }
    const qsizetype slash = target.lastIndexOf('/');
    const QByteArray dir = slash > 0 ? target.left(slash) : (slash == 0 ? QByteArray("/") : QByteArray("."));
    const QByteArray base = slash >= 0 ? target.mid(slash + 1) : target;
    if (base.isEmpty()) {
        return fail(QCoreApplication::translate("Coroscope::Files", "it names a folder, not a file"));
    }
    if (::stat(dir.constData(), &st) != 0) {
        return fail(errno == ENOENT
                ? QCoreApplication::translate("Coroscope::Files", "the folder %1 does not exist")
                      .arg(QFile::decodeName(dir))
                : reason(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        return fail(QCoreApplication::translate("Coroscope::Files", "%1 is not a folder")
                        .arg(QFile::decodeName(dir)));
    }
    QByteArray temp = dir + "/." + base.left(200) + ".XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        return fail(reason(errno));
    }
    const auto abandon = [&](int err) {
        ::close(fd);
        ::unlink(temp.constData());
        return fail(reason(err));
    };
    if (::fchmod(fd, mode) != 0 && exists) {
        return abandon(errno);
    }
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        const auto n = ::write(fd, data, static_cast<size_t>(std::min<qsizetype>(left, 1 << 20)));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return abandon(errno);
        }
        if (n == 0) {
            return abandon(ENOSPC);
        }
        data += n;
        left -= n;
    }
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        return abandon(errno);
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.constData());
        return fail(reason(err));
    }
    if (::rename(temp.constData(), target.constData()) != 0) {
        const int err = errno;
        ::unlink(temp.constData());
        return fail(reason(err));
    }
    return true;
}

std::optional<QByteArray> readJsonInput(const QString &path, QString *error, qint64 limit)
{
    const auto fail = [&](const QString &why) -> std::optional<QByteArray> {
        if (error) {
            *error = u"%1: %2"_s.arg(path, why);
        }
        return std::nullopt;
    };
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        return fail(
            QCoreApplication::translate("Coroscope::Files", "is a folder, not a run file or a trace"));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QCoreApplication::translate("Coroscope::Files", "cannot open %1: %2")
                         .arg(path, file.errorString());
        }
        return std::nullopt;
    }
    const auto sizeText = [](qint64 n) { return u"%1 MiB"_s.arg(n / (1024 * 1024)); };
    if (!file.isSequential() && file.size() > limit) {
        return fail(QCoreApplication::translate(
            "Coroscope::Files", "too large to be a run file or a trace Coroscope can open (%1; at most %2)")
                        .arg(sizeText(file.size()), sizeText(limit)));
    }
    QByteArray bytes;
    if (!file.isSequential()) {
        bytes.reserve(file.size());
    }
    bool checkedStart = false;
    for (;;) {
        const qint64 chunk = std::min<qint64>(4 << 20, limit + 1 - bytes.size());
        const QByteArray part = file.read(chunk);
        if (part.isEmpty()) {
            if (file.error() != QFileDevice::NoError) {
                return fail(QCoreApplication::translate("Coroscope::Files", "cannot read: %1")
                                .arg(file.errorString()));
            }
            break;
        }
        bytes += part;
        if (!checkedStart) {
            // JSON text starts with '{' or '[' after white space (and maybe a UTF-8 BOM).
            qsizetype i = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
            while (i < bytes.size()
                && (bytes.at(i) == ' ' || bytes.at(i) == '\n' || bytes.at(i) == '\r'
                    || bytes.at(i) == '\t')) {
                ++i;
            }
            if (i < bytes.size()) {
                if (bytes.at(i) != '{' && bytes.at(i) != '[') {
                    return fail(bytes.left(4096).contains('\0')
                            ? QCoreApplication::translate("Coroscope::Files",
                                "not a run file or a trace: it holds binary data, not JSON text")
                            : QCoreApplication::translate("Coroscope::Files",
                                "not a run file or a trace: JSON text starts with '{' or '['"));
                }
                checkedStart = true;
            } else if (bytes.size() > 1024 * 1024) {
                return fail(QCoreApplication::translate(
                    "Coroscope::Files", "not a run file or a trace: over 1 MiB of white space"));
            }
        }
        if (bytes.size() > limit) {
            return fail(QCoreApplication::translate(
                "Coroscope::Files", "too large to be a run file or a trace Coroscope can open (over %1)")
                            .arg(sizeText(limit)));
        }
    }
    return bytes;
}

} // namespace Coroscope
