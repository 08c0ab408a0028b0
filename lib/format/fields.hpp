// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers the typed layers share to check field counts and convert numbers.
#pragma once

#include <cstdint>
#include <string>

#include "format/stream.hpp"

namespace oimap::format {

/// Throws unless record has at least count fields (extra trailing fields are allowed).
void require_fields(const Reader& reader, const Record& record, size_t count);
uint32_t field_u32(const Reader& reader, const Record& record, size_t index, const char* name);
uint64_t field_u64(const Reader& reader, const Record& record, size_t index, const char* name);
/// A signed decimal ("-12" allowed), for times.
int64_t field_i64(const Reader& reader, const Record& record, size_t index, const char* name);
/// An empty field is 0 ("absent"); otherwise a non-zero u32.
uint32_t field_optional_uid(const Reader& reader, const Record& record, size_t index,
                            const char* name);

}  // namespace oimap::format
