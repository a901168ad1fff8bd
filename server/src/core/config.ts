/**
 * Parsing and validation of the configuration file (.duty-report.json / .yaml / .yml).
 *
 * Pure: text in, a validated `DutyReportConfig` and a list of problems out. No file system,
 * no editor API, so the editor, the language server and the CLI share one reading of the file
 * (SPEC "Editor and CI must agree"). The parts live in config/: the file's shape is described
 * once in config/shape.ts, and the checks, the JSON Schema and the types all come from it.
 */
export { MAX_CONFIG_CHARS, parseConfig } from './config/parse';
export { LEXICON_KIND_IDS, SEVERITY_SETTINGS } from './config/shape';
export { closest } from './config/suggest';
