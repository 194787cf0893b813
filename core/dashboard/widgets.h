// Dashboard widget configurations, one set per user, replicated like any domain data so a
// user finds their dashboard on every device.
//
// dashboard.widget_add {id, type: number|bar|pie|doughnut|line|table|list, data_source (one of
//   figures.h DataSources()), title?, filters?: object (the data source's arguments),
//   position?=end, width?=1, height?=1 (1..12)} -> {id}
//   The filters are checked by running the data source with them: a widget that could not
//   be drawn is refused (invalid_argument, field filters, with the query's message).
// dashboard.widget_update {id, type?, data_source?, title?, filters?, position?, width?, height?}
// dashboard.widget_remove {id}
//   A user changes only their own widgets (admins: anyone's) — forbidden otherwise.
// dashboard.widgets {} -> {items:[{id, type, data_source, title, filters, position, width,
// height}], defaults: bool}
//   the actor's widgets by position; when they have none, the default layout of their role
//   (ids "default-1"..., no stored row: draw each by running its data_source with its
//   filters) and defaults = true.
// dashboard.reset {id: a new uuid} -> {ids}
//   replaces the actor's widgets by their role's default layout as widgets of their own
//   (ids derived from id, so device and server create the same rows). A UI calls it before
//   the first change to a default layout, and to restore the default.
// dashboard.widget_data {id} -> the data source's result for the widget's filters.
//
// Consultants read dashboards but configure nothing (the permission table: consultants never
// write). Errors: invalid_argument (data_source, filters, sizes); not_found (id);
// forbidden (another user's widget).
#pragma once

#include "core/mutators/registry.h"

namespace invento::dashboard {

void RegisterWidgets(Registry& registry);

}  // namespace invento::dashboard
