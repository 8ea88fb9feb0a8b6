// SPDX-License-Identifier: MIT
// Internal to core/timeline: a strict JSON reader over bytes, without a DOM, for the two big
// inputs (a run file's spans, a Chrome trace's events). It refuses what QJsonDocument would
// refuse (`bad`), and leaves escaped or non-ASCII strings to Qt, so its callers can fall back
// to QJsonDocument for the exact message of any problem it sees.
#pragma once

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <charconv>

namespace Coroscope::Json {

/// A strict reader of values. A syntax error makes it give up (`bad`): the caller then parses
/// the whole file the slow way, for QJsonDocument's own message.
struct FastJson
{
    const char *p;
    const char *e;
    bool bad = false;

    void ws()
    {
        while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
            ++p;
        }
    }
    bool eat(char c)
    {
        ws();
        if (p < e && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
    /// A string: its raw bytes when it has no escapes (`view`), else decoded into `decoded`.
    bool string(QByteArrayView *view, QString *decoded, bool *escaped)
    {
        ws();
        if (p >= e || *p != '"') {
            bad = true;
            return false;
        }
        const char *b = ++p;
        *escaped = false;
        while (p < e && *p != '"') {
            if (static_cast<unsigned char>(*p) < 0x20) {
                bad = true;
                return false;
            }
            if (static_cast<unsigned char>(*p) >= 0x80) {
                *escaped = true; // not ASCII: Qt decodes it (and refuses what is not UTF-8)
            }
            if (*p == '\\') {
                *escaped = true;
                if (++p == e) {
                    break; // a backslash as the last byte: unterminated
                }
            }
            ++p;
        }
        if (p >= e) {
            bad = true;
            return false;
        }
        *view = QByteArrayView(b, p - b);
        ++p;
        if (*escaped) {
            // Rare: let Qt decode it, exactly as it would have.
            QByteArray quoted;
            quoted.reserve(view->size() + 4);
            quoted.append("[\"").append(view->data(), view->size()).append("\"]");
            QJsonParseError err;
            const QJsonDocument d = QJsonDocument::fromJson(quoted, &err);
            if (err.error != QJsonParseError::NoError) {
                bad = true;
                return false;
            }
            *decoded = d.array().at(0).toString();
        }
        return true;
    }
    /// JSON's number grammar exactly: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
    bool number(double *out)
    {
        ws();
        const char *b = p;
        const auto digits = [this] {
            const char *from = p;
            while (p < e && *p >= '0' && *p <= '9') {
                ++p;
            }
            return p > from;
        };
        if (p < e && *p == '-') {
            ++p;
        }
        if (p < e && *p == '0') {
            ++p;
        } else if (!digits()) {
            bad = true;
            return false;
        }
        if (p < e && *p == '.') {
            ++p;
            if (!digits()) {
                bad = true;
                return false;
            }
        }
        if (p < e && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < e && (*p == '+' || *p == '-')) {
                ++p;
            }
            if (!digits()) {
                bad = true;
                return false;
            }
        }
        const auto [end, ec] = std::from_chars(b, p, *out);
        if (ec != std::errc() || end != p) {
            bad = true;
            return false;
        }
        return true;
    }
    bool literal(QByteArrayView word)
    {
        if (e - p >= word.size() && QByteArrayView(p, word.size()) == word) {
            p += word.size();
            return true;
        }
        bad = true;
        return false;
    }
    /// Skips one value of any type, checking its syntax.
    bool skip(int depth = 0)
    {
        ws();
        if (p >= e || depth > 200) {
            bad = true;
            return false;
        }
        QByteArrayView view;
        QString decoded;
        bool escaped = false;
        double d = 0;
        switch (*p) {
        case '"':
            return string(&view, &decoded, &escaped);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        case '{':
            ++p;
            if (eat('}')) {
                return true;
            }
            do {
                if (!string(&view, &decoded, &escaped) || !eat(':') || !skip(depth + 1)) {
                    bad = true;
                    return false;
                }
            } while (eat(','));
            if (!eat('}')) {
                bad = true;
            }
            return !bad;
        case '[':
            ++p;
            if (eat(']')) {
                return true;
            }
            do {
                if (!skip(depth + 1)) {
                    return false;
                }
            } while (eat(','));
            if (!eat(']')) {
                bad = true;
            }
            return !bad;
        default:
            return number(&d);
        }
    }
};


} // namespace Coroscope::Json
