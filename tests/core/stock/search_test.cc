#include "core/stock/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/base/text.h"
#include "core/core.h"

namespace invento {
namespace {

using stock::kMaxRanked;
using stock::kMaxWords;

class SearchTest : public ::testing::Test {
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
  // Writes real item rows through the transaction API; the schema triggers index them.
  void Put(const std::vector<Json>& rows) {
    auto sql_tx = db::Transaction::Begin(core_->db());
    ASSERT_TRUE(sql_tx.ok()) << sql_tx.status().ToString();
    WriteTx tx(core_->db(), core_->tables(), 0);
    for (const Json& row : rows) {
      Status s = tx.Put("items", row);
      ASSERT_TRUE(s.ok()) << s.ToString() << " " << row.dump();
    }
    ASSERT_TRUE((*sql_tx)->Commit().ok());
    changes_ = tx.changes();
  }
  static Json Row(int n, const std::string& reference, const std::string& label,
                  Json extra = Json::object()) {
    Json row{{"id", Id(n)},
             {"reference", reference},
             {"reference_key", FoldKey(reference)},
             {"label", label},
             {"description", nullptr},
             {"category_id", nullptr},
             {"unit", "piece"},
             {"unit_price_cents", 100},
             {"supplier_id", nullptr},
             {"supplier_ref", nullptr},
             {"barcode", nullptr},
             {"min_qty", 0},
             {"attributes", "{}"},
             {"archived", 0},
             {"deleted", 0}};
    row.update(extra);
    return row;
  }
  void Item(int n, const std::string& reference, const std::string& label,
            Json extra = Json::object()) {
    Put({Row(n, reference, label, std::move(extra))});
  }
  Result<Json> Run(const Json& args, Role role = Role::kConsultant) {
    return core_->Query("item.search", args, {"user-1", role});
  }
  Json Search(Json args) {
    auto r = Run(args);
    EXPECT_TRUE(r.ok()) << args.dump() << " -> " << r.status().ToString();
    return r.ok() ? r.value() : Json{{"items", Json::array()}, {"total", -1}};
  }
  // References of the items found, in order.
  std::vector<std::string> Refs(const std::string& q, Json extra = Json::object()) {
    Json args{{"q", q}};
    args.update(extra);
    std::vector<std::string> out;
    const Json result = Search(args);
    for (const auto& item : result["items"]) out.push_back(item["reference"].get<std::string>());
    return out;
  }
  using Refv = std::vector<std::string>;
  std::unique_ptr<Core> core_;
  std::vector<RowChange> changes_;
};

TEST_F(SearchTest, FoldsAccentsAndCase) {
  Item(1, "EC-8", "Écrou M8 inox");
  Item(2, "VIS-6", "Vis à tête hexagonale");
  for (const char* q : {"ecrou", "ÉCROU", "écrou", "Ecrou", "eCrOu", " ecrou "}) {
    EXPECT_EQ(Refs(q), Refv{"EC-8"}) << q;
  }
  EXPECT_EQ(Refs("tete"), Refv{"VIS-6"});
  EXPECT_EQ(Refs("TÊTE"), Refv{"VIS-6"});
  EXPECT_EQ(Refs("a"), Refv{"VIS-6"});  // "à" folds to "a"
}

TEST_F(SearchTest, EveryWordIsAPrefix) {
  Item(1, "EC-8", "Écrou M8 inox");
  Item(2, "EC-10", "Écrou M10 acier");
  Item(3, "REF-012345", "Joint torique");
  EXPECT_EQ(Refs("ecr"), (Refv{"EC-10", "EC-8"}));
  EXPECT_EQ(Refs("e"), (Refv{"EC-10", "EC-8"}));
  EXPECT_EQ(Refs("M8"), Refv{"EC-8"});
  EXPECT_EQ(Refs("m1"), Refv{"EC-10"});
  EXPECT_EQ(Refs("REF-0123"), Refv{"REF-012345"});
  EXPECT_EQ(Refs("012345"), Refv{"REF-012345"});
  EXPECT_TRUE(Refs("ecrous").empty());
}

TEST_F(SearchTest, FindsBarcodeSupplierReferenceAndTextAttributes) {
  Item(1, "A-1", "Roulement", {{"barcode", "3760123456789"}});
  Item(2, "A-2", "Courroie", {{"supplier_ref", "SKF-6204-2RS"}});
  Item(3, "A-3", "Filtre", {{"attributes", R"({"d1": "Laiton chromé", "d2": 42})"}});
  EXPECT_EQ(Refs("3760123456789"), Refv{"A-1"});
  EXPECT_EQ(Refs("376012"), Refv{"A-1"});
  EXPECT_EQ(Refs("6204-2rs"), Refv{"A-2"});
  EXPECT_EQ(Refs("skf"), Refv{"A-2"});
  EXPECT_EQ(Refs("chrome"), Refv{"A-3"});
  EXPECT_EQ(Refs("laiton"), Refv{"A-3"});
  EXPECT_TRUE(Refs("42").empty());  // only text attributes are indexed
}

TEST_F(SearchTest, AllWordsMustMatchInAnyOrderAndAnyColumn) {
  Item(1, "EC-8I", "Écrou M8 inox");
  Item(2, "EC-8A", "Écrou M8 acier");
  Item(3, "VIS-8", "Vis inox", {{"supplier_ref", "M8-X"}});
  EXPECT_EQ(Refs("ecrou inox"), Refv{"EC-8I"});
  EXPECT_EQ(Refs("inox ecrou"), Refv{"EC-8I"});
  Refv both = Refs("m8 inox");
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (Refv{"EC-8I", "VIS-8"}));
  EXPECT_TRUE(Refs("ecrou laiton").empty());
}

TEST_F(SearchTest, RanksReferenceAndBarcodeAboveLabelThenByReference) {
  Item(1, "REF-2", "Vanne 3 voies");
  Item(2, "VANNE-01", "Robinet laiton");
  Item(3, "REF-3", "Clapet anti-retour à bille", {{"barcode", "VANNE9"}});
  EXPECT_EQ(Refs("vanne"), (Refv{"VANNE-01", "REF-3", "REF-2"}));

  // Equal scores: by reference.
  Item(4, "J-3", "Joint torique");
  Item(5, "J-1", "Joint torique");
  Item(6, "J-2", "Joint torique");
  EXPECT_EQ(Refs("joint"), (Refv{"J-1", "J-2", "J-3"}));
}

TEST_F(SearchTest, ExactReferenceComesFirst) {
  Item(1, "VIS-100", "Vis");
  Item(2, "VIS-10", "Vis");
  Item(3, "VIS-1000", "Vis VIS-10 compatible");
  EXPECT_EQ(Refs("vis-10")[0], "VIS-10");
  EXPECT_EQ(Refs("Vis-10 ")[0], "VIS-10");
}

TEST_F(SearchTest, PagesKeepOrderAndTotal) {
  std::vector<Json> rows;
  for (int i = 0; i < 30; ++i) {
    std::string label = "Joint " + std::string(static_cast<size_t>(i % 4), 'x') + " torique";
    rows.push_back(Row(i + 1, "J-" + std::to_string(100 + (i * 7) % 30), label));
  }
  Put(rows);
  Json all = Search({{"q", "joint"}, {"limit", 200}});
  ASSERT_EQ(all["total"], 30);
  EXPECT_EQ(all["total_exact"], true);
  std::vector<std::string> paged;
  for (int offset = 0; offset < 40; offset += 7) {
    Json page = Search({{"q", "joint"}, {"limit", 7}, {"offset", offset}});
    EXPECT_EQ(page["total"], 30);
    EXPECT_EQ(page["limit"], 7);
    EXPECT_EQ(page["offset"], offset);
    for (const auto& item : page["items"]) paged.push_back(item["id"].get<std::string>());
  }
  ASSERT_EQ(paged.size(), 30u);
  for (size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], all["items"][i]["id"]) << i;
  Json item = all["items"][0];
  EXPECT_TRUE(item.contains("unit") && item.contains("category_id") && item.contains("barcode"));
  EXPECT_EQ(item["unit_price_cents"], 100);
  EXPECT_EQ(item["archived"], false);
  EXPECT_FALSE(item.contains("description"));
}

