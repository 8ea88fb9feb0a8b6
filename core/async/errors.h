// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <exception>

namespace Coroscope {

/// Base of Coroscope's exceptions: a message meant for the user, naming what went wrong.
class Error : public std::exception
{
public:
    explicit Error(QString message)
        : m_message(std::move(message))
        , m_utf8(m_message.toUtf8())
    { }
    [[nodiscard]] const QString &message() const { return m_message; }
    [[nodiscard]] const char *what() const noexcept override { return m_utf8.constData(); }

private:
    QString m_message;
    QByteArray m_utf8;
};

/// The run (or the step) was cancelled.
class Cancelled : public Error
{
public:
    explicit Cancelled(QString message = QStringLiteral("cancelled"))
        : Error(std::move(message))
    { }
};

/// A step did not finish within its time limit.
class TimeoutError : public Error
{
public:
    using Error::Error;
};

/// The message of any exception, for spans and logs.
[[nodiscard]] QString errorMessage(const std::exception_ptr &error);

/// `text` (from a server, a file, a user) fit to show in a terminal, a CSV cell or a label:
/// control characters as \xNN escapes (tabs and line breaks too), at most `maxChars`
/// characters with "…" after.
[[nodiscard]] QString printable(QStringView text, qsizetype maxChars = 500);
/// The same for text of many lines: line breaks stay, no length limit.
[[nodiscard]] QString printableLines(QStringView text);
[[nodiscard]] QString printable(QByteArrayView latin1, qsizetype maxChars = 500);

} // namespace Coroscope
