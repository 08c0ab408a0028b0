// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/plan_split.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <variant>

#include "core/error.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"

namespace oimap::driver {
namespace {

// One pair with its operations, as read.
struct PairGroup {
    format::FolderPair pair;
    std::vector<format::PlanOp> ops;
};

struct ReadPlan {
    std::map<std::string, std::string> meta;
    std::vector<format::PlanOp> creations;
    std::vector<PairGroup> pairs;
};

ReadPlan read_plan(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(cat("cannot read plan '", path, "'"));
    format::PlanReader reader(in, path);
    ReadPlan plan{.meta = reader.stream().meta()};
    while (auto item = reader.next()) {
        if (auto* pair = std::get_if<format::FolderPair>(&*item)) {
            plan.pairs.push_back({*pair, {}});
        } else if (auto* op = std::get_if<format::PlanOp>(&*item)) {
            bool create = op->kind == format::OpKind::kCreateLocalFolder ||
                          op->kind == format::OpKind::kCreateRemoteFolder;
            if (create || plan.pairs.empty())
                plan.creations.push_back(*op);
            else
                plan.pairs.back().ops.push_back(*op);
        }
    }
    return plan;
}

void write_plan(const std::string& path, const ReadPlan& plan,
                const std::vector<const PairGroup*>& groups, bool with_creations) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw IoError(cat("cannot write plan '", path, "'"));
    format::PlanWriter writer(out);
    for (const auto& [key, value] : plan.meta)
        writer.meta(key, value);
    if (with_creations)
        for (const auto& op : plan.creations)
            writer.op(op);
    for (const PairGroup* g : groups) {
        writer.pair(g->pair);
        for (const auto& op : g->ops)
            writer.op(op);
    }
    writer.finish();
    out.close();
    if (!out)
        throw IoError(cat("cannot write plan '", path, "'"));
}

}  // namespace

SplitPlan split_plan(const std::string& from, const std::string& dir, size_t buckets) {
    ReadPlan plan = read_plan(from);
    SplitPlan split;
    size_t n = std::max<size_t>(1, std::min(buckets, plan.pairs.size()));
    if (n == 1) {  // one plan, in the original order
        std::vector<const PairGroup*> all;
        for (const auto& g : plan.pairs)
            all.push_back(&g);
        split.parts.push_back(dir + "/apply-1.tsv");
        write_plan(split.parts.back(), plan, all, true);
        return split;
    }
    if (!plan.creations.empty()) {
        split.creations = dir + "/apply-0.tsv";
        write_plan(split.creations, plan, {}, true);
    }
    // Largest pairs first, each to the lightest bucket; a bucket keeps the plan's order.
    std::vector<size_t> order(plan.pairs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return plan.pairs[a].ops.size() > plan.pairs[b].ops.size();
    });
    std::vector<std::vector<size_t>> members(n);
    std::vector<size_t> load(n, 0);
    for (size_t i : order) {
        size_t lightest = std::min_element(load.begin(), load.end()) - load.begin();
        members[lightest].push_back(i);
        load[lightest] += plan.pairs[i].ops.size() + 1;
    }
    for (size_t b = 0; b < n; ++b) {
        std::sort(members[b].begin(), members[b].end());
        std::vector<const PairGroup*> groups;
        for (size_t i : members[b])
            groups.push_back(&plan.pairs[i]);
        split.parts.push_back(cat(dir, "/apply-", b + 1, ".tsv"));
        write_plan(split.parts.back(), plan, groups, false);
    }
    return split;
}

}  // namespace oimap::driver