TEST_F(SearchTest, ExcludesDeletedAndArchivedUnlessAsked) {
  Item(1, "P-1", "Pompe live");
  Item(2, "P-2", "Pompe archivée", {{"archived", 1}});
  Item(3, "P-3", "Pompe supprimée", {{"deleted", 1}});
  EXPECT_EQ(Refs("pompe"), Refv{"P-1"});
  EXPECT_EQ(Refs("pompe", {{"include_archived", true}}), (Refv{"P-1", "P-2"}));
  Json archived = Search({{"q", "pompe"}, {"include_archived", true}});
  EXPECT_EQ(archived["total"], 2);
  EXPECT_EQ(archived["items"][1]["archived"], true);
  EXPECT_TRUE(Refs("supprimee", {{"include_archived", true}}).empty());
}

TEST_F(SearchTest, FiltersByCategory) {
  Item(1, "P-1", "Pompe", {{"category_id", Id(100)}});
  Item(2, "P-2", "Pompe", {{"category_id", Id(200)}});
  Item(3, "P-3", "Pompe");
  Item(4, "P-4", "Pompe", {{"category_id", Id(100)}, {"archived", 1}});
  EXPECT_EQ(Refs("pompe", {{"category_id", Id(100)}}), Refv{"P-1"});
  EXPECT_EQ(Refs("pompe", {{"category_id", Id(100)}, {"include_archived", true}}),
            (Refv{"P-1", "P-4"}));
  EXPECT_TRUE(Refs("pompe", {{"category_id", Id(300)}}).empty());
  EXPECT_EQ(Refs("", {{"category_id", Id(200)}}), Refv{"P-2"});
  EXPECT_EQ(Search({{"q", ""}, {"category_id", Id(100)}, {"include_archived", true}})["total"], 2);
  // The category token never matches the user's words.
  EXPECT_TRUE(Refs("c00000000000040008000000000000100").empty());
}

