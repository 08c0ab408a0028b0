// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_input.hpp"

#include <optional>

#include "core/error.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"

namespace oimap::sync {

std::optional<std::vector<UidRange>> parse_uid_set(std::string_view set) {
    std::vector<UidRange> out;
    for (std::string_view part : split(set, ',')) {
        size_t colon = part.find(':');
        auto first = parse_number<uint32_t>(part.substr(0, colon));
        auto last = colon == std::string_view::npos
                        ? first
                        : parse_number<uint32_t>(part.substr(colon + 1));
        if (!first || !last || *first == 0 || *last == 0)
            return std::nullopt;
        out.emplace_back(std::min(*first, *last), std::max(*first, *last));
    }
    return out;
}

RemoteListing read_remote_listing(std::istream& in, std::string_view source) {
    format::RemoteStateReader reader(in, source);
    RemoteListing listing;
    listing.meta = reader.stream().meta();
    while (auto item = reader.next()) {
        if (auto* folder = std::get_if<format::RemoteFolder>(&*item)) {
            listing.folders.push_back({.folder = std::move(*folder)});
        } else if (auto* message = std::get_if<format::RemoteMessage>(&*item)) {
            listing.folders.back().messages.push_back(std::move(*message));
        } else {
            const auto& vanished = std::get<format::RemoteVanished>(*item);
            auto ranges = parse_uid_set(vanished.uid_set);
            if (!ranges)
                throw FormatError(cat(source, ": invalid vanished UID set '",
                                      format::escape(vanished.uid_set), "'"));
            auto& list = listing.folders.back().vanished;
            list.insert(list.end(), ranges->begin(), ranges->end());
        }
    }
    return listing;
}

LocalListing read_local_listing(std::istream& in, std::string_view source) {
    format::LocalStateReader reader(in, source);
    LocalListing listing;
    listing.meta = reader.stream().meta();
    while (auto item = reader.next()) {
        if (auto* folder = std::get_if<format::LocalFolder>(&*item))
            listing.folders.push_back({.folder = std::move(*folder)});
        else
            listing.folders.back().messages.push_back(
                std::get<format::LocalMessage>(std::move(*item)));
    }
    return listing;
}

}  // namespace oimap::sync
