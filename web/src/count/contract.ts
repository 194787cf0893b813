/** Mutators and queries used by the count screens (types only; the rules are in the C++ core). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CountMutators {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CountQueries {}
