// SPDX-License-Identifier: MIT
#pragma once

// Keeping PostgreSQL passwords out of everything a user or a file can see. A connection
// string (key=value or URI) can carry a password in several places, and libpq's own messages
// can quote the string back; these functions make every such text safe. They never fail and
// never echo what they cannot understand.

#include <QString>
#include <QStringList>

namespace Coroscope {

/// The connection string with every value that may be secret replaced: `password=***`,
/// `postgresql://user@host/db` (the password dropped), the values of keywords libpq does not
/// know (a mistyped `pasword=…`) and whatever could not be parsed at all (`***`). Host, port,
/// user, dbname and the other harmless settings stay readable.
[[nodiscard]] QString redactConninfo(const QString &conninfo);

/// The pieces of `conninfo` that may be secret (see redactConninfo), in the forms they could
/// appear in a message (as written and percent-decoded), longest first.
[[nodiscard]] QStringList conninfoSecrets(const QString &conninfo);

/// `text` with every secret of `conninfo` and the connection string itself replaced by `***`.
[[nodiscard]] QString scrubConninfo(QString text, const QString &conninfo);

/// libpq's complaint about a connection string it could not parse, with the fragments it
/// quotes back replaced by where they are ("missing "=" after the text at character 8"),
/// except for keywords, which are safe to show and what the user needs to see.
[[nodiscard]] QString describeConninfoError(const QString &libpqMessage, const QString &conninfo);

} // namespace Coroscope
