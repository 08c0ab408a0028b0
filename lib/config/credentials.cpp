// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the netrc lexer follows Python 3.11 netrc._netrclex: whitespace is
// " \t\r\n", '"' quotes a token, '\' escapes the next character, and a '#' token that starts
// a line's first token skips the rest of that line.
#include "config/credentials.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "config/section.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

namespace oimap::config {
namespace {

class NetrcLexer {
public:
    NetrcLexer(std::string_view text) : text_(text) {}

    int line() const { return line_; }

    std::string next() {
        std::string token;
        while (pos_ < text_.size() && is_space(text_[pos_])) advance();
        if (pos_ >= text_.size()) return token;
        bool quoted = text_[pos_] == '"';
        if (quoted) advance();
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (quoted ? c == '"' : is_space(c)) break;
            advance();
            if (c == '\\' && pos_ < text_.size()) c = advance();
            token += c;
        }
        if (quoted && pos_ < text_.size()) advance();
        return token;
    }

    void skip_line() {
        while (pos_ < text_.size() && text_[pos_] != '\n') advance();
    }

    // macdef: lines up to an empty line.
    bool skip_macro() {
        size_t end = text_.find("\n\n", pos_);
        if (end == std::string_view::npos) return false;
        while (pos_ < end + 2) advance();
        return true;
    }

private:
    static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
    char advance() {
        char c = text_[pos_++];
        if (c == '\n') ++line_;
        return c;
    }

    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
};

bool is_toplevel(const std::string& t) {
    return t.empty() || t == "machine" || t == "default" || t == "macdef";
}

}  // namespace

std::map<std::string, NetrcEntry> parse_netrc(std::string_view text, const std::string& file) {
    std::map<std::string, NetrcEntry> hosts;
    NetrcLexer lex(text);
    auto fail = [&](const std::string& why) {
        throw ConfigError(cat(file, ":", lex.line(), ": ", why));
    };
    std::string token = lex.next();
    while (!token.empty()) {
        if (token[0] == '#') {
            lex.skip_line();
            token = lex.next();
            continue;
        }
        std::string name = token == "default" ? "default" : "";
        if (token == "machine" || token == "macdef") name = lex.next();
        if (token != "machine" && token != "default" && token != "macdef") {
            fail(cat("bad toplevel token '", token, "'"));
        }
        if (name.empty()) fail(cat("missing '", token, "' name"));
        if (token == "macdef") {
            if (!lex.skip_macro()) fail("macro definition missing null line terminator");
            token = lex.next();
            continue;
        }
        NetrcEntry entry;
        for (token = lex.next(); !is_toplevel(token); token = lex.next()) {
            if (token[0] == '#') {
                lex.skip_line();
            } else if (token == "login" || token == "user") {
                entry.login = lex.next();
            } else if (token == "account") {
                entry.account = lex.next();
            } else if (token == "password") {
                entry.password = lex.next();
            } else if (token == "port") {
                lex.next();
            } else {
                fail(cat("bad follower token '", token, "'"));
            }
        }
        hosts[name] = entry;
    }
    return hosts;
}

std::optional<NetrcEntry> netrc_lookup(const std::string& path, const std::string& host,
                                       bool check_owner) {
    // offlineimap ignores a missing file, and an unreadable /etc/netrc.
    if (::access(path.c_str(), R_OK) != 0 &&
        (errno == ENOENT || (errno == EACCES && !check_owner))) {
        return std::nullopt;
    }
    auto hosts = parse_netrc(fs::read_file(path), path);
    auto it = hosts.find(host);
    if (it == hosts.end()) it = hosts.find("default");
    if (it == hosts.end()) return std::nullopt;
    struct stat st {};
    if (check_owner && it->second.login != "anonymous" && ::stat(path.c_str(), &st) == 0) {
        if (st.st_uid != ::getuid()) {
            throw ConfigError(cat("cannot use '", path, "': owned by another user"));
        }
        if (st.st_mode & (S_IRWXG | S_IRWXO)) {
            throw ConfigError(cat("cannot use '", path,
                                  "': access too permissive (permissions must restrict access "
                                  "to the owner)"));
        }
    }
    return it->second;
}

std::vector<std::string> netrc_files() {
    return {expand_user("~/.netrc"), "/etc/netrc", expand_user("~/.authinfo")};
}

namespace {

std::optional<NetrcEntry> lookup_any(const std::string& host) {
    std::vector<std::string> files = netrc_files();
    for (size_t i = 0; i < files.size(); ++i) {
        if (auto entry = netrc_lookup(files[i], host, i != 1)) return entry;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> find_user(const ImapOptions& imap, const std::string& host,
                                     const EvalString& eval) {
    if (imap.remoteusereval) return eval("remoteusereval", *imap.remoteusereval);
    if (imap.remoteuser) return imap.remoteuser;
    if (auto entry = lookup_any(host)) return entry->login;
    return std::nullopt;
}

std::optional<std::string> find_password(const ImapOptions& imap, const std::string& host,
                                         const std::optional<std::string>& user,
                                         const EvalString& eval) {
    if (imap.remotepasseval) return eval("remotepasseval", *imap.remotepasseval);
    if (imap.remotepass) return imap.remotepass;
    if (imap.remotepassfile) {
        std::string text = fs::read_file(*imap.remotepassfile);
        return std::string(trim(text.substr(0, text.find('\n'))));
    }
    std::vector<std::string> files = netrc_files();
    for (size_t i = 0; i < files.size(); ++i) {
        auto entry = netrc_lookup(files[i], host, i != 1);
        if (entry && (!user || *user == entry->login)) return entry->password;
    }
    return std::nullopt;
}

}  // namespace oimap::config
