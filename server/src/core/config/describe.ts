/**
 * A small language for describing the configuration's shape once (shape.ts). Each description,
 * a `Shape<T>`, gives three things:
 *
 * - `check`: reads a node of the file's tree, keeps what is valid and reports the rest at its
 *   place in the file, in Chinese and English; an invalid part is dropped, never its siblings;
 * - `schema`: the JSON Schema (draft-07) it stands for, with the texts editors show;
 * - `T`: the type of what it keeps, inferred by TypeScript (`Infer<typeof shape>`).
 *
 * The combinators are the few the configuration needs; their messages are the ones users have
 * always read. Pure: no file system, no editor types.
 */
import { closest, quoteList } from './suggest';
import { fullWidthHint, type Entry, type Msg, type NodeKind, type ObjectNode, type Problems, type TreeNode } from './tree';

// ---------------------------------------------------------------------------------------
// Checking

/** What a check knows besides the node: the built-in profile ids and the file's name. */
export interface CheckContext {
  readonly profileIds: readonly string[];
  readonly fileLabel: string;
}

/** Where a check stands: the path of the value ("profiles[0].id") and the values kept before it. */
export class At {
  constructor(
    readonly problems: Problems,
    readonly ctx: CheckContext,
    readonly path: string,
    /** The fields of the enclosing object kept so far (object fields see earlier siblings). */
    readonly parent: Readonly<Record<string, unknown>> = {},
  ) {}

  child(path: string, parent?: Readonly<Record<string, unknown>>): At {
    return new At(this.problems, this.ctx, path, parent);
  }

  error(start: number, end: number, msg: Msg): void {
    this.problems.error(start, end, msg);
  }

  warning(start: number, end: number, msg: Msg): void {
    this.problems.warning(start, end, msg);
  }

  headEnd(node: TreeNode): number {
    return this.problems.headEnd(node);
  }
}

export const KIND_NAMES: Record<NodeKind, Msg> = {
  object: ['对象（键值对）', 'an object'],
  array: ['列表（数组）', 'an array'],
  string: ['文字（字符串）', 'a string'],
  number: ['数字', 'a number'],
  boolean: ['布尔值（true/false）', 'a boolean'],
  null: ['空值', 'null'],
  other: ['无法识别的值', 'an unsupported value'],
};

/** A message for a value of the wrong kind, given the path and the kind found (KIND_NAMES). */
export type NotA = (path: string, found: Msg, node: TreeNode) => Msg;

/** Reports a value of the wrong kind, underlining the head of a block only. */
export function notA(node: TreeNode, at: At, [expZh, expEn]: Msg, custom?: NotA): undefined {
  const found = KIND_NAMES[node.kind];
  if (custom) {
    at.error(node.start, at.headEnd(node), custom(at.path, found, node));
    return undefined;
  }
  const [hintZh, hintEn] = node.kind === 'string' ? fullWidthHint(String(node.value)) : ['', ''];
  at.error(node.start, at.headEnd(node), [
    `“${at.path}”应为${expZh}，实际是${found[0]}${hintZh}。此项已忽略。`,
    `"${at.path}" should be ${expEn}, not ${found[1]}${hintEn}. It is ignored.`,
  ]);
  return undefined;
}

/** Objects built from user keys: defineProperty so "__proto__" stays a plain own key. */
function setKey<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The entries of an object by key. Duplicates: the last wins, as in JSON.parse, with a
 * warning. Keys outside `allowed` (when given) are reported, with the near one, and left out.
 */
export function entries(obj: ObjectNode, at: At, allowed: readonly string[] | undefined, [whatZh, whatEn]: Msg): Map<string, Entry> {
  const map = new Map<string, Entry>();
  const path = at.path;
  for (const entry of obj.entries) {
    const full = path ? `${path}.${entry.key}` : entry.key;
    if (allowed && !allowed.includes(entry.key)) {
      const suggestion = closest(entry.key, allowed);
      const [listZh, listEn] = quoteList(allowed);
      at.warning(
        entry.keyStart,
        entry.keyEnd,
        suggestion
          ? [`未知的${whatZh}“${full}”，是否想写“${suggestion}”？此项已忽略。`, `Unknown ${whatEn} "${full}"; did you mean "${suggestion}"? It is ignored.`]
          : [
              `未知的${whatZh}“${full}”，此项已忽略。${path ? `“${path}”` : '顶层'}允许的${whatZh}：${listZh}。`,
              `Unknown ${whatEn} "${full}"; it is ignored. Allowed ${whatEn}s ${path ? `in "${path}"` : 'at the top level'}: ${listEn}.`,
            ],
      );
      continue;
    }
    const previous = map.get(entry.key);
    if (previous) {
      at.warning(previous.keyStart, previous.keyEnd, [`“${full}”重复出现，以后面的为准，此处的设置已忽略。`, `"${full}" appears more than once; the last one is used and this one is ignored.`]);
    }
    map.set(entry.key, entry);
  }
  return map;
}

// ---------------------------------------------------------------------------------------
// Schema output

