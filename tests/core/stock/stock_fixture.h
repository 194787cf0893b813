// A core on an in-memory database with helpers to run stock mutators as a given role.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/core.h"

namespace invento::testing {

class StockFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Core::Open({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    core_ = std::move(c).value();
  }
  static std::string Id(int n) {
    char buf[37];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
    return buf;
  }
  Result<Json> Run(const std::string& name, const Json& args, Role role = Role::kAdmin) {
    return core_->Mutate(name, args, {.actor = {"user-1", role}, .now_ms = now_});
  }
  Json Ok(const std::string& name, const Json& args, Role role = Role::kAdmin) {
    auto r = Run(name, args, role);
    EXPECT_TRUE(r.ok()) << name << " " << args.dump() << " -> " << r.status().ToString();
    return r.ok() ? r.value() : Json();
  }
  Json Query(const std::string& name, const Json& args, Role role = Role::kAdmin) {
    auto r = core_->Query(name, args, {"user-1", role});
    EXPECT_TRUE(r.ok()) << name << " " << args.dump() << " -> " << r.status().ToString();
    return r.ok() ? r.value() : Json();
  }
  // Expects the mutation to fail with code and field, and the database to be unchanged.
  void ExpectError(const std::string& name, const Json& args, Code code, const std::string& field,
                   Role role = Role::kAdmin) {
    std::string before = Snapshot();
    auto r = Run(name, args, role);
    ASSERT_FALSE(r.ok()) << name << " " << args.dump() << " unexpectedly succeeded";
    EXPECT_EQ(r.status().code(), code) << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_EQ(r.status().field(), field) << name << " " << args.dump() << " -> " << r.status().ToString();
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_EQ(Snapshot(), before) << name << " wrote something despite failing";
  }
  // A dump of every replicated table, to prove that failures write nothing.
  std::string Snapshot() {
    std::string out;
    for (const auto& t : core_->tables().tables()) {
      auto st = core_->db().Prepare("SELECT * FROM " + t.name + " ORDER BY id");
      while (st->Step().value()) out += st->RowObject().dump() + "\n";
    }
    return out;
  }
  std::string Warehouse(int n, const std::string& name = "") {
    Ok("location.create", {{"id", Id(n)}, {"kind", "warehouse"},
                           {"name", name.empty() ? "Dépôt " + std::to_string(n) : name}});
    return Id(n);
  }
  std::string Item(int n, const std::string& ref, Json extra = Json::object()) {
    Json args{{"id", Id(n)}, {"reference", ref}, {"label", "Article " + ref}};
    args.update(extra);
    Ok("item.create", args);
    return Id(n);
  }
  std::string OnHand(const std::string& item, const std::string& loc) {
    Json r = Query("stock.onhand", {{"item_id", item}, {"location_id", loc}});
    return r["rows"].empty() ? "none" : r["rows"][0]["qty"].get<std::string>();
  }
  std::unique_ptr<Core> core_;
  std::int64_t now_ = 1'800'000'000'000;
};

}  // namespace invento::testing
