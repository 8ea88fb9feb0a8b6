// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Coroscope {

enum class CodeLanguage
{
    Cpp,
    Python
};

/// `code` as HTML (a <pre> block) with comments, strings, keywords and numbers coloured, for
/// the Code tab's rich text. Everything else is escaped.
[[nodiscard]] QString highlightCode(const QString &code, CodeLanguage language, bool dark);

} // namespace Coroscope
