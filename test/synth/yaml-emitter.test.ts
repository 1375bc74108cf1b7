import { describe, expect, it } from 'vitest';
import { Yaml } from 'cdk8s';
import { parse } from 'yaml';
import { toYaml } from '../../src/synth/yaml-emitter.js';
import { everyEnvironment, objectsOf } from '../support/synth.js';

/** Strings that YAML treats specially, in every position the emitter lays out differently. */
const AWKWARD = [
  '', ' ', 'on', 'no', 'Yes', 'off', 'y', 'n', '~', 'null', 'true', '0777', '1:30', '1e3', '0x1F', '.5', '-1', '+1', '.inf',
  '- item', '? key', ': colon', 'a: b', 'a #b', '#comment', '&anchor', '*alias', '!tag', '%directive', '@at', '`tick',
  '"quoted"', "'single'", '{flow}', '[seq]', 'trailing ', ' leading', 'tab\there', 'line\nbreak', 'two\nlines\n',
  'kept\n\n\n', '  indented\nblock', 'ends with space \nnext', 'unicode é ✓ 日本', 'nul\u0000x', 'bell\u0007', '\u2028sep',
  'x'.repeat(200), `${'word '.repeat(40)}end`, 'Infinity', 'NULLABLE', 'falsey', 'yes-no', 'a.b.c/d-e_f', 'OnOff1', 'TRUE_x',
  'e10000', 'E-1234', 'e1234a', 'x12345', 'abc-----', 'abcdef.', 'abcdef/', '#!/bin/sh\nset -e\necho "hi"\n', '---', '...', '|', '>', '=', '<<',
];

function sameAsLibrary(obj: unknown): void {
  expect(toYaml(obj)).toBe(Yaml.stringify(obj));
}

describe('the YAML emitter writes exactly what cdk8s (the yaml package) writes', () => {
  it('for every object synthesized from the fixture and the repository inputs', () => {
    let count = 0;
    for (const { charts } of everyEnvironment()) {
      for (const obj of objectsOf(charts)) {
        sameAsLibrary(obj);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it.each(AWKWARD.map((s) => [JSON.stringify(s), s]))('for the string %s as a key, a value, a list item and nested', (_, s) => {
    sameAsLibrary({ [s]: s, k: [s, { [s]: s, inner: [s] }, [s, s]], deep: { deeper: { v: s, list: [[s]] } } });
    // And it reads back as the same value, with the YAML 1.1 rules Kubernetes tools use.
    expect(parse(toYaml({ v: s, l: [s] }), { version: '1.1' })).toEqual({ v: s, l: [s] });
  });

  it('for numbers, booleans, null, empty collections and nested sequences', () => {
    sameAsLibrary({ a: 0, b: -3, c: 1.5, d: 1e21, e: 2 ** 53, f: true, g: false, h: null, i: {}, j: [], k: [[], {}, [[1, 2], [3]]], l: [{}, { m: [] }] });
    sameAsLibrary({ list: [{ a: 1, b: { c: [{ d: 'x' }] } }, 'tail'] });
  });

  it('for strings it writes without asking the library (a letter, then six or more of letters, digits, _ . / -)', () => {
    const first = 'aZyQeE';
    const rest = 'abcXYZ019_./-';
    let seed = 42;
    const pick = (s: string) => s[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % s.length];
    for (let i = 0; i < 5000; i++) {
      let value = pick(first);
      for (let n = 5 + (i % 12); n > 0; n--) value += pick(rest);
      sameAsLibrary({ [value]: value, list: [value] });
    }
  });

  it('for multi-line texts it writes as literal blocks without asking the library, and ones it must not', () => {
    const pieces = ['key: value', '  indented: 1', '- item', 'a: |', '#', '', 'tab\there', 'x', '---', '...', '"q"', 'ü ✓'];
    let seed = 7;
    const pick = <T,>(xs: readonly T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length];
    for (let i = 0; i < 3000; i++) {
      const lines = Array.from({ length: 1 + (i % 7) }, () => pick(pieces));
      const text = lines.join('\n') + pick(['', '\n', '\n\n', ' ', '\n ']);
      sameAsLibrary({ data: { 'config.yaml': text }, nested: { deeper: { text } } });
    }
  });

  it('for random documents built from the awkward strings', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const value = (depth: number): unknown => {
      const pick = next(depth > 3 ? 3 : 6);
      if (pick === 0) return AWKWARD[next(AWKWARD.length)];
      if (pick === 1) return next(1000) - 500;
      if (pick === 2) return next(2) === 0;
      if (pick === 3) return Array.from({ length: next(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: next(4) }, () => [AWKWARD[next(AWKWARD.length)], value(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) sameAsLibrary({ root: value(0), other: value(1) });
  });
});