export type JsonSchema = { [key: string]: unknown };

/** What the schema's texts may draw on: the built-in profiles and rules. */
export interface SchemaContext {
  readonly profiles: readonly { id: string; name: string; nameEn: string }[];
  readonly rules: readonly { id: string; description: { zh: string; en: string }; defaultSeverity: string; source: string }[];
}

type Text<T> = T | ((ctx: SchemaContext) => T);

/** What editors show of a place in the schema (hover, completion); not used by checks. */
export interface Doc {
  description?: Text<string>;
  markdownDescription?: Text<string>;
  enumDescriptions?: Text<readonly string[]>;
  default?: unknown;
  examples?: Text<readonly string[]>;
}

/** Collects named definitions (`#/definitions/…`) while a schema is written out. */
export class SchemaOut {
  readonly definitions: Record<string, JsonSchema> = {};

  constructor(readonly ctx: SchemaContext) {}

  ref(name: string, build: () => JsonSchema): JsonSchema {
    if (!(name in this.definitions)) {
      this.definitions[name] = {}; // holds its place (first use) and stops recursion
      this.definitions[name] = build();
    }
    return { $ref: `#/definitions/${name}` };
  }

  doc(doc: Doc | undefined): JsonSchema {
    const out: JsonSchema = {};
    if (!doc) return out;
    const read = <T>(t: Text<T>): T => (typeof t === 'function' ? (t as (ctx: SchemaContext) => T)(this.ctx) : t);
    if (doc.description !== undefined) out.description = read(doc.description);
    if (doc.markdownDescription !== undefined) out.markdownDescription = read(doc.markdownDescription);
    if (doc.enumDescriptions !== undefined) out.enumDescriptions = [...read(doc.enumDescriptions)];
    if (doc.default !== undefined) out.default = doc.default;
    if (doc.examples !== undefined) out.examples = [...read(doc.examples)];
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Shapes

export interface Shape<T> {
  /** Node kinds this shape reads; a union hands a node to the alternative that reads its kind. */
  readonly kinds: readonly NodeKind[];
  /** The valid part of `node`, or undefined (reported) when nothing of it can be kept. */
  check(node: TreeNode, at: At): T | undefined;
  schema(out: SchemaOut): JsonSchema;
}

/** The type of what a shape keeps. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

/** A string; `nonBlank` refuses "" and whitespace, which would match everywhere as a phrase. */
export function text(opts: { nonBlank?: boolean; doc?: Doc } = {}): Shape<string> {
  return {
    kinds: ['string'],
    check(node, at) {
      if (node.kind !== 'string') return notA(node, at, KIND_NAMES.string);
      const value = String(node.value);
      if (opts.nonBlank && value.trim() === '') {
        at.error(node.start, node.end, [`“${at.path}”不能为空。此项已忽略。`, `"${at.path}" must not be empty. It is ignored.`]);
        return undefined;
      }
      return value;
    },
    schema: (out) => ({ type: 'string', ...(opts.nonBlank ? { minLength: 1, pattern: '\\S' } : {}), ...out.doc(opts.doc) }),
  };
}

/** A string that may not be blank, with its description. */
export function nonBlank(description?: string): Shape<string> {
  return text({ nonBlank: true, doc: description === undefined ? undefined : { description } });
}

/** One of a few strings; `invalid` says what is wrong with another string (and what was meant). */
export function oneOf<V extends string>(
  values: readonly V[],
  opts: { expected: Msg; invalid: (value: string, path: string) => Msg; notA?: NotA; doc?: Doc },
): Shape<V> {
  return {
    kinds: ['string'],
    check(node, at) {
      if (node.kind !== 'string') return notA(node, at, opts.expected, opts.notA);
      const value = String(node.value);
      if ((values as readonly string[]).includes(value)) return value as V;
      at.error(node.start, node.end, opts.invalid(value, at.path));
      return undefined;
    },
    schema: (out) => ({ type: 'string', enum: [...values], ...out.doc(opts.doc) }),
  };
}

/** A number in [min, max]; `fromText` answers a number written as a string ("1/3"). */
export function number(opts: {
  integer?: boolean;
  min: number;
  max?: number;
  expected: Msg;
  invalid: (value: unknown, path: string) => Msg;
  fromText?: (value: string, path: string) => Msg;
  doc?: Doc;
}): Shape<number> {
  const { integer, min, max } = opts;
  return {
    kinds: ['number'],
    check(node, at) {
      const v = node.kind === 'object' || node.kind === 'array' ? undefined : node.value;
      if (node.kind === 'number' && typeof v === 'number' && (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) && v >= min && (max === undefined || v <= max)) return v;
      if (node.kind === 'string' && opts.fromText) {
        at.error(node.start, node.end, opts.fromText(String(v), at.path));
        return undefined;
      }
      if (node.kind !== 'number') return notA(node, at, opts.expected);
      at.error(node.start, node.end, opts.invalid(v, at.path));
      return undefined;
    },
    schema: (out) => ({ type: integer ? 'integer' : 'number', minimum: min, ...(max === undefined ? {} : { maximum: max }), ...out.doc(opts.doc) }),
  };
}

export function boolean(doc?: Doc): Shape<boolean> {
  return {
    kinds: ['boolean'],
    check: (node, at) => (node.kind === 'boolean' ? node.value === true : notA(node, at, ['布尔值（true 或 false）', 'a boolean (true or false)'])),
    schema: (out) => ({ type: 'boolean', ...out.doc(doc) }),
  };
}

/**
 * A list; bad items are dropped one by one. `unique` drops a later item with the same key,
 * `empty` reports a list left empty (an error drops the list, a warning keeps it).
 */
export function list<T>(
  item: Shape<T>,
  opts: {
    unique?: { by: (value: T) => string; duplicate: (key: string, path: string) => Msg };
    empty?: { severity: 'error' | 'warning'; message: (path: string) => Msg };
    doc?: Doc;
  } = {},
): Shape<T[]> {
  return {
    kinds: ['array'],
    check(node, at) {
      if (node.kind !== 'array') return notA(node, at, KIND_NAMES.array);
      const out: T[] = [];
      const seen = new Set<string>();
      node.items.forEach((itemNode, i) => {
        const value = item.check(itemNode, at.child(`${at.path}[${i}]`));
        if (value === undefined) return;
        if (opts.unique) {
          const key = opts.unique.by(value);
          if (seen.has(key)) {
            at.error(itemNode.start, at.headEnd(itemNode), opts.unique.duplicate(key, at.path));
            return;
          }
          seen.add(key);
        }
        out.push(value);
      });
      if (opts.empty && out.length === 0) {
        at.problems.add(opts.empty.severity, node.start, at.headEnd(node), opts.empty.message(at.path));
        if (opts.empty.severity === 'error') return undefined;
      }
      return out;
    },
    schema: (out) => ({ type: 'array', items: item.schema(out), ...out.doc(opts.doc), ...(opts.empty?.severity === 'error' ? { minItems: 1 } : {}) }),
  };
}

/** A list of strings that may not be blank, with its description. */
export function stringList(description?: string): Shape<string[]> {
  return list(text({ nonBlank: true }), { doc: description === undefined ? undefined : { description } });
}

/** The first alternative that reads the node's kind checks it; none: the first reports it. */
export function union<A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> {
  return {
    kinds: [...a.kinds, ...b.kinds],
    check: (node, at) => (b.kinds.includes(node.kind) && !a.kinds.includes(node.kind) ? b.check(node, at) : a.check(node, at)),
    schema: (out) => ({ anyOf: [a.schema(out), b.schema(out)] }),
  };
}

/** A further check of a valid value: it may report, and keep or drop the value. */
export function refine<T>(shape: Shape<T>, fn: (value: T, node: TreeNode, at: At) => T | undefined): Shape<T> {
  return {
    kinds: shape.kinds,
    check(node, at) {
      const value = shape.check(node, at);
      return value === undefined ? undefined : fn(value, node, at);
    },
    schema: (out) => shape.schema(out),
  };
}

/** A shape the schema states once, under `#/definitions/<name>`, and refers to. */
export function named<T>(name: string, shape: Shape<T>): Shape<T> {
  return { kinds: shape.kinds, check: (node, at) => shape.check(node, at), schema: (out) => out.ref(name, () => shape.schema(out)) };
}

/**
 * An object whose keys are not known in advance (rule ids, profile ids): `keys` says which
 * are allowed for this file, `unknown` what to say of another (a warning; it is left out).
 * The schema lists `schemaKeys`, and admits others when not `closed`.
 */
export function record<T>(
  value: Shape<T>,
  opts: {
    keys: (at: At) => readonly string[];
    unknown: (key: string, suggestion: string | undefined, allowed: Msg) => Msg;
    schemaKeys: (ctx: SchemaContext) => readonly { key: string; doc?: Doc }[];
    closed: boolean;
    doc?: Doc;
  },
): Shape<Record<string, T>> {
  return {
    kinds: ['object'],
    check(node, at) {
      if (node.kind !== 'object') return notA(node, at, KIND_NAMES.object);
      const allowed = opts.keys(at);
      const out: Record<string, T> = {};
      for (const [key, entry] of entries(node, at, undefined, ['', ''])) {
        if (!allowed.includes(key)) {
          at.warning(entry.keyStart, entry.keyEnd, opts.unknown(key, closest(key, allowed), quoteList(allowed)));
          continue;
        }
        const v = value.check(entry.value, at.child(`${at.path}.${key}`));
        if (v !== undefined) setKey(out, key, v);
      }
      return out;
    },
    schema(out) {
      const properties: Record<string, JsonSchema> = {};
      for (const { key, doc } of opts.schemaKeys(out.ctx)) properties[key] = { ...value.schema(out), ...out.doc(doc) };
      return {
        type: 'object',
        ...(opts.closed ? { additionalProperties: false } : {}),
        ...out.doc(opts.doc),
        properties,
        ...(opts.closed ? {} : { additionalProperties: value.schema(out) }),
      };
    },
  };
}
