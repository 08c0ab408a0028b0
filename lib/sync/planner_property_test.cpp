// SPDX-License-Identifier: GPL-2.0-or-later
// Property test of the planner: random histories of changes on both sides, each followed by
// a plan applied to an in-memory model (with the status semantics of sync-apply); both
// sides and the state must converge and the next plan must have no operation.  Runs also
// stop after a random prefix of the plan, as a crash would.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/text.hpp"
#include "sync/planner_flags.hpp"
#include "sync/planner_test_util.hpp"

namespace oimap::sync {
namespace {

using testing::World;

const std::string kMd5 = testing::kInboxMd5;
const char kLetters[] = "DFRST";

struct File {
    uint32_t uid = 0;  // 0: no U=
    std::string base;  // the name before ":2,"
    std::string flags;
};

struct Model {
    std::map<uint32_t, std::string> remote;  // uid -> letters
    uint32_t uid_next = 1;
    std::map<std::string, File> local;  // by base name
    std::map<uint32_t, std::string> status;
    int serial = 0;

    std::string new_base() { return "17000000" + std::to_string(++serial) + ".M1P1.h"; }

    World world() const {
        World w;
        w.rfolder("INBOX");
        for (const auto& [uid, letters] : remote) {
            std::string imap;
            for (const auto& flag : maildir::flags_to_imap(letters))
                imap += (imap.empty() ? "" : " ") + flag;
            w.rmsg("INBOX", uid, imap);
        }
        w.lf("INBOX");
        for (const auto& [base, f] : local) {
            format::LocalMessage m{.folder = "INBOX",
                                   .uid = f.uid,
                                   .fmd5 = f.uid ? kMd5 : "",
                                   .file_name = base + ":2," + f.flags};
            w.add_local("INBOX", m, f.flags);
        }
        std::vector<StatusRow> rows;
        for (const auto& [uid, flags] : status)
            rows.push_back({uid, flags});
        w.status("INBOX", rows);
        return w;
    }

    File* file(const std::string& path) {
        auto slash = path.find('/');
        auto base = path.substr(slash + 1, path.rfind(":2,") - slash - 1);
        auto it = local.find(base);
        return it == local.end() ? nullptr : &it->second;
    }

    /// Carries out op; without record, only its effect on a side, as a crash between the
    /// change and its status transaction leaves it.
    void apply(const format::PlanOp& op, bool record = true) {
        using format::OpKind;
        switch (op.kind) {
            case OpKind::kCopyToLocal: {
                std::string base = new_base() + ",U=" + std::to_string(op.uid);
                local[base] = File{op.uid, base, op.flags};
                if (record)
                    status[op.uid] = op.flags;
                return;
            }
            case OpKind::kAdoptOrCopyToRemote:  // the model's messages have no Message-ID
            case OpKind::kCopyToRemote: {
                if (!record)
                    return;  // the journalled intent resolves an upload the server took
                File* f = file(op.file);
                ASSERT_NE(f, nullptr) << op.file;
                uint32_t uid = uid_next++;
                remote[uid] = op.flags;
                File moved{uid, new_base() + ",U=" + std::to_string(uid), f->flags};
                local.erase(f->base);
                local[moved.base] = moved;
                status[uid] = op.flags;
                return;
            }
            case OpKind::kRecord:
                if (record)
                    status[op.uid] = op.flags;
                return;
            case OpKind::kForget:
                if (record)
                    status.erase(op.uid);
                return;
            case OpKind::kDeleteLocal: {
                File* f = file(op.file);
                ASSERT_NE(f, nullptr) << op.file;
                local.erase(f->base);
                if (record)
                    status.erase(op.uid);
                return;
            }
            case OpKind::kDeleteRemote:
                remote.erase(op.uid);
                if (record)
                    status.erase(op.uid);
                return;
            case OpKind::kSetLocalFlags: {
                File* f = file(op.file);
                ASSERT_NE(f, nullptr) << op.file;
                f->flags = op.flags;
                if (record)
                    status[op.uid] = op.status_flags.value_or(op.flags);
                return;
            }
            case OpKind::kSetRemoteFlags:
                ASSERT_EQ(remote.at(op.uid), op.from_flags);
                remote[op.uid] = op.flags;
                if (record)
                    status[op.uid] = op.flags;
                return;
            case OpKind::kCreateLocalFolder:
            case OpKind::kCreateRemoteFolder:
            case OpKind::kSaveStartUid:
                FAIL() << "unexpected " << format::op_kind_name(op.kind);
        }
    }

    /// Applies at most limit operations of a fresh plan, stopping before the first
    /// set-remote-flags when store_fails (a failed UID STORE abandons the folder); with
    /// half_done, the operation after the last one applied changes its side but is not
    /// recorded (a crash inside it).  Returns how many operations the plan had.
    size_t sync(size_t limit = SIZE_MAX, bool store_fails = false, bool half_done = false) {
        World w = world();
        PlanResult result = w.run();
        EXPECT_TRUE(result.warnings.empty());
        size_t ops = 0;
        for (const auto& item : result.items) {
            auto* op = std::get_if<format::PlanOp>(&item);
            if (!op)
                continue;
            if (store_fails && op->kind == format::OpKind::kSetRemoteFlags)
                limit = 0;
            if (ops < limit)
                apply(*op);
            else if (ops == limit && half_done)
                apply(*op, false);
            ++ops;
        }
        return ops;
    }

