// SPDX-License-Identifier: MIT
#include "errors.h"

#include <QList>

#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope {

QString errorMessage(const std::exception_ptr &error)
{
    if (!error) {
        return {};
    }
    try {
        std::rethrow_exception(error);
    } catch (const Error &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return u"unknown error"_s;
    }
}

QString printable(QStringView text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars) + 8);
    qsizetype shown = 0;
    for (const QChar c : text) {
        if (shown >= maxChars) {
            out += QChar(0x2026);
            break;
        }
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029 || u == 0x202e
            || u == 0x200e || u == 0x200f) {
            out += u"\\x%1"_s.arg(static_cast<int>(u), u < 0x100 ? 2 : 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
        ++shown;
    }
    return out;
}

QString printableLines(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QStringView line : text.split(u'\n')) {
        out += printable(line, std::numeric_limits<qsizetype>::max() / 2);
        out += u'\n';
    }
    out.chop(1);
    return out;
}

QString printable(QByteArrayView latin1, qsizetype maxChars)
{
    return printable(QString::fromLatin1(latin1.first(std::min(latin1.size(), maxChars + 1))), maxChars);
}

} // namespace Coroscope
