// Stock count sessions (stocktakes).
//
// count.open {id, location_id, name?, scope?: all|category|list (default all), category_id?
//             (scope category), item_ids?: [uuid] (scope list), blind?=false,
//             repeat_mode?: add|replace (default add)} -> {id}
// A session counts its location AND every location inside it: a count opened on a warehouse
// counts the stock of its zones and bins, each line saying where the item was found.
// count.record {id, session_id, qty, counted_at?, location_id? (the session's location, by
//             default, or a location inside it; invalid_argument otherwise), and exactly one
//             of item_id | barcode | reference} -> {line_id, item_id, location_id, reference,
//             label, counted, expected?} (counted and expected at that place)
//             add mode: repeated scans of an item at a place add up; replace: the last line
//             at that place wins.
//             Unknown barcode/reference -> not_found naming that field (the UI offers to
//             find or create the item). Items outside the session's scope are refused.
// count.undo_last {session_id} -> tombstones the session's most recent line
//             {undone_line_id, item_id, location_id}.
// count.close {session_id} -> writes one 'count' observation per counted item and place into
//             the ledger (to that place), at the time its last line there was counted; the
//             session becomes read-only. Places not counted keep their stock.
// count.review {session_id} -> per item and place (location_id, location name): counted,
//             expected, variance (qty and value), plus the item/places in scope never counted
//             (those holding stock in the subtree; for list and category scopes, items held
//             nowhere there appear once, at the session's location). In a blind session, expected quantities and
//             variances are hidden from technicians and consultants (shown to managers and
//             admins: "cap.count.blind_expected").
//             Expected is the on-hand now; for an item of a CLOSED session, the on-hand just
//             before the session's observation, so a closed count keeps its variances.
// count.list {location_id?, status?} -> sessions, newest first.
// Once closed, record/undo/close fail with failed_precondition.
// Technicians (roles without "cap.location.any") open, record and undo only at locations they
// work with (location_access.h): forbidden otherwise (field location_id for open, session_id
// for record and undo). Closing is the table's rule alone (admins, managers).
//
// While a blind session is open, the book quantity (on-hand) of the items in its scope at its
// location and the locations inside it is hidden from roles without "cap.count.blind_expected" on every stock screen, not
// only in its review: stock.onhand returns those rows with qty, qty_milli and value_cents null
// and hidden: true (left out of its totals), stock.movements does the same for their
// movements there (they add up to it), and alert.list leaves their alerts out (an alert
// states the quantity). BlindCountMask is that rule. The device still holds the ledger (it
// needs it offline); the queries are what screens read.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/mutators/registry.h"

namespace invento::stock {

class BlindCountMask {
 public:
  // The open blind sessions the actor may not see through (none for admins and managers).
  static Result<BlindCountMask> Load(const db::Db& db, const Actor& actor);
  bool empty() const { return sessions_.empty(); }
  // Whether the on-hand of item_id at location_id is hidden from the actor.
  Result<bool> Hides(const std::string& item_id, const std::string& location_id) const;

 private:
  const db::Db* db_ = nullptr;
  std::vector<Json> sessions_;
  std::vector<std::set<std::string>> places_;  // per session: its location and those inside it
};

void RegisterCounts(Registry& registry);

}  // namespace invento::stock
