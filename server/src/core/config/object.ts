/**
 * Objects with known keys, and their fields: what each key holds and what becomes of the
 * object when the key is missing or its value is invalid. The type of what an object keeps is
 * inferred from its fields: required and defaulted ones are always there, optional ones may be.
 */
import { entries, KIND_NAMES, notA, type At, type Doc, type JsonSchema, type NotA, type Shape } from './describe';
import { quoteList } from './suggest';
import type { Msg } from './tree';

type Mode = 'required' | 'optional' | 'default' | 'checked';

export interface Field<T, M extends Mode = Mode> {
  readonly shape: Shape<T>;
  readonly mode: M;
  readonly doc?: Doc;
  /** For 'default': the value kept when the key is missing or its value invalid. */
  readonly make?: (at: At) => T;
  /** An invalid value drops the whole object, not just this key. */
  readonly dropsObject?: boolean;
}

/** Must be there and valid, or the object is dropped (one error names every missing key). */
export function required<T>(shape: Shape<T>, doc?: Doc): Field<T, 'required'> {
  return { shape, mode: 'required', doc };
}

/** May be there; an invalid value is dropped with its key (or the object, with `dropsObject`). */
export function optional<T>(shape: Shape<T>, opts: { doc?: Doc; dropsObject?: boolean } = {}): Field<T, 'optional'> {
  return { shape, mode: 'optional', ...opts };
}

/** Always kept: `make` stands in when the key is missing or its value invalid. */
export function withDefault<T>(shape: Shape<T>, make: (at: At) => T, doc?: Doc): Field<T, 'default'> {
  return { shape, mode: 'default', make, doc };
}

/** Checked and reported, never kept ("$schema" is for editors). */
export function checked<T>(shape: Shape<T>, doc?: Doc): Field<T, 'checked'> {
  return { shape, mode: 'checked', doc };
}

type Fields = Record<string, Field<unknown>>;
type KeysOf<F extends Fields, M extends Mode> = { [K in keyof F]: F[K]['mode'] extends M ? K : never }[keyof F];
type ValueOf<X> = X extends Field<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What an object of these fields keeps. */
export type OutOf<F extends Fields> = Simplify<
  { [K in KeysOf<F, 'required' | 'default'>]: ValueOf<F[K]> } & { [K in KeysOf<F, 'optional'>]?: ValueOf<F[K]> }
>;

/**
 * An object with the keys of `fields` (others are warned about, with the near key, and left
 * out). `key` names a key in messages ("配置项" / "key"), `entity` the object when a required
 * key is missing. Required fields are checked first, all of them; the others only when those
 * are valid, in `order` when given (a field may read earlier siblings through `at.parent`).
 */
export function object<F extends Fields>(
  fields: F,
  opts: { key: Msg; entity?: Msg; order?: readonly (keyof F & string)[]; notA?: NotA; doc?: Doc },
): Shape<OutOf<F>> {
  const names = Object.keys(fields);
  const requiredNames = names.filter((k) => fields[k].mode === 'required');
  const rest = (opts.order ?? names).filter((k) => fields[k].mode !== 'required');
  if (opts.order && [...opts.order].sort().join() !== [...names].sort().join()) throw new Error(`object order ${opts.order.join()} is not its keys`);
  const childPath = (at: At, key: string) => (at.path ? `${at.path}.${key}` : key);
  return {
    kinds: ['object'],
    check(node, at) {
      if (node.kind !== 'object') return notA(node, at, KIND_NAMES.object, opts.notA);
      const keys = entries(node, at, names, opts.key);
      const missing = requiredNames.filter((k) => !keys.has(k));
      if (missing.length > 0) {
        const [whatZh, whatEn] = opts.entity ?? ['', ''];
        const [listZh, listEn] = quoteList(missing);
        at.error(node.start, at.headEnd(node), [
          `${whatZh}“${at.path}”缺少必填项 ${listZh}，整项已忽略。`,
          `${whatEn} "${at.path}" lacks the required ${listEn}; the whole entry is ignored.`,
        ]);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      let valid = true;
      for (const k of requiredNames) {
        const value = fields[k].shape.check(keys.get(k)!.value, at.child(childPath(at, k), out));
        if (value === undefined) valid = false;
        else out[k] = value;
      }
      if (!valid) return undefined;
      for (const k of rest) {
        const field = fields[k];
        const entry = keys.get(k);
        const value = entry ? field.shape.check(entry.value, at.child(childPath(at, k), out)) : undefined;
        if (value !== undefined) {
          if (field.mode !== 'checked') out[k] = value;
        } else if (entry && field.dropsObject) {
          return undefined;
        } else if (field.make) {
          out[k] = field.make(at);
        }
      }
      return out as OutOf<F>;
    },
    schema(out) {
      const properties: Record<string, JsonSchema> = {};
      for (const k of names) properties[k] = { ...fields[k].shape.schema(out), ...out.doc(fields[k].doc) };
      return {
        type: 'object',
        additionalProperties: false,
        ...(requiredNames.length > 0 ? { required: requiredNames } : {}),
        ...out.doc(opts.doc),
        properties,
      };
    },
  };
}