    std::string random_letters(std::mt19937& rng) {
        std::string out;
        for (char c : std::string(kLetters))
            if (rng() % 3 == 0)
                out += c;
        return out;
    }

    void mutate(std::mt19937& rng) {
        for (int i = rng() % 4; i > 0; --i) {
            switch (rng() % 6) {
                case 0:
                    remote[uid_next++] = random_letters(rng);
                    break;
                case 1: {
                    std::string base = new_base();
                    local[base] = File{0, base, random_letters(rng)};
                    break;
                }
                case 2:
                    if (!remote.empty())
                        remote.erase(std::next(remote.begin(), rng() % remote.size()));
                    break;
                case 3:
                    if (!local.empty())
                        local.erase(std::next(local.begin(), rng() % local.size()));
                    break;
                case 4:
                    if (!remote.empty())
                        std::next(remote.begin(), rng() % remote.size())->second =
                            random_letters(rng);
                    break;
                case 5:
                    if (!local.empty())
                        std::next(local.begin(), rng() % local.size())->second.flags =
                            random_letters(rng);
                    break;
            }
        }
    }

    /// offlineimap's per-letter three-way merge for messages on both sides with a status row
    /// (spec §5.8.3): local + (remote - status) - (status - remote).
    std::map<uint32_t, std::string> expected_merges() const {
        std::map<uint32_t, std::string> out;
        for (const auto& [base, f] : local) {
            auto r = remote.find(f.uid);
            auto st = status.find(f.uid);
            if (f.uid == 0 || r == remote.end() || st == status.end())
                continue;
            FlagSet l = FlagSet::of(f.flags), rf = FlagSet::of(r->second),
                    s = FlagSet::of(st->second);
            out[f.uid] = ((l | (rf - s)) - (s - rf)).str();
        }
        return out;
    }

    void expect_merged(const std::map<uint32_t, std::string>& merges) const {
        for (const auto& [uid, flags] : merges)
            EXPECT_EQ(remote.at(uid), flags) << "uid " << uid;
    }

    void expect_converged() const {
        std::map<uint32_t, std::string> local_by_uid;
        for (const auto& [base, f] : local) {
            EXPECT_NE(f.uid, 0u) << base;
            local_by_uid[f.uid] = f.flags;
        }
        EXPECT_EQ(local_by_uid, remote);
        EXPECT_EQ(status, remote);
    }
};

TEST(PlannerProperty, RandomHistoriesConvergeInOnePlan) {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        Model model;
        for (int round = 0; round < 8; ++round) {
            model.mutate(rng);
            auto merges = model.expected_merges();
            model.sync();
            model.expect_converged();
            model.expect_merged(merges);
            ASSERT_EQ(model.sync(), 0u) << "second plan is not empty";
        }
    }
}

TEST(PlannerProperty, AFailedStoreLosesNoFlagChangeOfEitherSide) {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        Model model;
        for (int round = 0; round < 8; ++round) {
            model.mutate(rng);
            auto merges = model.expected_merges();
            model.sync(SIZE_MAX, true);
            model.sync();
            model.expect_converged();
            model.expect_merged(merges);
            ASSERT_EQ(model.sync(), 0u);
        }
    }
}

TEST(PlannerProperty, AStoppedRunConvergesOnTheNextOne) {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        Model model;
        for (int round = 0; round < 8; ++round) {
            model.mutate(rng);
            size_t planned = model.sync(rng() % 4);  // stopped after 0..3 operations
            (void)planned;
            model.sync();
            model.expect_converged();
            ASSERT_EQ(model.sync(), 0u) << "plan after the resumed run is not empty";
        }
    }
}

// A run stopped after any number of operations, or inside one (its side changed, its status
// row not yet written), and then planned afresh ends where an uninterrupted run ends: no flag
// change of either side is lost.
TEST(PlannerProperty, AStopAtAnyInstantLosesNoFlagChangeOfEitherSide) {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        Model model;
        for (int round = 0; round < 8; ++round) {
            model.mutate(rng);
            auto merges = model.expected_merges();
            size_t planned = Model(model).sync();
            size_t stop = planned == 0 ? 0 : rng() % (planned + 1);
            bool half_done = rng() % 2 == 0;
            SCOPED_TRACE(cat("seed ", seed, " round ", round, ": stopped after ", stop, " of ",
                             planned, half_done ? " operations, inside the next" : " operations"));
            model.sync(stop, false, half_done);
            model.sync();
            model.expect_converged();
            model.expect_merged(merges);
            ASSERT_EQ(model.sync(), 0u) << "plan after the resumed run is not empty";
        }
    }
}

}  // namespace
}  // namespace oimap::sync
