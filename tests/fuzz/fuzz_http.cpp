// SPDX-License-Identifier: MIT
// The HTTP parsers on arbitrary bytes, fed in arbitrary pieces: the delay server's request
// parser and the clients' response parser. Never a crash, a hang or undefined behaviour, the
// same result however the bytes are split, and a failure always says why.

#include "http/httpparser.h"

#include <QList>

#include <cstdlib>

using namespace Coroscope;

namespace {

QList<QByteArray> requests(const QByteArray &bytes, qsizetype piece, int *status)
{
    HttpRequestParser parser;
    QList<QByteArray> out;
    *status = 0;
    for (qsizetype at = 0; at < bytes.size() || at == 0; at += piece) {
        parser.append(QByteArrayView(bytes).sliced(std::min(at, bytes.size()), std::min(piece, bytes.size() - std::min(at, bytes.size()))));
        for (;;) {
            HttpRequestParser::Request r;
            const auto state = parser.next(&r);
            if (state == HttpRequestParser::State::Ready) {
                out.append(r.method + ' ' + r.target);
                continue;
            }
            if (state == HttpRequestParser::State::Failed) {
                if (parser.error().isEmpty() || parser.errorStatus() < 400) {
                    std::abort();
                }
                *status = parser.errorStatus();
                return out;
            }
            break;
        }
        if (at >= bytes.size()) {
            break;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const qsizetype piece = 1 + data[0] % 17;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));

    int wholeStatus = 0;
    int piecesStatus = 0;
    const auto whole = requests(bytes, std::max<qsizetype>(1, bytes.size()), &wholeStatus);
    const auto pieces = requests(bytes, piece, &piecesStatus);
    // Early refusals (a line that cannot start a request) may come sooner in pieces, but
    // whatever was accepted is the same.
    if (wholeStatus == 0 && piecesStatus == 0 && whole != pieces) {
        std::abort();
    }

    HttpResponseParser response;
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        if (response.feed(QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)))
            != HttpResponseParser::State::NeedMore) {
            break;
        }
    }
    response.closed();
    if (response.state() == HttpResponseParser::State::Failed && response.error().isEmpty()) {
        std::abort();
    }
    (void)response.progress();
    return 0;
}
