/**
 * Stock alerts (core/stock/alerts.h): the list the core computes from the ledger and their
 * acknowledgement. Types only: the core decides what is an alert and records the severity.
 */
import type { StockAlert } from '../stock/contract';

export interface AlertMutators {
  'alert.ack': { args: { id: string; alert_key: string; days_not_counted?: number }; result: { id: string; severity: number } };
}

export interface AlertQueries {
  'alert.list': {
    /** limit: the first alerts only (`more` then says whether some were left out). */
    args: { days_not_counted?: number; as_of?: number; include_acknowledged?: boolean; below_minimum_only?: boolean; limit?: number };
    result: { alerts: StockAlert[]; more?: boolean };
  };
}
