// SPDX-License-Identifier: MIT
// Connection strings: redaction, scrubbing and libpq's parse errors on arbitrary text. The
// oracle is libpq itself: whatever password PQconninfoParse finds in the string must not
// appear in the redacted string, in a scrubbed message that quotes it, or in the description
// of libpq's own error.

#include "pg/conninfo.h"

#include <libpq-fe.h>

#include <cstdlib>

using namespace Coroscope;

namespace {
void mustNotShow(const QString &text, const QString &secret)
{
    if (secret.size() >= 3 && text.contains(secret)) {
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray utf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    if (utf8.contains('\0')) {
        return 0; // a C string ends there for libpq too
    }
    const QString dsn = QString::fromUtf8(utf8);
    const QString redacted = redactConninfo(dsn);
    (void)conninfoSecrets(dsn);
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(dsn.toUtf8().constData(), &error);
    if (options) {
        for (PQconninfoOption *o = options; o->keyword; ++o) {
            if (o->val && (qstrcmp(o->keyword, "password") == 0 || qstrcmp(o->keyword, "sslpassword") == 0)) {
                const QString secret = QString::fromUtf8(o->val);
                // A password that also occurs elsewhere in the string ("port=5433
                // password=port=543") may show there: that text is not secret. So may one that
                // the shown values make up once their spacing is normalised ("port=\n5433
                // password=port=543" shows "port=5433"): the test is whether the redacted string
                // still shows it when the password is another text of its length.
                // A password written percent-encoded in a URI ("u:p%20@") is not where its
                // decoded text ("p ") occurs in the string: that occurrence is other text, which
                // may show ("…pp =h…"); only a password the string holds as it is can be swapped.
                const qsizetype decoded
                    = QString::fromUtf8(QByteArray::fromPercentEncoding(dsn.toUtf8())).count(secret);
                if (dsn.count(secret) == 1 && decoded == 1 && redacted.contains(secret)) {
                    QString other = dsn;
                    other.replace(secret, QString(secret.size(), secret.contains(u'Z') ? u'Q' : u'Z'));
                    if (!redactConninfo(other).contains(secret)) {
                        std::abort();
                    }
                }
                mustNotShow(scrubConninfo(QStringLiteral("failed: \"%1\" (%2)").arg(dsn, secret), dsn), secret);
            }
        }
        PQconninfoFree(options);
    } else {
        const QString described = describeConninfoError(QString::fromUtf8(error ? error : ""), dsn);
        // Without a parse there is no password to compare with: the string itself, whole, never.
        if (dsn.trimmed().size() >= 3 && described.contains(dsn.trimmed()) && !conninfoSecrets(dsn).isEmpty()) {
            std::abort();
        }
    }
    PQfreemem(error);
    return 0;
}
