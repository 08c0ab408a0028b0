// SPDX-License-Identifier: GPL-2.0-or-later
// Modified UTF-7 mailbox names (RFC 3501 §5.1.3), converted to and from UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace oimap::imap {

/// Encodes a UTF-8 mailbox name as modified UTF-7: printable US-ASCII stays as it is, "&"
/// becomes "&-", everything else becomes "&<modified base64 of UTF-16BE>-".  Throws
/// FormatError "invalid UTF-8 in '<name>': <reason>" for malformed UTF-8 (overlong forms,
/// surrogates, code points above U+10FFFF, truncated sequences).
std::string encode_mutf7(std::string_view utf8);

/// Decodes a modified UTF-7 mailbox name to UTF-8.  Strict: throws FormatError
/// "invalid modified UTF-7 in '<name>': <reason>" for bytes outside printable US-ASCII,
/// an unterminated or malformed base64 run, non-zero or excess padding bits, broken
/// surrogate pairs, and printable US-ASCII characters encoded in base64 (non-canonical).
std::string decode_mutf7(std::string_view mutf7);

}  // namespace oimap::imap
