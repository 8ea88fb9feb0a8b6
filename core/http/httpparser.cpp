// SPDX-License-Identifier: MIT
#include "httpparser.h"

#include <QList>

#include <algorithm>
#include <string_view>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
QString bytes(qint64 n)
{
    return n == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(n);
}
} // namespace

HttpResponseParser::State HttpResponseParser::fail(const QString &why)
{
    m_state = State::Failed;
    m_error = why;
    return m_state;
}

HttpResponseParser::State HttpResponseParser::feed(QByteArrayView data)
{
    if (m_state != State::NeedMore) {
        if (m_state == State::Complete) {
            m_buffer.append(data.data(), data.size()); // counted as extra bytes
        }
        return m_state;
    }
    m_buffer.append(data.data(), data.size());
    if (!m_headersDone && parseHeaders() != State::NeedMore) {
        return m_state;
    }
    if (m_headersDone) {
        parseBody();
    }
    // Keep memory bounded by what is still unparsed.
    if (m_state == State::NeedMore && m_pos > 64 * 1024) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    return m_state;
}

HttpResponseParser::State HttpResponseParser::parseHeaders()
{
    qsizetype end = m_buffer.indexOf("\r\n\r\n", m_pos);
    qsizetype sep = 4;
    if (end < 0) { // bare LF line ends, as some servers write
        end = m_buffer.indexOf("\n\n", m_pos);
        sep = 2;
    }
    if (end < 0) {
        if (m_buffer.size() - m_pos > kMaxHeaderBytes) {
            return fail(u"the response headers are larger than %1 KiB"_s.arg(kMaxHeaderBytes / 1024));
        }
        // Reject garbage early: the first bytes must start a status line.
        const QByteArray start = m_buffer.mid(m_pos, 5);
        if (!QByteArray("HTTP/").startsWith(start)) {
            return fail(u"not an HTTP response: '%1'"_s.arg(printable(m_buffer.mid(m_pos, 80), 80)));
        }
        return State::NeedMore;
    }
    if (end - m_pos > kMaxHeaderBytes) {
        return fail(u"the response headers are larger than %1 KiB"_s.arg(kMaxHeaderBytes / 1024));
    }
    const QList<QByteArray> lines = m_buffer.mid(m_pos, end - m_pos).split('\n');
    m_pos = end + sep;
    const QByteArray statusLine = lines.value(0).trimmed();
    // HTTP/1.1 200 OK
    const qsizetype firstSpace = statusLine.indexOf(' ');
    const QByteArray code = firstSpace < 0 ? QByteArray() : statusLine.mid(firstSpace + 1, 3);
    bool ok = false;
    const int status = code.toInt(&ok);
    const bool digits = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!statusLine.startsWith("HTTP/1.") || !ok || !digits || status < 100 || status > 999
        || (statusLine.size() > firstSpace + 4 && statusLine.at(firstSpace + 4) != ' ')) {
        return fail(u"not an HTTP response: '%1'"_s.arg(printable(statusLine, 80)));
    }
    if (status >= 100 && status < 200 && status != 101) {
        // An interim answer (100 Continue, 103 Early Hints): the real one follows.
        return m_buffer.size() > m_pos ? parseHeaders() : State::NeedMore;
    }
    m_status = status;
    m_reason = printable(QString::fromLatin1(statusLine.mid(firstSpace + 5)).trimmed(), 200);
    m_keepAlive = !statusLine.startsWith("HTTP/1.0");
    bool hasLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const auto colon = line.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool valid = false;
            const qint64 length = value.toLongLong(&valid);
            if (!valid || length < 0 || (hasLength && length != m_contentLength)) {
                return fail(u"invalid Content-Length: '%1'"_s.arg(printable(value, 40)));
            }
            hasLength = true;
            m_contentLength = length;
        } else if (name == "transfer-encoding") {
            m_chunked = value.toLower().contains("chunked");
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close")) {
                m_keepAlive = false;
            } else if (v.contains("keep-alive")) {
                m_keepAlive = true;
            }
        }
    }
    if (m_chunked) {
        m_contentLength = -1; // chunked wins over a length (RFC 9112 §6.3)
    }
    if (m_contentLength > kMaxBodyBytes) {
        return fail(u"the response body (Content-Length %1) is larger than %2 MiB"_s.arg(m_contentLength)
                .arg(kMaxBodyBytes / (1024 * 1024)));
    }
    if (m_head || status == 204 || status == 304) {
        m_contentLength = 0;
        m_chunked = false;
    }
    if (!m_chunked && m_contentLength < 0) {
        m_keepAlive = false; // the body ends when the connection does
    }
    m_headersDone = true;
    return State::NeedMore;
}

