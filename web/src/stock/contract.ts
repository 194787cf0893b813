/** Mutators and queries used by the stock screens (types only; the rules are in the C++ core). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StockMutators {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StockQueries {}
