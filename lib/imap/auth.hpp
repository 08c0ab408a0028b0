// SPDX-License-Identifier: GPL-2.0-or-later
// SASL pieces of authentication (RFC 4616 PLAIN, RFC 2195 CRAM-MD5, Google's XOAUTH2) and
// base64 (RFC 4648 §4).  Session::login, in auth.cpp, chooses among them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oimap::imap {

std::string base64_encode(std::string_view bytes);
/// std::nullopt for anything that is not canonical padded base64.
std::optional<std::string> base64_decode(std::string_view text);

/// "authzid NUL user NUL password" (RFC 4616 §2), not yet base64-encoded.
std::string sasl_plain(std::string_view authzid, std::string_view user, std::string_view password);
/// "user=U ^A auth=Bearer T ^A ^A", not yet base64-encoded.
std::string sasl_xoauth2(std::string_view user, std::string_view token);
/// "user hex(HMAC-MD5(password, challenge))" (RFC 2195 §2), not yet base64-encoded.
std::string cram_md5_response(std::string_view user, std::string_view password, std::string_view challenge);

}  // namespace oimap::imap