HttpResponseParser::State HttpResponseParser::parseBody()
{
    if (!m_chunked) {
        const qsizetype available = m_buffer.size() - m_pos;
        if (m_contentLength >= 0) {
            const qint64 missing = m_contentLength - m_body.size();
            const qsizetype take = std::min<qint64>(missing, available);
            m_body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            if (m_body.size() == m_contentLength) {
                m_state = State::Complete;
            }
            return m_state;
        }
        if (m_body.size() + available > kMaxBodyBytes) {
            return fail(u"the response body is larger than %1 MiB"_s.arg(kMaxBodyBytes / (1024 * 1024)));
        }
        m_body.append(m_buffer.constData() + m_pos, available);
        m_pos += available;
        return m_state; // until the connection closes
    }
    // Chunks: size in hex [;extensions] CRLF, data CRLF, ..., 0 CRLF, trailers, CRLF.
    for (;;) {
        if (m_trailers) {
            const qsizetype lineEnd = m_buffer.indexOf('\n', m_pos);
            if (lineEnd < 0) {
                return m_state;
            }
            const QByteArray line = m_buffer.mid(m_pos, lineEnd - m_pos).trimmed();
            m_pos = lineEnd + 1;
            if (line.isEmpty()) {
                m_state = State::Complete;
                return m_state;
            }
            continue;
        }
        if (m_chunkLeft < 0) {
            const qsizetype lineEnd = m_buffer.indexOf('\n', m_pos);
            if (lineEnd < 0) {
                if (m_buffer.size() - m_pos > 1024) {
                    return fail(u"malformed chunked body (a chunk size line over 1 KiB)"_s);
                }
                return m_state;
            }
            const QByteArray sizeText = m_buffer.mid(m_pos, lineEnd - m_pos).split(';').value(0).trimmed();
            bool ok = false;
            const qint64 size = sizeText.toLongLong(&ok, 16);
            if (!ok || size < 0 || sizeText.size() > 15) {
                return fail(u"malformed chunked body: chunk size '%1'"_s.arg(printable(sizeText, 40)));
            }
            if (m_body.size() + size > kMaxBodyBytes) {
                return fail(u"the response body is larger than %1 MiB"_s.arg(kMaxBodyBytes / (1024 * 1024)));
            }
            m_pos = lineEnd + 1;
            if (size == 0) {
                m_trailers = true;
                continue;
            }
            m_chunkLeft = size;
        }
        if (m_chunkLeft > 0) {
            const qsizetype take = std::min<qint64>(m_chunkLeft, m_buffer.size() - m_pos);
            m_body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_chunkLeft -= take;
            if (m_chunkLeft > 0) {
                return m_state;
            }
        }
        // The line break after the chunk's data (m_chunkLeft == 0 until it has come).
        const qsizetype available = m_buffer.size() - m_pos;
        if (available == 0) {
            return m_state;
        }
        if (m_buffer.at(m_pos) == '\n') {
            m_pos += 1;
        } else if (m_buffer.at(m_pos) == '\r') {
            if (available < 2) {
                return m_state;
            }
            if (m_buffer.at(m_pos + 1) != '\n') {
                return fail(u"malformed chunked body: no line break after a chunk"_s);
            }
            m_pos += 2;
        } else {
            return fail(u"malformed chunked body: no line break after a chunk"_s);
        }
        m_chunkLeft = -1;
    }
}

HttpResponseParser::State HttpResponseParser::closed()
{
    if (m_state != State::NeedMore) {
        return m_state;
    }
    if (!m_headersDone) {
        return fail(m_buffer.size() == m_pos ? u"the server closed the connection without answering"_s
                                             : u"the server closed the connection in the middle of the headers"_s);
    }
    if (m_chunked) {
        return fail(u"the response was cut short: the server closed the connection in the middle of "
                    "the chunked body (%1 received)"_s.arg(bytes(m_body.size())));
    }
    if (m_contentLength >= 0) {
        return fail(u"the response was cut short: %1 of %2 (Content-Length) before the server closed "
                    "the connection"_s.arg(m_body.size())
                .arg(bytes(m_contentLength)));
    }
    m_state = State::Complete; // a body delimited by the close
    return m_state;
}

QString HttpResponseParser::progress() const
{
    if (!m_headersDone) {
        return m_buffer.size() == m_pos ? u"no answer"_s : u"part of the headers"_s;
    }
    if (m_chunked) {
        return u"the headers and %1 of a chunked body"_s.arg(bytes(m_body.size()));
    }
    if (m_contentLength >= 0) {
        return u"the headers and %1 of %2"_s.arg(m_body.size()).arg(bytes(m_contentLength));
    }
    return u"the headers and %1 of a body without Content-Length"_s.arg(bytes(m_body.size()));
}