TEST_F(SearchTest, UpdatesDeletesAndUndoReindex) {
  Item(1, "C-1", "Courroie trapézoïdale");
  EXPECT_EQ(Refs("trapez"), Refv{"C-1"});
  Put({{{"id", Id(1)}, {"label", "Courroie crantée"}}});
  EXPECT_TRUE(Refs("trapez").empty());
  EXPECT_EQ(Refs("crantee"), Refv{"C-1"});

  // Undo of the update restores the old label in the index.
  {
    auto sql_tx = db::Transaction::Begin(core_->db());
    ASSERT_TRUE(WriteTx::Undo(core_->db(), core_->tables(), changes_).ok());
    ASSERT_TRUE((*sql_tx)->Commit().ok());
  }
  EXPECT_EQ(Refs("trapez"), Refv{"C-1"});
  EXPECT_TRUE(Refs("crantee").empty());

  Put({{{"id", Id(1)}, {"archived", 1}}});
  EXPECT_TRUE(Refs("courroie").empty());
  Put({{{"id", Id(1)}, {"archived", 0}, {"reference", "C-9"}, {"reference_key", "c-9"}}});
  EXPECT_EQ(Refs("courroie"), Refv{"C-9"});
  {
    auto sql_tx = db::Transaction::Begin(core_->db());
    WriteTx tx(core_->db(), core_->tables(), 0);
    ASSERT_TRUE(tx.Del("items", Id(1)).ok());
    ASSERT_TRUE((*sql_tx)->Commit().ok());
  }
  EXPECT_TRUE(Refs("courroie", {{"include_archived", true}}).empty());
  EXPECT_TRUE(core_->db().Exec("INSERT INTO items_fts(items_fts) VALUES('integrity-check')").ok());
}

