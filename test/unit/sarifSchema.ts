/** The official SARIF 2.1.0 schema as shipped by @microsoft/jest-sarif (rtm.5, draft-04), compiled for the CLI tests. */
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function sarifValidator(root: string) {
  const file = path.join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  // Ajv 8 speaks draft-07; this schema uses no draft-04-only keyword besides `id` and `$schema`.
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp off: the schema's language pattern has a stray `]` that only /u rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const ascii = /^[\x21-\x7e]*$/;
  ajv.addFormat('uri', { validate: (s: string) => ascii.test(s) && /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s) });
  ajv.addFormat('uri-reference', { validate: (s: string) => ascii.test(s) && !s.includes('\\') });
  ajv.addFormat('date-time', { validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  return ajv.compile(schema);
}
