// Internal to the demo company (demo_company.h): the mutation list being built, with the
// helpers both halves use (stock in demo_stock.cc, people and work in demo_company.cc).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "sync-server/accounts.h"
#include "sync-server/demo_company.h"

namespace invento::server::demo {

struct Builder {
  explicit Builder(const Date& d) : today(d), random(20261204) {}

  // Appends a mutation; returns args["id"] when there is one (the new row's id).
  std::string Add(const std::string& name, db::Json args) {
    std::string id = args.contains("id") ? args["id"].get<std::string>() : std::string();
    out.emplace_back(name, std::move(args));
    return id;
  }
  static std::string NewId() { return RandomUuid(); }
  std::string Day(std::int64_t offset) const { return FormatDate(AddDays(today, offset)); }
  // Milliseconds at `hour` o'clock (UTC) on today + offset days.
  std::int64_t At(std::int64_t offset, int hour) const {
    return DayStartMs(AddDays(today, offset)) + hour * 3'600'000LL;
  }
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); }

  Date today;
  std::mt19937 random;
  std::vector<DemoMutation> out;
};

// What the stock half made that the work half uses.
struct StockIds {
  std::vector<std::string> items;      // every item, in creation order
  std::vector<std::string> vans;       // 3
  std::vector<std::string> warehouses; // Lyon, Grenoble
  std::vector<std::string> lyon_bins;
  std::vector<std::string> sites;      // 2 client sites (locations)
};

// Categories, attributes, suppliers, locations, items, opening stock and minimums.
StockIds AddStock(Builder& b);

}  // namespace invento::server::demo
