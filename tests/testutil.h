// SPDX-License-Identifier: MIT
#pragma once

// Shared by the timing tests: tolerances relative to the ideal (DESIGN.md).

namespace Coroscope::Test {

/// True when built with AddressSanitizer / UBSan: timing margins double.
constexpr bool kSanitized =
#ifdef COROSCOPE_SANITIZED
    true;
#else
    false;
#endif

/// Allowed overhead above the ideal: 50 ms + 25 % of the ideal, doubled under sanitizers.
constexpr double marginFor(double idealSeconds)
{
    return (0.050 + 0.25 * idealSeconds) * (kSanitized ? 2.0 : 1.0);
}

} // namespace Coroscope::Test
