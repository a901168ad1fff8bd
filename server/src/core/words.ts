/**
 * The product's word table, for the core and the server. It lives in shared/words.ts because
 * the client's status bar shows a tier too; this module keeps the core's own import path.
 */
export { WORDS, severityWord, tierWord } from '../../../shared/words';
