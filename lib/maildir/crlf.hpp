// SPDX-License-Identifier: GPL-2.0-or-later
// Streaming line-ending converters: IMAP literals carry CRLF (RFC 9051 §2.2), Maildir files
// hold LF. Both keep state across chunks, so a CR at the end of one chunk is handled with
// the LF that starts the next; nothing else is changed.
#pragma once

#include <string>
#include <string_view>

namespace oimap::maildir {

/// CRLF -> LF for downloads. A CR not followed by LF is kept.
class CrlfToLf {
public:
    /// Appends the converted form of chunk to out; a final CR is held back until the next
    /// call shows what follows it.
    void convert(std::string_view chunk, std::string& out);
    /// Appends a held-back CR; call once after the last chunk.
    void finish(std::string& out);

private:
    bool pending_cr_ = false;
};

/// LF -> CRLF for uploads. An LF already preceded by CR is kept as is, as is a lone CR.
class LfToCrlf {
public:
    void convert(std::string_view chunk, std::string& out);

private:
    bool last_was_cr_ = false;
};

/// Whole-buffer conveniences.
std::string crlf_to_lf(std::string_view text);
std::string lf_to_crlf(std::string_view text);

}  // namespace oimap::maildir