TEST_F(SearchTest, HostileInputGivesACleanResult) {
  Item(1, "EC-8", "Écrou M8 inox");
  Item(2, "OR-1", "Bague or jaune");
  const std::vector<std::string> inputs{"\"",
                                        "*",
                                        "NEAR(",
                                        "NEAR(ecrou m8, 2)",
                                        "OR",
                                        "AND",
                                        "NOT",
                                        "-",
                                        "^",
                                        "(",
                                        ")",
                                        ":",
                                        "ecrou OR vis",
                                        "-ecrou",
                                        "ecrou*",
                                        "e*c",
                                        "\"ecrou",
                                        "ecrou\"",
                                        "{label}: ecrou",
                                        "label:ecrou",
                                        "reference : ec",
                                        "^ecrou",
                                        "'",
                                        "\\",
                                        "%",
                                        "_",
                                        "« »",
                                        "…",
                                        "ecrou -",
                                        "'; DROP TABLE items; --",
                                        std::string(200, 'a'),
                                        std::string(200, '"'),
                                        std::string(100, '*') + std::string(100, '(')};
  for (const auto& q : inputs) {
    auto r = Run({{"q", q}});
    ASSERT_TRUE(r.ok() || r.status().code() == Code::kInvalidArgument)
        << q << " -> " << r.status().ToString();
    if (r.ok()) {
      EXPECT_EQ(r.value()["items"].size(), r.value()["total"].get<size_t>()) << q;
    }
  }
  // Quotes and operators are just text around the words.
  EXPECT_EQ(Refs("\"ecrou\""), Refv{"EC-8"});
  EXPECT_EQ(Refs("ecrou -"), Refv{"EC-8"});
  EXPECT_EQ(Refs("^ecrou*"), Refv{"EC-8"});
  EXPECT_EQ(Refs("OR"), Refv{"OR-1"});  // a word, not an operator
  EXPECT_TRUE(Refs("ecrou OR vis").empty());
  // Punctuation only: nothing to match.
  Json none = Search({{"q", "- * ^ \" « »"}});
  EXPECT_TRUE(none["items"].empty());
  EXPECT_EQ(none["total"], 0);
  // Too many distinct words or bytes: invalid_argument on q.
  std::string many;
  for (int i = 0; i < kMaxWords + 1; ++i) many += "w" + std::to_string(i) + " ";
  for (const std::string& q : {many, std::string(201, 'a')}) {
    auto r = Run({{"q", q}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "q");
  }
  EXPECT_TRUE(core_->db().Exec("INSERT INTO items_fts(items_fts) VALUES('integrity-check')").ok());
}

TEST_F(SearchTest, BlankQueryListsLiveItemsByReference) {
  Item(1, "B-2", "Beta");
  Item(2, "a-1", "Alpha");
  Item(3, "C-3", "Gamma", {{"archived", 1}});
  Item(4, "D-4", "Delta", {{"deleted", 1}});
  Json all = Search({{"q", ""}});
  EXPECT_EQ(all["total"], 2);
  EXPECT_EQ(all["total_exact"], true);
  EXPECT_EQ(Refs(""), (Refv{"a-1", "B-2"}));
  EXPECT_EQ(Refs("   "), (Refv{"a-1", "B-2"}));
  EXPECT_EQ(Refs("", {{"include_archived", true}}), (Refv{"a-1", "B-2", "C-3"}));
  EXPECT_EQ(Search({{"q", ""}, {"include_archived", true}})["total"], 3);
  Json page = Search({{"q", ""}, {"limit", 1}, {"offset", 1}});
  EXPECT_EQ(page["items"][0]["reference"], "B-2");
  EXPECT_EQ(page["total"], 2);
}

TEST_F(SearchTest, BroadQueriesRankABoundedWindowAndSayTotalIsNotExact) {
  std::vector<Json> rows;
  for (int i = 0; i < kMaxRanked + 20; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "R-%05d", i);
    rows.push_back(Row(i + 1, ref, "Joint plat"));
  }
  rows.push_back(Row(5000, "JOINT", "Référence exacte"));  // outside the ranked window
  Put(rows);
  Json r = Search({{"q", "joint"}, {"limit", 3}});
  EXPECT_EQ(r["total_exact"], false);
  EXPECT_EQ(r["total"], kMaxRanked + 1);
  EXPECT_EQ(r["items"][0]["reference"], "JOINT");
  EXPECT_EQ(r["items"][1]["reference"], "R-00000");
  Json last = Search({{"q", "joint"}, {"offset", kMaxRanked}, {"limit", 5}});
  EXPECT_EQ(last["items"].size(), 1u);
  EXPECT_TRUE(Search({{"q", "joint"}, {"offset", kMaxRanked + 1}})["items"].empty());
  // Narrow enough: exact again.
  Json narrow = Search({{"q", "joint R-0001"}});
  EXPECT_EQ(narrow["total_exact"], true);
  EXPECT_EQ(narrow["total"], 10);
}

TEST_F(SearchTest, BadArgumentsNameTheField) {
  struct Case {
    Json args;
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"q", "x"}, {"limit", 0}}, "limit"},
      {{{"q", "x"}, {"limit", 201}}, "limit"},
      {{{"q", "x"}, {"limit", "10"}}, "limit"},
      {{{"q", "x"}, {"offset", -1}}, "offset"},
      {{{"q", "x"}, {"query", "y"}}, "query"},
      {{{"limit", 10}}, "q"},
      {{{"q", 12}}, "q"},
      {{{"q", "x"}, {"category_id", "cat"}}, "category_id"},
      {{{"q", "x"}, {"include_archived", "yes"}}, "include_archived"},
  };
  for (const auto& c : cases) {
    auto r = Run(c.args);
    ASSERT_FALSE(r.ok()) << c.args.dump();
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << c.args.dump();
    EXPECT_EQ(r.status().field(), c.field) << c.args.dump();
  }
  EXPECT_EQ(Run(Json::array()).status().code(), Code::kInvalidArgument);
}

TEST_F(SearchTest, EveryRoleMaySearch) {
  Item(1, "EC-8", "Écrou");
  for (Role role : {Role::kAdmin, Role::kManager, Role::kTechnician, Role::kConsultant}) {
    auto r = Run({{"q", "ecrou"}}, role);
    ASSERT_TRUE(r.ok()) << RoleName(role) << " " << r.status().ToString();
    EXPECT_EQ(r.value()["total"], 1);
  }
}

}  // namespace
}  // namespace invento
