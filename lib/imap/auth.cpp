// SPDX-License-Identifier: GPL-2.0-or-later
// Authentication: offlineimap's mechanism loop (spec §9.2) over AUTHENTICATE and LOGIN.
#include "imap/auth.hpp"

#include <cstring>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"
#include "imap/tls.hpp"

namespace oimap::imap {
namespace {

constexpr auto kLogCategory = log::Category::kImap;
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr const char* kMechanisms[] = {"GSSAPI", "XOAUTH2", "CRAM-MD5", "PLAIN", "LOGIN"};

enum class Outcome { kSucceeded, kFailed, kSkipped };
struct Attempt {
    Outcome outcome;
    std::string reason;
};

Attempt from_response(const Response& r) {
    if (r.status == Status::kOk) return {Outcome::kSucceeded, {}};
    std::string code = r.code ? "[" + r.code->name + "] " : "";
    return {Outcome::kFailed, cat(r.status == Status::kNo ? "NO " : "BAD ", code, r.text)};
}

// RFC 9051 §6.2.2 with SASL-IR (RFC 4959) when offered; later challenges get respond().
Attempt sasl(Session& s, std::string_view mechanism, const std::string& initial,
             const std::function<std::string(std::string_view)>& respond) {
    Command command("AUTHENTICATE");
    command.raw(mechanism);
    bool inline_ir = s.has_capability("SASL-IR") && !initial.empty();
    if (inline_ir) command.raw_secret(base64_encode(initial));
    int round = 0;
    auto answer = [&](std::string_view challenge) -> std::string {
        if (round++ == 0 && !inline_ir && !initial.empty()) return base64_encode(initial);
        return respond(challenge);
    };
    return from_response(s.authenticate(command, answer));
}

Attempt try_plain(Session& s, const Credentials& c) {
    return sasl(s, "PLAIN", sasl_plain(c.authzid, c.user, c.password), [](std::string_view) { return "*"; });
}

Attempt try_xoauth2(Session& s, const Credentials& c) {
    if (c.oauth2_token.empty()) return {Outcome::kSkipped, "no access token given"};
    // On failure the server sends a JSON error as a challenge; an empty answer ends it.
    return sasl(s, "XOAUTH2", sasl_xoauth2(c.user, c.oauth2_token), [](std::string_view) { return ""; });
}

Attempt try_cram_md5(Session& s, const Credentials& c) {
    return sasl(s, "CRAM-MD5", "", [&](std::string_view challenge) -> std::string {
        auto decoded = base64_decode(challenge);
        if (!decoded) return "*";  // cancels the exchange
        return base64_encode(cram_md5_response(c.user, c.password, *decoded));
    });
}

// RFC 9051 §6.2.3; refused up front when the server says LOGINDISABLED.
Attempt try_login(Session& s, const Credentials& c) {
    if (s.has_capability("LOGINDISABLED"))
        return {Outcome::kFailed, "the server advertises LOGINDISABLED (IMAP LOGIN is disabled by the server; use TLS)"};
    Command command("LOGIN");
    command.string(c.user).secret(c.password);
    return from_response(s.wait(s.send(command), {}));
}

Attempt try_mechanism(Session& s, const std::string& mech, const Credentials& c) {
    if (mech == "GSSAPI") return {Outcome::kSkipped, "not supported by this implementation (no Kerberos)"};
    if (mech != "LOGIN" && !s.has_capability("AUTH=" + mech)) return {Outcome::kSkipped, "not offered by the server"};
    if (mech == "XOAUTH2") return try_xoauth2(s, c);
    if (c.user.empty()) return {Outcome::kSkipped, "no user name given"};
    if (c.password.empty()) return {Outcome::kSkipped, "no password given"};
    if (mech == "CRAM-MD5") return try_cram_md5(s, c);
    if (mech == "PLAIN") return try_plain(s, c);
    return try_login(s, c);
}

}  // namespace

std::vector<std::string> parse_auth_mechanisms(std::string_view list) {
    std::vector<std::string> out;
    for (std::string_view item : split(list, ',')) {
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        if (std::find(std::begin(kMechanisms), std::end(kMechanisms), item) == std::end(kMechanisms))
            throw ConfigError(cat("unknown authentication mechanism '", item, "' (known: GSSAPI, XOAUTH2, CRAM-MD5, PLAIN, LOGIN)"));
        out.emplace_back(item);
    }
    return out;
}

void Session::login(const Credentials& c) {
    if (authenticated_) return;
    std::string failures, skipped;
    for (const std::string& mech : c.mechanisms) {
        Attempt a = try_mechanism(*this, mech, c);
        if (a.outcome == Outcome::kSucceeded) {
            authenticated_ = true;
            log::debug(kLogCategory, cat("authenticated as '", c.user, "' with ", mech));
            refresh_capabilities();
            return;
        }
        if (a.outcome == Outcome::kFailed) log::warning(cat(mech, " authentication failed: ", a.reason));
        std::string& list = a.outcome == Outcome::kFailed ? failures : skipped;
        list += cat(list.empty() ? "" : "; ", mech, ": ", a.reason);
    }
    std::string target = cat("cannot log in as '", c.user, "' to '", peer(), "': ");
    if (!failures.empty()) throw AuthError(target + failures);
    throw AuthError(cat(target, "no usable authentication mechanism (", skipped, ")"));
}

std::string base64_encode(std::string_view bytes) {
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[n >> 18];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < text.size(); i += 4) {
        uint32_t n = 0;
        int pad = 0;
        for (size_t j = 0; j < 4; ++j) {
            char c = text[i + j];
            auto v = kAlphabet.find(c);
            if (c == '=' && i + 4 == text.size() && j >= 2) {
                ++pad;
                v = 0;
            } else if (v == std::string_view::npos || pad > 0) {
                return std::nullopt;
            }
            n = (n << 6) | static_cast<uint32_t>(v);
        }
        out += static_cast<char>(n >> 16);
        if (pad < 2) out += static_cast<char>((n >> 8) & 255);
        if (pad < 1) out += static_cast<char>(n & 255);
    }
    if (base64_encode(out) != text) return std::nullopt;  // non-zero padding bits
    return out;
}

std::string sasl_plain(std::string_view authzid, std::string_view user, std::string_view password) {
    return cat(authzid, std::string(1, '\0'), user, std::string(1, '\0'), password);
}

std::string sasl_xoauth2(std::string_view user, std::string_view token) {
    return cat("user=", user, "\x01", "auth=Bearer ", token, "\x01\x01");
}

std::string cram_md5_response(std::string_view user, std::string_view password, std::string_view challenge) {
    return cat(user, " ", hmac_md5_hex(password, challenge));
}

}  // namespace oimap::imap
