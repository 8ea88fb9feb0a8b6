// SPDX-License-Identifier: MIT
#include "errors.h"

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

} // namespace Coroscope
