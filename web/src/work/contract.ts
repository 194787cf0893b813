/** Mutators and queries used by the work screens (types only; the rules are in the C++ core). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkMutators {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkQueries {}
