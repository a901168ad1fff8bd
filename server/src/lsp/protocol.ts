/**
 * @deprecated The protocol lives in shared/protocol.ts, beside the client and the server rather
 * than inside either. This re-export only keeps test/unit/lsp.test.ts's type import compiling
 * until it names shared/protocol.ts; nothing in server/src or client/src may use it.
 */
export type * from '../../../shared/protocol';
