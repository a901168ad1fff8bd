import * as assert from 'node:assert/strict';
import { At, boolean, list, named, number, oneOf, record, refine, SchemaOut, text, union, type Infer, type Shape } from '../../server/src/core/config/describe';
import { readJson } from '../../server/src/core/config/json';
import { checked, object, optional, required, withDefault } from '../../server/src/core/config/object';
import { Problems } from '../../server/src/core/config/tree';
import { LineIndex } from '../../server/src/core/text';

/** Checks `json` against `shape` as parseConfig would: the value kept and the problems, in order. */
function run<T>(shape: Shape<T>, json: string, profileIds: readonly string[] = []) {
  const problems = new Problems(new LineIndex(json));
  const root = readJson(json, problems);
  assert.ok(root && root !== 'syntax-error', json);
  const value = shape.check(root, new At(problems, { profileIds, fileLabel: 'x.json' }, 'v'));
  return { value, problems: problems.finish().map((p) => `${p.severity}@${p.range.start.character}: ${p.messageEn}`) };
}

function schemaOf(shape: Shape<unknown>) {
  const out = new SchemaOut({ profiles: [], rules: [] });
  return { schema: shape.schema(out), definitions: out.definitions };
}

const KEY = ['键', 'key'] as const;

describe('the configuration description layer', () => {
  describe('object', () => {
    const shape = object(
      {
        id: required(text({ nonBlank: true })),
        n: optional(number({ min: 1, integer: true, expected: ['整数', 'a whole number'], invalid: (v, p) => [`${p}`, `"${p}" is ${String(v)}`] })),
        src: withDefault(text(), (at) => `from ${at.ctx.fileLabel}`),
        note: checked(text()),
      },
      { key: KEY, entity: ['项', 'Item'] },
    );

    it('keeps valid fields, fills defaults, drops checked-only ones', () => {
      assert.deepEqual(run(shape, '{"id": "a", "n": 2, "note": "x"}'), { value: { id: 'a', n: 2, src: 'from x.json' }, problems: [] });
    });

    it('drops an invalid optional field and keeps the rest; a default stands in for an invalid value', () => {
      const r = run(shape, '{"id": "a", "n": 0, "src": 3}');
      assert.deepEqual(r.value, { id: 'a', src: 'from x.json' });
      assert.deepEqual(r.problems, ['error@17: "v.n" is 0', 'error@27: "v.src" should be a string, not a number. It is ignored.']);
    });

    it('names every missing required key once and checks nothing else', () => {
      const none = object({ a: required(text()), b: required(text()), c: optional(boolean()) }, { key: KEY, entity: ['项', 'Item'] });
      const r = run(none, '{"c": 1}');
      assert.equal(r.value, undefined);
      assert.deepEqual(r.problems, ['error@0: Item "v" lacks the required "a", "b"; the whole entry is ignored.']);
    });

    it('drops the object when a required value is invalid, after checking every required one', () => {
      const two = object({ a: required(text({ nonBlank: true })), b: required(text()), c: optional(boolean()) }, { key: KEY });
      const r = run(two, '{"a": "", "b": 1, "c": 1}');
      assert.equal(r.value, undefined);
      assert.equal(r.problems.length, 2);
    });

    it('warns about an unknown key with the near one, and about a duplicate key', () => {
      const r = run(shape, '{"id": "a", "id": "b", "nn": 1}');
      assert.deepEqual(r.value, { id: 'b', src: 'from x.json' });
      assert.deepEqual(r.problems, [
        'warning@1: "v.id" appears more than once; the last one is used and this one is ignored.',
        'warning@23: Unknown key "v.nn"; did you mean "n"? It is ignored.',
      ]);
    });

    it('drops the whole object for a field marked so', () => {
      const strict = object({ s: optional(oneOf(['a', 'b'] as const, { expected: ['a 或 b', 'a or b'], invalid: () => ['x', 'bad'] }), { dropsObject: true }) }, { key: KEY });
      assert.equal(run(strict, '{"s": "c"}').value, undefined);
      assert.deepEqual(run(strict, '{}').value, {});
    });

    it('checks fields in the given order; a later one sees what earlier ones kept', () => {
      const seen: unknown[] = [];
      const ordered = object(
        {
          a: optional(refine(text(), (v, _n, at) => (seen.push(at.parent.b), v))),
          b: optional(text()),
        },
        { key: KEY, order: ['b', 'a'] },
      );
      assert.deepEqual(run(ordered, '{"a": "1", "b": "2"}').value, { b: '2', a: '1' });
      assert.deepEqual(seen, ['2']);
      assert.throws(() => object({ a: optional(text()) }, { key: KEY, order: [] }), /not its keys/);
    });

    it('writes a closed object with its required keys and each field’s texts', () => {
      const { schema } = schemaOf(object({ a: required(text(), { description: 'A' }), b: optional(boolean()) }, { key: KEY, doc: { description: 'O' } }));
      assert.deepEqual(schema, {
        type: 'object',
        additionalProperties: false,
        required: ['a'],
        description: 'O',
        properties: { a: { type: 'string', description: 'A' }, b: { type: 'boolean' } },
      });
    });
  });

  describe('list', () => {
    const ids = list(text({ nonBlank: true }), {
      unique: { by: (s) => s, duplicate: (k) => ['', `twice ${k}`] },
      empty: { severity: 'error', message: (p) => ['', `${p} empty`] },
    });

    it('drops bad items one by one and later duplicates', () => {
      const r = run(ids, '["a", "", "a", "b"]');
      assert.deepEqual(r.value, ['a', 'b']);
      assert.deepEqual(r.problems, ['error@6: "v[1]" must not be empty. It is ignored.', 'error@10: twice a']);
    });

    it('refuses a list left empty when that is an error, keeps it when a warning', () => {
      assert.deepEqual(run(ids, '[""]').problems, ['error@0: v empty', 'error@1: "v[0]" must not be empty. It is ignored.']);
      assert.equal(run(ids, '[]').value, undefined);
      const lenient = list(text(), { empty: { severity: 'warning', message: () => ['', 'nothing'] } });
      assert.deepEqual(run(lenient, '[]'), { value: [], problems: ['warning@0: nothing'] });
    });

    it('writes minItems only for an empty list that is an error', () => {
      assert.deepEqual(schemaOf(ids).schema, { type: 'array', items: { type: 'string', minLength: 1, pattern: '\\S' }, minItems: 1 });
    });
  });

  describe('union, record and named shapes', () => {
    const sev = named(
      'sev',
      oneOf(['on', 'off'] as const, {
        expected: ['级别', 'a level'],
        invalid: (v) => ['', `no level ${v}`],
        notA: (path, [, found]) => ['', `${path}: a level or { "level": … }, not ${found}`],
      }),
    );
    const setting = union(sev, object({ level: optional(sev, { dropsObject: true }) }, { key: KEY }));
    const byName = record(setting, {
      keys: (at) => at.ctx.profileIds,
      unknown: (k, s) => ['', `unknown ${k}${s ? ` (${s}?)` : ''}`],
      closed: true,
      schemaKeys: () => [{ key: 'x', doc: { default: 'on' } }],
    });

    it('hands a node to the alternative that reads its kind; any other kind to the first', () => {
      assert.deepEqual(run(byName, '{"x": "on", "y": {"level": "off"}, "z": {}}', ['x', 'y', 'z']).value, { x: 'on', y: { level: 'off' }, z: {} });
      assert.deepEqual(run(byName, '{"x": 1}', ['x']).problems, ['error@6: v.x: a level or { "level": … }, not a number']);
      assert.deepEqual(run(byName, '{"x": {"level": "no"}}', ['x']), { value: {}, problems: ['error@16: no level no'] });
    });

    it('allows the keys of the context only, suggesting the near one', () => {
      assert.deepEqual(run(byName, '{"xy": "on", "__proto__": "on"}', ['xy', '__proto__']).value, JSON.parse('{"xy": "on", "__proto__": "on"}'));
      assert.deepEqual(run(byName, '{"xz": "on"}', ['xy']).problems, ['warning@1: unknown xz (xy?)']);
    });

    it('writes a named shape once under definitions and refers to it', () => {
      const { schema, definitions } = schemaOf(byName);
      assert.deepEqual(schema, { type: 'object', additionalProperties: false, properties: { x: { anyOf: [{ $ref: '#/definitions/sev' }, { type: 'object', additionalProperties: false, properties: { level: { $ref: '#/definitions/sev' } } }], default: 'on' } } });
      assert.deepEqual(definitions, { sev: { type: 'string', enum: ['on', 'off'] } });
    });
  });

  it('infers the type of what a shape keeps', () => {
    const shape = object({ a: required(text()), b: optional(list(boolean())), c: withDefault(text(), () => ''), d: checked(text()) }, { key: KEY });
    const kept: Infer<typeof shape> = { a: '', c: '' };
    const full: Infer<typeof shape> = { a: '', b: [true], c: '' };
    // @ts-expect-error: `d` is checked, never kept
    const extra: Infer<typeof shape> = { a: '', c: '', d: '' };
    // @ts-expect-error: `c` always has a value
    const missing: Infer<typeof shape> = { a: '' };
    assert.ok(kept && full && extra && missing);
  });
});