QByteArray httpGetRequest(const QUrl &url, bool keepAlive, const QByteArray &extraName, const QByteArray &extraValue)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) {
        target = "/";
    }
    if (url.hasQuery()) {
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (const int port = url.port(80); port != 80) {
        host += ':' + QByteArray::number(port);
    }
    QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: Coroscope\r\nAccept: */*\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n";
    if (!extraName.isEmpty()) {
        request += extraName + ": " + extraValue + "\r\n";
    }
    return request + "\r\n";
}

void HttpRequestParser::append(QByteArrayView data)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    m_buffer.append(data.data(), data.size());
}

HttpRequestParser::State HttpRequestParser::fail(int status, const QString &why)
{
    m_errorStatus = status;
    m_error = why;
    return State::Failed;
}

namespace {
bool isToken(QByteArrayView text)
{
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || extra.find(c) != std::string_view::npos;
    });
}
} // namespace

HttpRequestParser::State HttpRequestParser::next(Request *out)
{
    if (m_errorStatus) {
        return State::Failed;
    }
    // Empty lines before a request are allowed (RFC 9112 §2.2).
    while (m_pos < m_buffer.size() && (m_buffer.at(m_pos) == '\r' || m_buffer.at(m_pos) == '\n')) {
        ++m_pos;
    }
    qsizetype end = m_buffer.indexOf("\r\n\r\n", m_pos);
    qsizetype sep = 4;
    const qsizetype bare = m_buffer.indexOf("\n\n", m_pos);
    if (bare >= 0 && (end < 0 || bare < end)) {
        end = bare;
        sep = 2;
    }
    if (end < 0) {
        if (m_buffer.size() - m_pos > kMaxHeaderBytes) {
            return fail(431, u"request headers larger than %1 KiB"_s.arg(kMaxHeaderBytes / 1024));
        }
        // Refuse at once what cannot start a request (a TLS handshake on an http:// port),
        // rather than wait for a blank line that never comes.
        for (qsizetype i = m_pos; i < m_buffer.size() && i < m_pos + 32; ++i) {
            const char c = m_buffer.at(i);
            if (c == ' ') {
                break;
            }
            if (!isToken(QByteArrayView(&c, 1))) {
                return fail(400, u"not an HTTP request (TLS to an http:// port?)"_s);
            }
        }
        return State::NeedMore;
    }
    if (end - m_pos > kMaxHeaderBytes) {
        return fail(431, u"request headers larger than %1 KiB"_s.arg(kMaxHeaderBytes / 1024));
    }
    const QList<QByteArray> lines = m_buffer.mid(m_pos, end - m_pos).split('\n');
    const qsizetype bodyStart = end + sep;
    QByteArray requestLine = lines.value(0);
    if (requestLine.endsWith('\r')) {
        requestLine.chop(1);
    }
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()) {
        return fail(400, u"malformed request line '%1'"_s.arg(printable(requestLine, 80)));
    }
    const QByteArray &version = parts.at(2);
    if (!version.startsWith("HTTP/") || version.size() != 8 || version.at(6) != '.') {
        return fail(400, u"malformed request line '%1'"_s.arg(printable(requestLine, 80)));
    }
    if (version.at(5) != '1' || (version.at(7) != '0' && version.at(7) != '1')) {
        return fail(505, u"HTTP version %1 is not supported (use HTTP/1.0 or HTTP/1.1)"_s.arg(printable(version.mid(5), 10)));
    }
    const QByteArray &target = parts.at(1);
    if (!target.startsWith('/') && !target.startsWith("http://") && !target.startsWith("https://")
        && target != "*") {
        return fail(400, u"malformed request target '%1'"_s.arg(printable(target, 80)));
    }
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            return fail(400, u"control characters in the request target"_s);
        }
    }
    Request request;
    request.method = parts.at(0);
    request.target = target;
    request.minorVersion = version.at(7) - '0';
    bool keepAlive = request.minorVersion == 1;
    qint64 contentLength = 0;
    bool hasLength = false;
    bool hasHost = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            return fail(400, u"folded header lines are not allowed"_s);
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            return fail(400, u"malformed header line '%1'"_s.arg(printable(line, 80)));
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (hasLength && n != contentLength)) {
                return fail(400, u"invalid Content-Length '%1'"_s.arg(printable(value, 40)));
            }
            contentLength = n;
            hasLength = true;
        } else if (name == "transfer-encoding") {
            return fail(501, u"request bodies in Transfer-Encoding '%1' are not supported"_s.arg(printable(value, 40)));
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close")) {
                keepAlive = false;
            } else if (v.contains("keep-alive")) {
                keepAlive = true;
            }
        } else if (name == "host") {
            hasHost = true;
        } else if (name == "x-coroscope-run") {
            request.runTag = value;
        }
    }
    if (request.minorVersion == 1 && !hasHost) {
        return fail(400, u"an HTTP/1.1 request needs a Host header"_s);
    }
    if (contentLength > kMaxBodyBytes) {
        return fail(413, u"request body of %1 bytes is too large (at most %2)"_s.arg(contentLength).arg(kMaxBodyBytes));
    }
    if (m_buffer.size() - bodyStart < contentLength) {
        return State::NeedMore; // the body is skipped once it is all here
    }
    request.keepAlive = keepAlive;
    m_pos = bodyStart + contentLength;
    *out = std::move(request);
    return State::Ready;
}

} // namespace Coroscope
