/**
 * The worker protocol's types the screens need (wasm/protocol.ts), re-exported so that
 * screens reach the core only through web/src/core/ and never import the worker's files.
 */
export type {
  Actor,
  CoreErrorCode,
  CoreErrorInfo,
  CoreReply,
  CoreState,
  Rejection,
  SessionUser,
  SyncStatus,
} from '../../../wasm/protocol';
