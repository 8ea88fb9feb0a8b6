// SPDX-License-Identifier: MIT
#include "highlighter.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

const QSet<QString> &keywords(CodeLanguage language)
{
    static const QSet<QString> cpp {u"auto"_s, u"bool"_s, u"break"_s, u"case"_s, u"catch"_s, u"class"_s,
        u"co_await"_s, u"co_return"_s, u"co_yield"_s, u"const"_s, u"constexpr"_s, u"continue"_s, u"default"_s,
        u"double"_s, u"else"_s, u"false"_s, u"for"_s, u"if"_s, u"int"_s, u"namespace"_s, u"nullptr"_s,
        u"override"_s, u"private"_s, u"public"_s, u"return"_s, u"static"_s, u"struct"_s, u"switch"_s,
        u"template"_s, u"this"_s, u"throw"_s, u"true"_s, u"try"_s, u"typename"_s, u"using"_s, u"void"_s,
        u"while"_s, u"mutable"_s, u"std"_s};
    static const QSet<QString> python {u"and"_s, u"as"_s, u"async"_s, u"await"_s, u"break"_s, u"class"_s,
        u"continue"_s, u"def"_s, u"elif"_s, u"else"_s, u"except"_s, u"False"_s, u"finally"_s, u"for"_s,
        u"from"_s, u"if"_s, u"import"_s, u"in"_s, u"is"_s, u"lambda"_s, u"None"_s, u"not"_s, u"or"_s,
        u"pass"_s, u"raise"_s, u"return"_s, u"True"_s, u"try"_s, u"while"_s, u"with"_s, u"yield"_s};
    return language == CodeLanguage::Cpp ? cpp : python;
}

QString span(const QString &color, const QString &text, bool bold = false)
{
    return u"<span style=\"color:%1;%2\">%3</span>"_s.arg(
        color, bold ? u"font-weight:600;"_s : QString(), text.toHtmlEscaped());
}

} // namespace

QString highlightCode(const QString &code, CodeLanguage language, bool dark)
{
    const QString comment = dark ? u"#8b949e"_s : u"#6e7781"_s;
    const QString string = dark ? u"#a5d6ff"_s : u"#0a3069"_s;
    const QString keyword = dark ? u"#ff7b72"_s : u"#cf222e"_s;
    const QString number = dark ? u"#79c0ff"_s : u"#0550ae"_s;
    const QString plain = dark ? u"#e6edf3"_s : u"#1f2328"_s;
    const QSet<QString> &words = keywords(language);
    const bool cpp = language == CodeLanguage::Cpp;

    QString out = u"<pre style=\"color:%1; font-family:'DejaVu Sans Mono', monospace;\">"_s.arg(plain);
    const qsizetype n = code.size();
    qsizetype i = 0;
    QString pending;
    auto flush = [&] {
        out += pending.toHtmlEscaped();
        pending.clear();
    };
    while (i < n) {
        const QChar c = code.at(i);
        const bool lineComment = cpp ? (c == u'/' && i + 1 < n && code.at(i + 1) == u'/') : c == u'#';
        if (lineComment) {
            flush();
            qsizetype end = code.indexOf(u'\n', i);
            end = end < 0 ? n : end;
            out += span(comment, code.mid(i, end - i));
            i = end;
        } else if (c == u'"' || c == u'\'') {
            flush();
            qsizetype end = i + 1;
            while (end < n && code.at(end) != c && code.at(end) != u'\n') {
                end += code.at(end) == u'\\' ? 2 : 1;
            }
            end = std::min(n, end + 1);
            // C++ literal suffixes: u"..."_s
            while (cpp && end < n && (code.at(end) == u'_' || code.at(end).isLetter())) {
                ++end;
            }
            out += span(string, code.mid(i, end - i));
            i = end;
        } else if (c.isLetter() || c == u'_') {
            qsizetype end = i;
            while (end < n && (code.at(end).isLetterOrNumber() || code.at(end) == u'_')) {
                ++end;
            }
            const QString word = code.mid(i, end - i);
            const bool prefixedString
                = cpp && (word == u"u" || word == u"u8" || word == u"R") && end < n && code.at(end) == u'"';
            if (words.contains(word)) {
                flush();
                out += span(keyword, word, true);
            } else if (prefixedString) {
                flush();
                pending += word; // becomes part of the string's colour run below
                out += span(string, pending);
                pending.clear();
            } else {
                pending += word;
            }
            i = end;
        } else if (c.isDigit()) {
            flush();
            qsizetype end = i;
            while (end < n
                && (code.at(end).isLetterOrNumber() || code.at(end) == u'.' || code.at(end) == u'\'')) {
                ++end;
            }
            out += span(number, code.mid(i, end - i));
            i = end;
        } else {
            pending += c;
            ++i;
        }
    }
    flush();
    out += u"</pre>"_s;
    return out;
}

} // namespace Coroscope
