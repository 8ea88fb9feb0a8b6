// SPDX-License-Identifier: MIT
#include "conninfo.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// libpq settings whose values are never secret (PostgreSQL 15, "Parameter Key Words").
/// Everything else — password, sslpassword, and any keyword libpq does not know — is masked.
bool isHarmlessKeyword(QStringView key)
{
    static const QStringList harmless {u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s, u"user"_s,
        u"passfile"_s, u"channel_binding"_s, u"connect_timeout"_s, u"client_encoding"_s, u"options"_s,
        u"application_name"_s, u"fallback_application_name"_s, u"keepalives"_s, u"keepalives_idle"_s,
        u"keepalives_interval"_s, u"keepalives_count"_s, u"tcp_user_timeout"_s, u"replication"_s,
        u"gssencmode"_s, u"sslmode"_s, u"requiressl"_s, u"sslcompression"_s, u"sslcert"_s, u"sslkey"_s,
        u"sslrootcert"_s, u"sslcrl"_s, u"sslcrldir"_s, u"sslsni"_s, u"requirepeer"_s,
        u"ssl_min_protocol_version"_s, u"ssl_max_protocol_version"_s, u"krbsrvname"_s, u"gsslib"_s,
        u"service"_s, u"target_session_attrs"_s};
    return harmless.contains(key.toString().toLower());
}

/// White space as libpq's conninfo_parse sees it: isspace() in the C locale, byte by byte. Not
/// QChar::isSpace, which also takes U+0085 and U+00A0 — a string split there would be read
/// differently from libpq, and a password could end up in what is shown.
bool isConninfoSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r';
}

/// `text` without the white space libpq skips at either end.
QString trimSpace(const QString &text)
{
    qsizetype from = 0;
    qsizetype to = text.size();
    while (from < to && isConninfoSpace(text.at(from))) {
        ++from;
    }
    while (to > from && isConninfoSpace(text.at(to - 1))) {
        --to;
    }
    return text.mid(from, to - from);
}

bool isUri(QStringView text)
{
    return text.startsWith(u"postgresql://") || text.startsWith(u"postgres://");
}

/// What the redaction keeps and what it hides.
struct Parsed
{
    QString redacted;
    QStringList secrets;
};

void addSecret(QStringList &secrets, const QString &value)
{
    if (value.isEmpty()) {
        return;
    }
    secrets.append(value);
    const QString decoded = QUrl::fromPercentEncoding(value.toUtf8());
    if (decoded != value) {
        secrets.append(decoded);
    }
}

/// key=value form, tokenised as libpq's conninfo_parse does: keywords, optional spaces around
/// '=', values plain (up to a space) or single-quoted, with backslash escapes in both.
Parsed parseKeywordValue(const QString &text)
{
    Parsed out;
    QStringList parts;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < n && isConninfoSpace(text.at(i))) {
            ++i;
        }
    };
    for (;;) {
        skipSpace();
        if (i >= n) {
            break;
        }
        const qsizetype keyStart = i;
        while (i < n && text.at(i) != u'=' && !isConninfoSpace(text.at(i))) {
            ++i;
        }
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpace();
        if (i >= n || text.at(i) != u'=') {
            // No '=': libpq refuses this; we cannot tell what it is, so none of it is shown.
            parts.append(u"***"_s);
            addSecret(out.secrets, trimSpace(text.mid(keyStart)));
            break;
        }
        ++i; // '='
        skipSpace();
        QString value;
        bool closed = true;
        if (i < n && text.at(i) == u'\'') {
            ++i;
            closed = false;
            while (i < n) {
                const QChar c = text.at(i);
                if (c == u'\\') {
                    // libpq drops a backslash with nothing after it.
                    if (i + 1 < n) {
                        value += text.at(i + 1);
                    }
                    i += 2;
                } else if (c == u'\'') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    value += c;
                    ++i;
                }
            }
        } else {
            while (i < n && !isConninfoSpace(text.at(i))) {
                if (text.at(i) == u'\\' && ++i == n) {
                    break; // libpq drops a backslash with nothing after it
                }
                value += text.at(i);
                ++i;
            }
        }
        if (!closed) { // an unterminated quote swallows the rest of the string
            parts.append(key + u"=***"_s);
            addSecret(out.secrets, value);
            break;
        }
        if (isHarmlessKeyword(key) && !key.isEmpty()) {
            const bool needsQuotes = value.isEmpty() || value.contains(u' ') || value.contains(u'\'');
            QString shown = value;
            shown.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
            parts.append(key + u'=' + (needsQuotes ? u'\'' + shown + u'\'' : shown));
        } else {
            parts.append(key + u"=***"_s);
            addSecret(out.secrets, value);
        }
    }
    out.redacted = parts.join(u' ');
    return out;
}

/// postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]
Parsed parseUri(const QString &text)
{
    Parsed out;
    const qsizetype schemeEnd = text.indexOf(u"://") + 3;
    QString result = text.left(schemeEnd);
    const QString rest = text.mid(schemeEnd);
    // Where the user info ends. libpq takes the first '@' (unless a '/' comes first); a
    // password written with an unencoded '/', '?' or '@' makes the user mean the last one
    // before the query. Both may hold a password: both are secrets, and the later one ends
    // what is hidden.
    qsizetype libpqAt = -1;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest.at(i) == u'@') {
            libpqAt = i;
            break;
        }
        if (rest.at(i) == u'/') {
            break;
        }
    }
    const qsizetype firstQuery = rest.indexOf(u'?');
    const qsizetype lastAt = (firstQuery < 0 ? rest : rest.left(firstQuery)).lastIndexOf(u'@');
    for (const qsizetype end : {libpqAt, lastAt}) {
        if (end >= 0) {
            const QString userInfo = rest.left(end);
            const qsizetype colon = userInfo.indexOf(u':');
            if (colon >= 0) {
                addSecret(out.secrets, userInfo.mid(colon + 1));
            }
        }
    }
    const qsizetype at = std::max(libpqAt, lastAt);
    const qsizetype queryAt = rest.indexOf(u'?', at + 1);
    QString hostAndPath = queryAt < 0 ? rest.mid(at + 1) : rest.mid(at + 1, queryAt - at - 1);
    if (at >= 0) {
        const QString userInfo = rest.left(at);
        const qsizetype colon = userInfo.indexOf(u':');
        result += (colon >= 0 ? userInfo.left(colon) : userInfo) + u'@';
    }
    result += hostAndPath;
    if (queryAt >= 0) {
        QStringList pairs;
        for (const QString &pair : rest.mid(queryAt + 1).split(u'&')) {
            const qsizetype eq = pair.indexOf(u'=');
            const QString key = eq < 0 ? pair : pair.left(eq);
            const QString value = eq < 0 ? QString() : pair.mid(eq + 1);
            if (eq >= 0 && isHarmlessKeyword(QUrl::fromPercentEncoding(key.toUtf8()))) {
                pairs.append(pair);
            } else if (eq < 0) {
                pairs.append(u"***"_s);
                addSecret(out.secrets, pair);
            } else {
                pairs.append(key + u"=***"_s);
                addSecret(out.secrets, value);
            }
        }
        result += u'?' + pairs.join(u'&');
    }
    out.redacted = result;
    return out;
}

Parsed parse(const QString &conninfo)
{
    const QString trimmed = trimSpace(conninfo);
    return isUri(trimmed) ? parseUri(trimmed) : parseKeywordValue(trimmed);
}

} // namespace

QString redactConninfo(const QString &conninfo)
{
    return parse(conninfo).redacted;
}

QStringList conninfoSecrets(const QString &conninfo)
{
    QStringList secrets = parse(conninfo).secrets;
    secrets.removeDuplicates();
    std::sort(secrets.begin(), secrets.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return secrets;
}

QString scrubConninfo(QString text, const QString &conninfo)
{
    const QString trimmed = trimSpace(conninfo);
    if (trimmed.isEmpty()) {
        return text;
    }
    const QStringList secrets = conninfoSecrets(trimmed);
    // The whole string first (libpq quotes URIs back whole), then each secret wherever it is.
    if (!secrets.isEmpty()) {
        text.replace(trimmed, redactConninfo(trimmed));
    }
    for (const QString &secret : secrets) {
        if (secret.size() >= 3) {
            text.replace(secret, u"***"_s);
            // As a message simplified by Qt quotes it (U+0085, U+00A0 are white space to Qt,
            // not to libpq): "…\u0085" shown as "…".
            if (const QString simple = secret.simplified(); simple != secret && simple.size() >= 3) {
                text.replace(simple, u"***"_s);
            }
            continue;
        }
        // A very short secret is only replaced where it stands as a word of its own: "ab"
        // must not turn every "about" into "***out", but must not be shown either.
        const QRegularExpression word(
            u"(?<![\\p{L}\\p{N}])"_s + QRegularExpression::escape(secret) + u"(?![\\p{L}\\p{N}])"_s);
        text.replace(word, u"***"_s);
    }
    return text;
}

QString describeConninfoError(const QString &libpqMessage, const QString &conninfo)
{
    // libpq quotes fragments of the string back: missing "=" after "…", invalid connection
    // option "…", invalid IPv6 host address in URI: "…", unexpected character "x" at ...
    static const QRegularExpression quoted(u"\"([^\"]*)\""_s);
    static const QRegularExpression keyword(u"^[A-Za-z_]{1,40}$"_s);
    const QString text = libpqMessage.simplified();
    QString out;
    qsizetype last = 0;
    auto it = quoted.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString fragment = m.captured(1);
        const QRegularExpression asKeyword(u"(^|\\s)"_s + QRegularExpression::escape(fragment) + u"\\s*="_s);
        if (fragment.size() <= 1
            || (keyword.match(fragment).hasMatch() && asKeyword.match(conninfo).hasMatch())) {
            out += u'"' + fragment + u'"';
            continue;
        }
        const qsizetype at = conninfo.indexOf(fragment);
        if (at >= 0) {
            out += u"the text at character %1 (%2 characters)"_s.arg(at + 1).arg(fragment.size());
        } else {
            out += u"(a part of the string, not shown)"_s;
        }
    }
    out += text.mid(last);
    return scrubConninfo(out, conninfo);
}

} // namespace Coroscope
