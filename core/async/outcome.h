// SPDX-License-Identifier: MIT
#pragma once

#include "errors.h"

#include <exception>
#include <optional>
#include <type_traits>
#include <variant>

namespace Coroscope {

/// A task's result or its error, as a value (asyncio.gather(..., return_exceptions=True)).
template<typename T> class Outcome
{
public:
    using Value = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

    Outcome() = default;
    static Outcome success(Value value)
    {
        Outcome o;
        o.m_value.emplace(std::move(value));
        return o;
    }
    static Outcome failure(std::exception_ptr error)
    {
        Outcome o;
        o.m_error = std::move(error);
        return o;
    }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    [[nodiscard]] bool settled() const { return m_value.has_value() || m_error != nullptr; }
    [[nodiscard]] const std::exception_ptr &error() const { return m_error; }
    [[nodiscard]] QString errorMessage() const { return Coroscope::errorMessage(m_error); }
    [[nodiscard]] const Value &value() const { return *m_value; }
    [[nodiscard]] Value &value() { return *m_value; }
    /// The value, or rethrows the error.
    Value take()
    {
        if (m_error) {
            std::rethrow_exception(m_error);
        }
        return std::move(*m_value);
    }

private:
    std::optional<Value> m_value;
    std::exception_ptr m_error;
};

} // namespace Coroscope
