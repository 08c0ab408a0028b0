// SPDX-License-Identifier: GPL-2.0-or-later
// The X-OfflineIMAP header that tags an upload so that it can be found on the server again
// (offlineimap3 folder/IMAP.py __generate_randomheader, spec §5.10 step 4), and the upload
// body: the local file (LF) with CRLF line endings and that header added after the others.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sync/store.hpp"

namespace oimap::sync {

inline constexpr const char* kMarkerHeader = "X-OfflineIMAP";

/// CRC-32 (ISO-HDLC, as zlib and Python's binascii.crc32), continued from crc.
uint32_t crc32(std::string_view bytes, uint32_t crc = 0);

/// offlineimap's header value: "<crc32 of the message>-<random 0..9999999999>".
std::string make_marker(uint32_t message_crc, uint64_t random);

/// Opens a fresh reader of the local message, from its first byte.
using SourceOpener = std::function<std::unique_ptr<MessageSource>()>;

/// The CRC-32 of the message as it is uploaded without a marker (CRLF line endings).
uint32_t upload_crc(const SourceOpener& open);

/// The bytes to APPEND: the message from open() with LF turned into CRLF (a CR already
/// before the LF is kept) and, unless marker is empty, "X-OfflineIMAP: <marker>" added as
/// the last header line (a message without a body gets it at the end).  Memory stays
/// bounded; size() reads the message once more to count.
std::unique_ptr<MessageSource> upload_body(const SourceOpener& open, std::string marker);

}  // namespace oimap::sync
