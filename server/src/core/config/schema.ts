/**
 * The JSON Schema of the configuration file, written out from the one description (shape.ts).
 * schemas/duty-report.schema.json is this, as scripts/generate.js writes it; a unit test
 * fails when the checked-in file differs.
 */
import profilesData from '../data/profiles.json';
import { RULES } from '../rules';
import { SchemaOut, type JsonSchema, type SchemaContext } from './describe';
import { CONFIG } from './shape';

/** The built-in profiles and rules, whose ids and names the schema offers for completion. */
export function builtinSchemaContext(): SchemaContext {
  return {
    profiles: (profilesData as { id: string; name: string; nameEn: string }[]).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    rules: RULES,
  };
}

export function configJsonSchema(ctx: SchemaContext = builtinSchemaContext()): JsonSchema {
  const out = new SchemaOut(ctx);
  const { type, additionalProperties, properties } = CONFIG.schema(out);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '述职报告助手配置 / Duty Report Assistant configuration',
    description:
      '述职报告助手的配置文件（.duty-report.json / .duty-report.yaml），编辑器和命令行读取同一个文件 / Configuration of the Duty Report Assistant; the editor and the command line read the same file',
    type,
    // VS Code's JSON service reads these: the file may hold comments and trailing commas, as parseConfig accepts.
    allowComments: true,
    allowTrailingCommas: true,
    additionalProperties,
    properties,
    definitions: out.definitions,
  };
}

/** The schema file's text: two-space JSON and a final newline. */
export function configJsonSchemaText(ctx?: SchemaContext): string {
  return `${JSON.stringify(configJsonSchema(ctx), null, 2)}\n`;
}
