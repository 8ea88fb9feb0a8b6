// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

#include "async/errors.h"

namespace Coroscope {

/**
 * An HTTP/1.x response, parsed as its bytes arrive: the status line, the headers, and a body
 * delimited by Content-Length, chunked encoding, or the connection closing. It says exactly
 * what was missing when a response ends early ("cut short: 11 of 1000 bytes") and refuses
 * what cannot be a response, or is too large, instead of guessing.
 */
class HttpResponseParser
{
public:
    enum class State
    {
        NeedMore,
        Complete,
        Failed
    };

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    static constexpr qint64 kMaxBodyBytes = 256LL * 1024 * 1024;

    /// For a response to HEAD: there is no body whatever the headers say.
    void setHeadRequest(bool head) { m_head = head; }
    /// More bytes from the connection.
    State feed(QByteArrayView data);
    /// The connection was closed by the server (or reset): completes a body delimited by the
    /// close, fails anything else with what was missing.
    State closed();
    [[nodiscard]] State state() const { return m_state; }

    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] const QString &reason() const { return m_reason; }
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    [[nodiscard]] QByteArray takeBody() { return std::move(m_body); }
    /// Why it failed ("the response was cut short: …"), without the URL.
    [[nodiscard]] const QString &error() const { return m_error; }
    /// What has arrived so far, for a timeout's message: "nothing", "headers and 11 of 1000 bytes".
    [[nodiscard]] QString progress() const;
    [[nodiscard]] bool headersDone() const { return m_headersDone; }
    /// The server allows another request on this connection.
    [[nodiscard]] bool keepAlive() const { return m_keepAlive; }
    /// Bytes received after the end of the response (a pipelined or stray answer).
    [[nodiscard]] qsizetype extraBytes() const { return m_buffer.size() - m_pos; }

private:
    State fail(const QString &why);
    State parseHeaders();
    State parseBody();

    State m_state = State::NeedMore;
    QByteArray m_buffer;
    qsizetype m_pos = 0; ///< how far m_buffer has been consumed
    bool m_head = false;
    bool m_headersDone = false;
    int m_status = 0;
    QString m_reason;
    QString m_error;
    bool m_keepAlive = true;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    qint64 m_chunkLeft = -1; ///< bytes of the current chunk still to come; -1 at a size line
    bool m_trailers = false; ///< after the last chunk, reading trailer lines
    QByteArray m_body;
};


/// "GET /path?query HTTP/1.1" with Host, User-Agent, Accept, Connection (keep-alive or close)
/// and one optional extra header: the request both HTTP clients send.
[[nodiscard]] QByteArray httpGetRequest(
    const QUrl &url, bool keepAlive, const QByteArray &extraName = {}, const QByteArray &extraValue = {});

/**
 * HTTP/1.x requests on one connection, parsed as bytes arrive (the delay server's side):
 * request line, headers, and a Content-Length body (skipped). Pipelined requests come out
 * one by one in order. Anything malformed is refused with the status to answer (400, 413,
 * 431, 501, 505) and a message, after which the connection must be closed.
 */
class HttpRequestParser
{
public:
    struct Request
    {
        QByteArray method; ///< GET, HEAD, ...
        QByteArray target; ///< origin-form "/path?query" (or absolute-form)
        int minorVersion = 1; ///< HTTP/1.0 or HTTP/1.1
        bool keepAlive = true; ///< the client allows another request on this connection
        QByteArray runTag; ///< X-Coroscope-Run
    };
    enum class State
    {
        NeedMore,
        Ready,
        Failed
    };

    static constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    void append(QByteArrayView data);
    /// The next complete request into `out` (Ready), NeedMore, or Failed (see errorStatus()).
    State next(Request *out);
    /// Bytes of a request not complete yet (a slow client's headers).
    [[nodiscard]] bool hasPartial() const { return m_buffer.size() > m_pos; }
    [[nodiscard]] int errorStatus() const { return m_errorStatus; }
    [[nodiscard]] const QString &error() const { return m_error; }

private:
    State fail(int status, const QString &why);
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    int m_errorStatus = 0;
    QString m_error;
};

} // namespace Coroscope
